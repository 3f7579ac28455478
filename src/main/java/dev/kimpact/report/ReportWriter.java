package dev.kimpact.report;

import dev.kimpact.finding.Report;
import java.util.List;
import java.util.Locale;

/** Renders a {@link Report} in one output format (text, json, yaml, sarif, markdown, svg). */
public interface ReportWriter {

    /** The format names accepted by {@link #forFormat}, as {@code --format} spells them. */
    List<String> FORMATS = List.of("text", "json", "yaml", "sarif", "markdown", "svg");

    String write(Report report, WriterOptions options);

    /** The writer of {@code format} (one of {@link #FORMATS}, case-insensitive). */
    static ReportWriter forFormat(String format) {
        switch (format.toLowerCase(Locale.ROOT)) {
            case "text":
                return new TextReportWriter();
            case "json":
                return new JsonReportWriter();
            case "yaml":
                return new YamlReportWriter();
            case "sarif":
                return new SarifReportWriter();
            case "markdown":
                return new MarkdownReportWriter();
            case "svg":
                return new SvgReportWriter();
            default:
                throw new IllegalArgumentException("no report writer for format '" + format + "'");
        }
    }
}
