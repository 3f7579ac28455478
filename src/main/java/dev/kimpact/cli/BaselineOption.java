package dev.kimpact.cli;

import dev.kimpact.finding.Baseline;
import dev.kimpact.report.ReportReader;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Mixin: {@code --baseline FILE}, the JSON report of an earlier run of the same command. Each finding is then new or
 * unchanged, the baseline's findings this run does not have are absent, and only new findings count for
 * {@code --fail-on}.
 */
public final class BaselineOption {

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "A JSON report (--format json) of an earlier run of this command; - reads stdin. Each "
                    + "finding is marked new or unchanged, the baseline's findings this run lacks are listed as "
                    + "absent, and only new findings count for --fail-on.")
    Path file;

    /** Whether {@code --baseline -} reads stdin. */
    public boolean readsStdin() {
        return file != null && file.toString().equals("-");
    }

    /** The baseline, read and checked to be a report of {@code kind}; null without {@code --baseline}. */
    public Baseline read(ReportReader.Kind kind) {
        if (file == null) {
            return null;
        }
        ReportInput input = ReportInput.read(file, System.in);
        return ReportReader.baseline(input.shown(), input.json(), kind);
    }
}
