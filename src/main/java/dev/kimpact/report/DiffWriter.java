package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link FindingDiff} ({@code kimpact diff}) as text, json or yaml (docs/REPORT-FORMAT.md, section
 * "diff"). Text: the changed values, then one line per finding that disappeared ({@code - }) or appeared
 * ({@code + }) with its step, then a count line.
 */
public final class DiffWriter {

    /** The formats {@code kimpact diff} writes. */
    public static final List<String> FORMATS = List.of("text", "json", "yaml");

    private static final String INDENT = "    ";

    private DiffWriter() {
    }

    public static String write(FindingDiff diff, String format, WriterOptions options) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> text(diff, options);
            case "json" -> Json.write(tree(diff, options));
            case "yaml" -> YamlReportWriter.yaml(tree(diff, options));
            default -> throw new IllegalArgumentException("no diff writer for format '" + format + "'");
        };
    }

    /** The baseline states of the findings that appeared, or null without a baseline. */
    private static Baseline.Comparison states(FindingDiff diff, WriterOptions options) {
        return options.baseline() == null ? null : options.baseline().compare(diff.appeared(), List.of());
    }

    static Map<String, Object> tree(FindingDiff diff, WriterOptions options) {
        String toolVersion = options.toolVersion();
        Baseline.Comparison baseline = states(diff, options);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", Report.FORMAT_VERSION);
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", ReportTree.TOOL_NAME);
        tool.put("version", toolVersion);
        root.put("tool", tool);
        root.put("scenario", diff.scenario());
        root.put("file", diff.file());
        root.put("baseline", new LinkedHashMap<>(diff.baseline()));
        root.put("case", new LinkedHashMap<>(diff.bindings()));
        Set<Finding> anticipated = new HashSet<>(diff.anticipated());
        List<Object> appeared = new ArrayList<>();
        for (Finding f : diff.appeared()) {
            Map<String, Object> m = ReportTree.finding(f, anticipated.contains(f));
            if (baseline != null) {
                m.put("baseline_state", baseline.state(f).id());
            }
            appeared.add(m);
        }
        root.put("appeared", appeared);
        List<Object> disappeared = new ArrayList<>();
        for (Finding f : diff.disappeared()) {
            disappeared.add(ReportTree.finding(f));
        }
        root.put("disappeared", disappeared);
        root.put("unchanged", diff.unchanged());
        if (baseline != null) {
            root.put("baseline_file", baseline.file());
            root.put("absent", ReportTree.absent(baseline.absent()));
        }
        return root;
    }

    private static String text(FindingDiff diff, WriterOptions options) {
        Ansi ansi = new Ansi(options.color());
        StringBuilder out = new StringBuilder();
        out.append(ansi.style(Ansi.BOLD, "== diff " + diff.scenario()));
        if (diff.file() != null) {
            out.append(" (").append(diff.file()).append(')');
        }
        out.append('\n');
        for (Map.Entry<String, String> e : diff.bindings().entrySet()) {
            String was = diff.baseline().get(e.getKey());
            out.append(INDENT).append(e.getKey()).append(": ").append(was == null ? "(not set)" : was)
                    .append(" -> ").append(e.getValue()).append('\n');
        }
        out.append('\n');
        for (Finding f : diff.disappeared()) {
            line(out, ansi, ansi.style(Ansi.GREEN, "-"), f, "");
        }
        Set<Finding> anticipated = new HashSet<>(diff.anticipated());
        Baseline.Comparison baseline = states(diff, options);
        for (Finding f : diff.appeared()) {
            String mark = TextReportWriter.mark(f, baseline).strip();
            line(out, ansi, ansi.style(Ansi.RED, "+") + (mark.isEmpty() ? "" : " " + mark), f,
                    anticipated.contains(f) ? " (anticipated by expect:)" : "");
        }
        if (!diff.appeared().isEmpty() || !diff.disappeared().isEmpty()) {
            out.append('\n');
        }
        if (baseline != null && !baseline.absent().isEmpty()) {
            out.append("absent (appeared in baseline ").append(baseline.file()).append(", not now):\n");
            for (Finding f : baseline.absent()) {
                out.append(INDENT);
                line(out, ansi, "", f, "");
            }
            out.append('\n');
        }
        String counts = diff.appeared().size() + " appeared, " + diff.disappeared().size() + " disappeared, "
                + diff.unchanged() + " unchanged";
        out.append(ansi.style(Ansi.BOLD, baseline == null ? counts
                : counts + "; " + SummaryLine.counts(diff.appeared(), baseline))).append('\n');
        return out.toString();
    }

    private static void line(StringBuilder out, Ansi ansi, String sign, Finding f, String note) {
        out.append(sign).append(sign.isEmpty() ? "" : " ").append(ansi.severity(f.severity(), f.severity().id()))
                .append('[').append(ansi.style(Ansi.BOLD, f.rule())).append(']');
        String subject = TextReportWriter.subject(f);
        if (!subject.isEmpty()) {
            out.append(' ').append(subject);
        }
        out.append(": ").append(f.message()).append(note).append('\n');
        String at = TextReportWriter.at(f);
        if (!at.isEmpty()) {
            out.append(INDENT).append(ansi.style(Ansi.DIM, "at: " + at)).append('\n');
        }
    }
}
