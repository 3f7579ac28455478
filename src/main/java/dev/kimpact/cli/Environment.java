package dev.kimpact.cli;

import java.util.function.Function;

/**
 * What kimpact reads from its surroundings besides arguments: environment variables and whether stdout is a
 * terminal. Commands take it as a value so that tests can give their own.
 *
 * @param variables        looks up an environment variable (null when unset)
 * @param stdoutIsTerminal true when stdout is an interactive terminal
 */
public record Environment(Function<String, String> variables, boolean stdoutIsTerminal) {

    /** The real process environment; a terminal when the JVM has a console. */
    public static Environment system() {
        return new Environment(System::getenv, System.console() != null);
    }

    public String variable(String name) {
        return variables.apply(name);
    }
}
