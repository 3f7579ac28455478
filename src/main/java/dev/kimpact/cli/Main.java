package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.OneLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;

/** The {@code kimpact} command: subcommands, global options, exit statuses and one-line errors. */
@Command(name = "kimpact",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Kernel patch-series impact analyzer: what breaks, for whom, and in which merge window,",
                "if this patch series lands? Executes XSAVE/KVM scenarios on an embedded XSAVE emulator,",
                "reads patch series from git or mbox, and reports merge-window and ABI risks."},
        subcommands = {
                RunCommand.class,
                DiffCommand.class,
                MergeReportsCommand.class,
                CheckCommand.class,
                CpusCommand.class,
                KernelsCommand.class,
                PatchesCommand.class,
                GuestsCommand.class,
                LayoutCommand.class,
                SeriesCommand.class,
                XsetbvCommand.class,
                ExplainCommand.class,
                CompletionCommand.class,
                CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:no finding at or above --fail-on (or: the instruction succeeded)",
                "1:findings at or above --fail-on (or: the instruction faulted)",
                "2:bad input or usage",
                "3:I/O or internal error"})
public final class Main implements Runnable {

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print more detail; on an internal error, the stack trace.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only findings and errors.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The surroundings the subcommands see (tests give their own). */
    private Environment environment;

    Environment environment() {
        return environment != null ? environment : Environment.system();
    }

    boolean quiet() {
        return quiet;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int rc = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(rc);
    }

    /** Runs kimpact with the given streams; the entry point tests drive. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(Environment.system(), out, err, args);
    }

    /** Runs kimpact in {@code env} (terminals, variables, clock) with the given streams. */
    public static int run(Environment env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(out, err);
        ((Main) cl.getCommand()).environment = env;
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("kimpact: error: " + OneLine.of(ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            PrintWriter e = c.getErr();
            if (ex instanceof InputException ie) {
                e.println("kimpact: error: " + ie.render());
                return ExitCodes.BAD_INPUT;
            }
            if (ex instanceof UncheckedIOException io) {
                e.println("kimpact: error: " + OneLine.of(io.getCause().getMessage()));
                return ExitCodes.INTERNAL;
            }
            e.println("kimpact: internal error: " + OneLine.of(String.valueOf(ex)) + (main.verbose ? "" : " (run with -v for details)"));
            if (main.verbose) {
                ex.printStackTrace(e);
            }
            return ExitCodes.INTERNAL;
        });
        return cl;
    }
}
