package dev.kimpact.report;

import dev.kimpact.finding.Report;

/** {@code --format json}: the tree of docs/REPORT-FORMAT.md, pretty-printed. */
public final class JsonReportWriter implements ReportWriter {

    @Override
    public String write(Report report, WriterOptions options) {
        return Json.write(ReportTree.of(report, options.toolVersion()));
    }
}
