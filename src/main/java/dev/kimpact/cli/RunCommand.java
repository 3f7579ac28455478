package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.finding.Shard;
import dev.kimpact.report.ReportReader;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.whatif.AllValues;
import dev.kimpact.whatif.CaseRunner;
import dev.kimpact.whatif.Dimension;
import dev.kimpact.whatif.Matrix;
import dev.kimpact.whatif.ScenarioCases;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code kimpact run}: execute scenarios on the emulator and report what breaks. */
@Formats({OutputOptions.Format.text, OutputOptions.Format.json, OutputOptions.Format.yaml, OutputOptions.Format.sarif, OutputOptions.Format.markdown,
        OutputOptions.Format.svg})
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run scenarios on the XSAVE emulator and report what breaks.",
        description = {"Load scenarios (files, directories searched for *.yaml, or - for stdin),",
                "execute their steps on the XSAVE emulator with each host kernel's real",
                "sequences, and report merge-window and ABI risks. A scenario with expect:",
                "entries is a regression check: an unmet expectation is an error.",
                "",
                "What-if: --set changes values of every scenario before it is loaded;",
                "--matrix runs the cartesian product of values as cases, in parallel,",
                "reported in case order (in text, a table with one row per case). A case",
                "that its values make impossible to run (a kernel that cannot boot on that",
                "CPU) is a case-invalid finding of that case; a value or path that is wrong",
                "in itself is bad input (exit status 2)."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact run scenarios/",
                "  kimpact run scenarios/mpx-removal-4.21.yaml --format json | jq '.findings[].rule'",
                "  kimpact run scenarios/ --format sarif --output kimpact.sarif --fail-on warning",
                "  kimpact run scenarios/ --ignore xsave-size-changed,user-abi-removed",
                "  kimpact run scenarios/mpx-removal-4.21.yaml --set hosts.new.kernel=4.22",
                "  kimpact run scenarios/mpx-removal-4.21.yaml --matrix cpu=all \\",
                "      --matrix hosts.new.kernel=4.20,4.21,4.22",
                "  kimpact run big.yaml --matrix hosts.new.kernel=all --shard 2/4 -f json"})
