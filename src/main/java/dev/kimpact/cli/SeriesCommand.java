package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Severity;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.report.ReportReader;
import dev.kimpact.report.SeriesJsonWriter;
import dev.kimpact.report.SeriesMailWriter;
import dev.kimpact.report.SeriesSarifWriter;
import dev.kimpact.report.SeriesTextWriter;
import dev.kimpact.report.WriterOptions;
import dev.kimpact.series.AckGrouping;
import dev.kimpact.series.CatalogPatchModels;
import dev.kimpact.series.PatchModelIndex;
import dev.kimpact.series.ReleaseCalendar;
import dev.kimpact.series.SeriesAnalysis;
import dev.kimpact.series.SeriesReport;
import dev.kimpact.series.SeriesSources;
import dev.kimpact.series.YamlReleaseCalendar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code kimpact series}: a real patch series, from a git range or an mbox, against MAINTAINERS and other trees. */
@Formats({OutputOptions.Format.text, OutputOptions.Format.json, OutputOptions.Format.yaml,
        OutputOptions.Format.sarif, OutputOptions.Format.markdown})
@Command(name = "series", mixinStandardHelpOptions = true,
        header = "Analyze a patch series from git or an mbox.",
        description = {"Analyze a patch series: each commit's files (renames detected) and trailers;",
                "the MAINTAINERS sections it touches and whether their maintainers signed, acked,",
                "reviewed or were Cc'd; an in-memory merge with each --against tree (conflicting",
                "paths and the commits of both sides, as linux-next reports them); commits dated",
                "too close to a merge window. On a kernel tree, what each commit's code does to",
                "the facts kimpact models (host XCR0 and IA32_XSS, KVM_SUPPORTED_XCR0, the MPX",
                "prctls) is read at its parent and at it, and becomes a derived patch model; when",
                "the series changes one, a built-in impact sweep runs every built-in guest, VMM CPU",
                "model and CPU on the base kernel and on base + series (or --run-scenarios runs",
                "your scenarios). The repository is only read: no object, ref, index or work-tree",
                "file is written.",
                "Rules: merge-conflict (error), missing-maintainer-ack (warning),",
                "late-for-merge-window (note). JSON: docs/REPORT-FORMAT.md, \"series\"."},
        footerHeading = "%nExamples:%n",
        footer = {"  kimpact series --repo ~/linux --range v4.20..tip/x86/mpx --against kvm/next",
                "  kimpact series --range origin/master..HEAD --against next/master -f json \\",
                "      | jq '.merges[].conflicts'",
                "  kimpact series --range v6.1.. --maintainers MAINTAINERS --fail-on warning",
                "  b4 am 20181211175050.GA3817@zn.tnic && kimpact series --mbox ./*.mbx",
                "  kimpact series --mbox v2-series.mbox --repo ~/linux --base v4.20",
                "  kimpact series --repo ~/linux --range v4.20..tip/x86/mpx --run-scenarios scenarios/",
                "  kimpact series --repo ~/linux --range v6.12..my-branch -f json \\",
                "      | jq '.models[] | select(.derived) | .derived.changes'"})
public final class SeriesCommand implements Callable<Integer> {

    /** {@code --fail-on} thresholds. */
    public enum FailOn {
        error(Severity.ERROR), warning(Severity.WARNING), note(Severity.NOTE), never(null);

        final Severity severity;

        FailOn(Severity severity) {
            this.severity = severity;
        }
    }

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The git repository (default: the current directory, searched upwards as git does).")
    Path repo;

    @Option(names = "--range", paramLabel = "A..B",
            description = "The series: commits of B that are not in A, oldest first.")
    String range;

    @Option(names = "--against", paramLabel = "REF",
            description = "Merge B (with --mbox: the patches applied onto --base) with REF in memory and report "
                    + "conflicts; repeatable.")
    List<String> against = new ArrayList<>();

    @Option(names = "--maintainers", paramLabel = "PATH",
            description = "A MAINTAINERS file to use instead of the one in the repository at B (or --base).")
    Path maintainers;

    @Option(names = "--mbox", paramLabel = "FILE",
            description = "Read the series from an mbox (git format-patch, b4 am; - reads stdin) instead of --range.")
    Path mbox;

    @Option(names = "--base", paramLabel = "REV",
            description = "With --mbox and --repo: the revision the patches apply to, in memory (a patch that "
                    + "does not apply is an error), and whose MAINTAINERS applies (default: HEAD, nothing applied).")
    String base;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Exit 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    FailOn failOn = FailOn.error;

    @Option(names = "--run-scenarios", paramLabel = "DIR",
            description = "Run the scenarios under DIR whose hosts apply the series ('patches: [series]': the model "
                    + "derived from its code) or a built-in patch model a commit stands for (matched by subject; see "
                    + "'kimpact patches'), instead of the impact sweep, and report their findings too.")
    Path runScenarios;

