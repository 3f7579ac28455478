package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.OneLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** The {@code kimpact} command: subcommands, global options, exit statuses and one-line errors. */
@Command(name = "kimpact",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Kernel patch-series impact analyzer: what breaks, for whom, and in which merge window,",
                "if this patch series lands? Executes XSAVE/KVM scenarios on an embedded XSAVE emulator,",
                "reads patch series from git or mbox, and reports merge-window and ABI risks."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:no finding at or above --fail-on (or: the instruction succeeded)",
                "1:findings at or above --fail-on (or: the instruction faulted)",
                "2:bad input or usage",
                "3:I/O or internal error"})
public final class Main implements Callable<Integer> {

    /**
     * The subcommands in the order {@code kimpact --help} lists them. They are added to the command line by
     * {@link #commandLine(PrintWriter, PrintWriter, String...)}: building a picocli model reflects over a
     * command's fields and methods, so a run builds only the subcommand it runs (start-up, docs/PERFORMANCE.md).
     */
    static final List<String> SUBCOMMANDS = List.of("run", "diff", "merge-reports", "check", "cpus", "kernels",
            "patches", "guests", "layout", "series", "xsetbv", "explain", "completion", "help");

    /** A new instance of subcommand {@code name} (a switch, not lambdas: nothing else is loaded or linked). */
    static Object newSubcommand(String name) {
        return switch (name) {
            case "run" -> new RunCommand();
            case "diff" -> new DiffCommand();
            case "merge-reports" -> new MergeReportsCommand();
            case "check" -> new CheckCommand();
            case "cpus" -> new CpusCommand();
            case "kernels" -> new KernelsCommand();
            case "patches" -> new PatchesCommand();
            case "guests" -> new GuestsCommand();
            case "layout" -> new LayoutCommand();
            case "series" -> new SeriesCommand();
            case "xsetbv" -> new XsetbvCommand();
            case "explain" -> new ExplainCommand();
            case "completion" -> new CompletionCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Print more detail; on an internal error, the stack trace.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Print only findings and errors.")
    boolean quiet;

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Read per-project defaults from FILE instead of .kimpact.yaml at the root of the git work "
                    + "tree (keys format, fail-on, maintainers, ignore; options given on the command line win). "
                    + "KIMPACT_CONFIG=off in the environment ignores .kimpact.yaml.")
    Path config;

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

    /** The {@code kimpact} command above {@code command} (null when a test runs a subcommand alone). */
    static Main of(CommandLine.Model.CommandSpec command) {
        return command.root().userObject() instanceof Main main ? main : null;
    }

    /** {@code -v}, as seen from {@code command}. */
    static boolean verbose(CommandLine.Model.CommandSpec command) {
        Main main = of(command);
        return main != null && main.verbose;
    }

    /** {@code -q}, as seen from {@code command}. */
    static boolean quiet(CommandLine.Model.CommandSpec command) {
        Main main = of(command);
        return main != null && main.quiet;
    }

    /** Under {@code -v}, names a file a directory scan found and skipped because it holds no scenario. */
    static void noteSkipped(CommandLine.Model.CommandSpec command, Path file) {
        if (verbose(command)) {
            command.commandLine().getErr().println("kimpact: skipped " + file + ": no 'scenario:' document");
            command.commandLine().getErr().flush();
        }
    }

    /** A bare {@code kimpact}: no command given, a usage error; the usage goes to stderr. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
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
        return printedVersion(out, args) ? ExitCodes.OK : run(Environment.system(), out, err, args);
    }

    /**
     * {@code kimpact --version} alone: prints what picocli would, without building its command model or
     * anything else (start-up, docs/PERFORMANCE.md). False for any other arguments.
     */
    private static boolean printedVersion(PrintWriter out, String... args) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
            return false;
        }
        for (String line : VersionProvider.lines()) {
            out.println(line);
        }
        out.flush();
        return true;
    }

    /** Runs kimpact in {@code env} (terminals, variables, clock) with the given streams. */
    public static int run(Environment env, PrintWriter out, PrintWriter err, String... args) {
        if (printedVersion(out, args)) {
            return ExitCodes.OK;
        }
        CommandLine cl = commandLine(out, err, args);
        ((Main) cl.getCommand()).environment = env;
        int configError = ProjectDefaults.install(cl, args, env);
        if (configError != ExitCodes.OK) {
            return configError;
        }
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    /** The whole command tree (documentation, completion). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, SUBCOMMANDS);
    }

    /**
     * The command tree {@code args} need: only the subcommand they name; none for a bare {@code --version};
     * all of them for {@code help}, {@code completion}, {@code --help}, a bare {@code kimpact} and anything
     * picocli has to report as unknown (so that its usage lists and suggestions are complete).
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, subcommandsFor(args));
    }

    static List<String> subcommandsFor(String... args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals("--")) {
                return SUBCOMMANDS;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                return SUBCOMMANDS.contains(a) && !a.equals("help") && !a.equals("completion") ? List.of(a)
                        : SUBCOMMANDS;
            }
            if (a.equals("-h") || a.equals("--help")) {
                return SUBCOMMANDS;
            }
            version |= a.equals("--version") || !a.startsWith("--") && a.indexOf('V') > 0 && shortOptions(a);
        }
        return version ? List.of() : SUBCOMMANDS;
    }

    /** {@code -vqV}: a cluster of kimpact's own short options. */
    private static boolean shortOptions(String a) {
        for (int i = 1; i < a.length(); i++) {
            if ("vqV".indexOf(a.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err, List<String> subcommands) {
        Main main = new Main();
        CommandLine cl = new CommandLine(main);
        for (String name : subcommands) {
            cl.addSubcommand(name, newSubcommand(name));
            OutputOptions.narrow(cl.getSubcommands().get(name).getCommandSpec());
        }
        cl.setExecutionStrategy(parsed -> {
            OutputOptions.check(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        HelpLayout.install(cl);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println(HelpLayout.usageError(ex));
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