public final class RunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Scenario files, or directories (their *.yaml files outside hidden directories; files without "
                    + "scenario: are skipped, named with -v); - reads stdin.")
    List<String> paths;

    @Mixin
    IgnoreOption ignore;

    @Mixin
    SetOption set;

    @Option(names = "--matrix", paramLabel = "PATH=V1,V2,...",
            description = {"Run one case per value (repeatable: the cartesian product, first option varying slowest). "
                    + "Values are split at commas outside [] and {}. 'all' means every built-in model: for cpu and "
                    + "hosts.NAME.cpu the CPUs, for hosts.NAME.kernel the kernel versions, for guests.NAME.kernel the "
                    + "guest models, for guests.NAME.vmm.cpu-model the VMM CPU models. At most "
                    + "10,000 cases per run."})
    List<String> matrix = new ArrayList<>();

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardConverter.class,
            description = "Run only the cases whose 0-based index k has k mod N = I-1 (1 <= I <= N), counting the "
                    + "cases of every scenario given, in order, so that N machines share many scenarios or a large "
                    + "matrix; kimpact merge-reports joins their JSON reports.")
    Shard shard;

    /** More threads than this only wait for the processors (and a container may refuse to start them). */
    static final int MAX_JOBS = 1024;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Run cases on N threads, 1 to " + MAX_JOBS + " (default: the number of processors). The "
                    + "report does not depend on N.")
    Integer jobs;

    @Mixin
    ReportOutput output;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, String> ignored = ignore.reasons();
        if (output.baselineReadsStdin() && paths.contains("-")) {
            throw new InputException("--baseline - and the scenario - cannot both read stdin");
        }
        output.baseline(ReportReader.Kind.RUN);         // a bad baseline is refused before the run
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1 || threads > MAX_JOBS) {
            throw new InputException("--jobs " + threads + ": expected 1 to " + MAX_JOBS + " threads");
        }
        ModelCatalog models = new ModelCatalog();
        ScenarioLoader loader = ScenarioLoaders.of(models);
        Matrix cases = new Matrix(set.assignments(), dimensions(models));
        List<ScenarioCases> planned = new ArrayList<>();
        long before = 0;                        // cases of the documents so far: a shard takes every N-th of the run
        for (ScenarioLoader.Source source : loader.expand(paths)) {
            List<ScenarioLoader.Document> docs = loader.documents(source, System.in);
            if (docs.isEmpty()) {
                Main.noteSkipped(spec, source.path());
            }
            for (ScenarioLoader.Document doc : docs) {
                planned.add(ScenarioCases.plan(loader, doc, cases, shard == null ? Shard.ALL : shard, before));
                before += cases.size();
            }
        }
        Environment env = main == null ? Environment.system() : main.environment();
        int total = planned.stream().mapToInt(p -> p.indexes().size()).sum();
        boolean quiet = main != null && main.quiet();
        long start = env.nanoTime().getAsLong();
        Progress progress = new Progress(spec.commandLine().getErr(), env.stderrIsTerminal() && !quiet,
                env.nanoTime(), total);
        CaseRunner runner = new CaseRunner(loader, ignored);
        Runnable timed = () -> {
            if (main != null && main.verbose) {
                double seconds = Math.max(1e-9, (env.nanoTime().getAsLong() - start) / 1e9);
                spec.commandLine().getErr().printf(java.util.Locale.ROOT, "kimpact: %d cases in %.2f s (%.0f cases/s, "
                        + "%d threads)%n", total, seconds, total / seconds, threads);
                spec.commandLine().getErr().flush();
            }
        };
        if (output.streams()) {
            // Each case's findings are written as it completes: the report is never held as a whole.
            return output.write((report, failOn) -> {
                boolean failed = false;
                try {
                    for (ScenarioCases p : planned) {
                        boolean[] fails = {false};
                        List<Report.Expectation> expectations = p.stream(runner, threads, progress::tick, r -> {
                            List<Finding> counted = report.findings(r.findings(), r.anticipated());
                            report.suppressed(r.suppressed());
                            fails[0] |= failsAt(counted, r.anticipated(), failOn);
                        });
                        failed |= fails[0];
                        report.scenario(p.base().name(), p.base().file(), p.base().summary(), p.cases(), expectations);
                    }
                } finally {
                    progress.finish();
                }
                timed.run();
                report.finish(shard);
                return failed;
            });
        }
        List<Finding> findings = new ArrayList<>();
        List<Report.Suppressed> suppressed = new ArrayList<>();
        List<Report.ScenarioResult> results = new ArrayList<>();
        List<Finding> anticipated = new ArrayList<>();
        try {
            for (ScenarioCases p : planned) {
                ScenarioCases.Outcome o = p.run(runner, threads, progress::tick);
                findings.addAll(o.findings());
                suppressed.addAll(o.suppressed());
                anticipated.addAll(o.anticipated());
                results.add(o.result());
            }
        } finally {
            progress.finish();
        }
        timed.run();
        return output.write(new Report(findings, suppressed, results, anticipated, shard));
    }

    /**
     * {@link Report#failsAt} for the findings of one case that count ({@code counted}): its anticipated findings
     * are few, so a list look-up (no hash of each finding's evidence).
     */
    private static boolean failsAt(List<Finding> counted, List<Finding> anticipated, Severity threshold) {
        if (threshold == null) {
            return false;
        }
        for (Finding f : counted) {
            if (f.severity().atLeast(threshold) && !anticipated.contains(f)) {
                return true;
            }
        }
        return false;
    }

    private List<Dimension> dimensions(ModelCatalog models) {
        AllValues all = new AllValues(models);
        List<Dimension> out = new ArrayList<>();
        for (String m : matrix) {
            out.add(Dimension.parse(m, all::of));
        }
        return out;
    }
}
