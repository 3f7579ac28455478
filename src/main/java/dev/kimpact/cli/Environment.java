package dev.kimpact.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What kimpact reads from its surroundings besides arguments: environment variables, whether stdout and stderr
 * are terminals, and the clock. Commands take it as a value so that tests can give their own.
 *
 * @param variables        looks up an environment variable (null when unset)
 * @param stdoutIsTerminal true when stdout is an interactive terminal
 * @param stderrIsTerminal true when stderr is an interactive terminal (progress lines go there)
 * @param nanoTime         a monotonic clock in nanoseconds ({@link System#nanoTime()})
 */
public record Environment(Function<String, String> variables, boolean stdoutIsTerminal, boolean stderrIsTerminal,
                          LongSupplier nanoTime) {

    /** An environment whose stderr is not a terminal, with the real clock. */
    public Environment(Function<String, String> variables, boolean stdoutIsTerminal) {
        this(variables, stdoutIsTerminal, false, System::nanoTime);
    }

    /** The real process environment; stdout is a terminal when the JVM has a console. */
    public static Environment system() {
        return new Environment(System::getenv, System.console() != null, stderrTerminal(), System::nanoTime);
    }

    public String variable(String name) {
        return variables.apply(name);
    }

    /**
     * Whether file descriptor 2 is a terminal: where /proc tells (Linux), a tty or pty device; elsewhere, whether
     * the JVM has a console.
     */
    private static boolean stderrTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall through
        }
        return System.console() != null;
    }
}