    @Option(names = "--no-cache",
            description = "Do not read or write the cache of per-commit facts and merges kept between runs in "
                    + "$XDG_CACHE_HOME/kimpact/series (default ~/.cache/kimpact/series; delete it to clear it). "
                    + "KIMPACT_CACHE=off in the environment does the same.")
    boolean noCache;

    /** The values of --missing-ack-per. */
    enum AckPer { section, commit }

    @Option(names = "--missing-ack-per", paramLabel = "WHAT", defaultValue = "section",
            description = "One missing-maintainer-ack finding per MAINTAINERS section, listing the commits that "
                    + "lack its maintainers (what a maintainer reads), or per commit, listing the sections whose "
                    + "maintainers it lacks (what its author fixes): ${COMPLETION-CANDIDATES} (default: "
                    + "${DEFAULT-VALUE}).")
    AckPer missingAckPer = AckPer.section;

    @Mixin
    IgnoreOption ignore;

    @Mixin
    BaselineOption baseline;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    private final Supplier<ReleaseCalendar> calendar;
    private final PatchModelIndex models;

    /** The built-in calendar (read when the command runs: picocli builds every subcommand at start-up). */
    public SeriesCommand() {
        this(YamlReleaseCalendar::fromClasspath, null);
    }

    /** For wiring another calendar or patch-model index (tests, other front ends); null: the built-in models. */
    public SeriesCommand(Supplier<ReleaseCalendar> calendar, PatchModelIndex models) {
        this.calendar = calendar;
        this.models = models;
    }

    @Override
    public Integer call() {
        if (mbox != null && range != null) {
            throw new InputException(null, "give either --range or --mbox, not both");
        }
        if (mbox == null && range == null) {
            throw new InputException(null, "give the series with --range A..B (and --repo DIR) or --mbox FILE");
        }
        if (base != null && (mbox == null || repo == null)) {
            throw new InputException(null, "--base is for --mbox with --repo (with --range, MAINTAINERS is read at B)");
        }
        if (mbox != null && !against.isEmpty() && (repo == null || base == null)) {
            throw new InputException(null, "--against needs --range, or --mbox with --repo and --base (the revision"
                    + " the patches apply to)");
        }
        if (baseline.readsStdin() && mbox != null && mbox.toString().equals("-")) {
            throw new InputException(null, "--baseline - and --mbox - cannot both read stdin");
        }
        Baseline known = baseline.read(ReportReader.Kind.SERIES);    // a bad baseline is refused before the walk
        // The readers (and JGit) are reached only from here: SeriesSources keeps them out of this class's
        // signatures, which picocli reflects over whenever it builds the command tree. Made first: it starts
        // reading git's configuration while the models and the calendar are read.
        Environment env = spec.root().userObject() instanceof Main main ? main.environment() : Environment.system();
        Path cacheDir = noCache ? null : SeriesSources.cacheDirectory(env::variable).orElse(null);
        SeriesSources sources = new SeriesSources(repo, range, against, maintainers, mbox, base, cacheDir);
        ModelCatalog catalog = new ModelCatalog();
        SeriesAnalysis analysis = new SeriesAnalysis(calendar.get(),
                models != null ? models : new CatalogPatchModels(catalog),
                missingAckPer == AckPer.commit ? AckGrouping.COMMIT : AckGrouping.SECTION, catalog);
        SeriesReport report = mbox != null ? sources.fromMbox(analysis) : sources.fromRange(analysis);
        report = runScenarios != null ? SeriesScenarios.run(runScenarios, report, catalog)
                : SeriesScenarios.sweep(report, catalog);
        report = report.ignoring(ignore.reasons());
        if (output.format() == OutputOptions.Format.json) {     // megabytes for thousands of commits: not held
            SeriesReport whole = report;
            output.emitWhole(spec.commandLine().getOut(), out -> new SeriesJsonWriter().write(whole, known, out));
        } else {
            output.emit(spec.commandLine().getOut(), text(report, known));
        }
        Baseline.Comparison states = known == null ? null : known.compare(report.report());
        return report.report().failsAt(failOn.severity, f -> states == null || states.isNew(f))
                ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** The report in the other formats, as text. */
    private String text(SeriesReport report, Baseline known) {
        return switch (output.format()) {
            case yaml -> new SeriesJsonWriter().writeYaml(report, known);
            case markdown -> new SeriesMailWriter().write(report, known);
            case sarif -> new SeriesSarifWriter(Path.of("")).write(report,
                    WriterOptions.plain(VersionProvider.version()).withBaseline(known));
            default -> new SeriesTextWriter().write(report, known);
        };
    }
}
