package dev.kimpact.cli;

import dev.kimpact.finding.Report;
import dev.kimpact.report.DiffWriter;
import dev.kimpact.report.FindingDiff;
import dev.kimpact.report.ReportWriter;
import dev.kimpact.report.WriterOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Mixin: the tail of the commands that end in a report ({@code run}, {@code diff}, {@code merge-reports}):
 * {@code --format} and {@code --output}, {@code --fail-on} and {@code --color}, in that order. A command builds its
 * report and hands it to {@link #write(Report)} or {@link #write(FindingDiff)}, which write it (to stdout, or
 * atomically to the file) and decide the exit status.
 */
public final class ReportOutput {

    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOption failOn;

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
        output.emit(command.commandLine().getOut(), ReportWriter.forFormat(format().name()).write(report, options()));
        return exitCode(report.failsAt(failOn.threshold()));
    }

    /**
     * Writes {@code diff} in {@code --format} (one of {@link DiffWriter#FORMATS}); {@link ExitCodes#FINDINGS} if a
     * finding at or above {@code --fail-on} appeared, else {@link ExitCodes#OK}.
     */
    public int write(FindingDiff diff) {
        output.emit(command.commandLine().getOut(), DiffWriter.write(diff, format().name(), options()));
        return exitCode(diff.failsAt(failOn.threshold()));
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
