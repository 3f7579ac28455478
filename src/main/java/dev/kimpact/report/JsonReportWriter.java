package dev.kimpact.report;

import dev.kimpact.finding.Report;

import java.io.StringWriter;
import java.util.HashSet;

/** {@code --format json}: the tree of docs/REPORT-FORMAT.md, pretty-printed. */
public final class JsonReportWriter implements ReportWriter {

    @Override
    public String write(Report report, WriterOptions options) {
        return whole(report, "json", options);
    }

    /** {@code report} in {@code format} (one of {@link RunReportStream#FORMATS}), written at once. */
    static String whole(Report report, String format, WriterOptions options) {
        StringWriter out = new StringWriter(1 << 16);
        try (RunReportStream s = RunReportStream.open(format, out, options)) {
            s.findings(report.findings(), new HashSet<>(report.anticipated()));
            s.suppressed(report.suppressed());
            report.scenarios().forEach(s::scenario);
            s.finish(report.shard());
        }
        return out.toString();
    }
}
