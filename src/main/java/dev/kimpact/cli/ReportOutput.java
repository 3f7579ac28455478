package dev.kimpact.cli;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.report.DiffWriter;
import dev.kimpact.report.FindingDiff;
import dev.kimpact.report.ReportReader;
import dev.kimpact.report.ReportWriter;
import dev.kimpact.report.RunReportStream;
import dev.kimpact.report.WriterOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/**
 * Mixin: the tail of the commands that end in a report ({@code run}, {@code diff}, {@code merge-reports}):
 * {@code --format} and {@code --output}, {@code --fail-on}, {@code --baseline} and {@code --color}, in that order. A
 * command builds its report and hands it to {@link #write(Report)} or {@link #write(FindingDiff)}, which write it
 * (to stdout, or atomically to the file) and decide the exit status: with a baseline, only new findings count.
 */
public final class ReportOutput {

    private Baseline known;

    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOption failOn;

    @Mixin
    BaselineOption baseline;

    @Mixin
    ColorOption color;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** {@code --format}. */
    public OutputOptions.Format format() {
        return output.format();
    }

    /**
     * Writes {@code report} with the writer of {@code --format}; {@link ExitCodes#FINDINGS} if a finding at or above
     * {@code --fail-on} remains, else {@link ExitCodes#OK}.
     */
    public int write(Report report) {
        Baseline b = baseline(ReportReader.Kind.RUN);
        output.emit(command.commandLine().getOut(), ReportWriter.forFormat(format().name())
                .write(report, options().withBaseline(b)));
        if (b == null) {
            return exitCode(report.failsAt(failOn.threshold()));
        }
        return exitCode(report.failsAt(failOn.threshold(), b.compare(report)::isNew));
    }

    /**
     * {@code --baseline}, read once and checked to be a JSON report of {@code kind} (null without the option): a
     * command calls this before its work, so that a bad baseline is refused before a long run.
     */
    public Baseline baseline(ReportReader.Kind kind) {
        if (known == null && baseline.file != null) {
            known = baseline.read(kind);
        }
        return known;
    }

    /** Whether {@code --baseline -} reads stdin. */
    public boolean baselineReadsStdin() {
        return baseline.readsStdin();
    }

    /** Whether {@code --format} is written while the run goes on, through a {@link RunReportStream}. */
    public boolean streams() {
        return RunReportStream.writes(format().name());
    }

    /** A report written piece by piece ({@link #write(Streamed)}). */
    @FunctionalInterface
    public interface Streamed {
        /**
         * Writes the report onto {@code report}; true if a finding fails the run at {@code failOn} (null: never),
         * counting those {@link RunReportStream#findings} returns (with a baseline, the new ones).
         */
        boolean writeTo(RunReportStream report, Severity failOn);
    }

    /**
     * Writes the report {@code body} streams in {@code --format} (one that {@link #streams()}), to stdout once it is
     * complete or atomically to the file; {@link ExitCodes#FINDINGS} if {@code body} says a finding fails the run.
     */
    public int write(Streamed body) {
        boolean[] failed = new boolean[1];
        output.emit(command.commandLine().getOut(), out -> {
            try (RunReportStream report = RunReportStream.open(format().name(), out,
                    options().withBaseline(baseline(ReportReader.Kind.RUN)))) {
                failed[0] = body.writeTo(report, failOn.threshold());
            }
        });
        return exitCode(failed[0]);
    }

    /**
     * Writes {@code diff} in {@code --format} (one of {@link DiffWriter#FORMATS}); {@link ExitCodes#FINDINGS} if a
     * finding at or above {@code --fail-on} appeared, else {@link ExitCodes#OK}.
     */
    public int write(FindingDiff diff) {
        Baseline b = baseline(ReportReader.Kind.DIFF);
        output.emit(command.commandLine().getOut(), DiffWriter.write(diff, format().name(),
                options().withBaseline(b)));
        if (b == null) {
            return exitCode(diff.failsAt(failOn.threshold()));
        }
        return exitCode(diff.failsAt(failOn.threshold(), b.compare(diff.appeared(), List.of())::isNew));
    }

    private static int exitCode(boolean failed) {
        return failed ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Colours (as --color, --output and the environment decide), the tool version and -q, for a writer. */
    private WriterOptions options() {
        return new WriterOptions(color.enabled(environment(), output.toFile()), VersionProvider.version(),
                Main.quiet(command));
    }

    /** The environment {@link Main} runs in (tests give their own); the process's outside of Main. */
    private Environment environment() {
        return command.root().userObject() instanceof Main main ? main.environment() : Environment.system();
    }
}
