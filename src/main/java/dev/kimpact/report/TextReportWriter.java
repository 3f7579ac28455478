package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code --format text}: per scenario, its findings most severe first, each as
 * {@code error[rule] guest host: message} followed by indented evidence lines and the remedy; then the
 * expectations and the suppressed findings; last, the summary line. ANSI colours only when enabled. With a
 * baseline, each finding starts with {@code [new]} or {@code [unchanged]}, the baseline's findings this run does
 * not have are listed under {@code absent}, and the summary line counts the three.
 */
public final class TextReportWriter implements ReportWriter {

    private static final String INDENT = "    ";

    @Override
    public String write(Report report, WriterOptions options) {
        Ansi ansi = new Ansi(options.color());
        Baseline.Comparison baseline = options.baseline() == null ? null : options.baseline().compare(report);
        StringBuilder out = new StringBuilder();
        for (ScenarioSection section : ScenarioSection.of(report)) {
            if (options.quiet()) {
                if (isMatrix(section)) {
                    MatrixTable.render(section, ansi, out);
                } else {
                    section.findings().forEach(f -> finding(f, baseline, ansi, out));
                }
                continue;
            }
            header(section, ansi, out);
            if (isMatrix(section)) {
                MatrixTable.render(section, ansi, out);
                expectations(section, ansi, out);
                suppressedCounts(section, ansi, out);
                continue;
            }
            for (Finding f : section.findings()) {
                finding(f, baseline, ansi, out);
            }
            if (section.findings().isEmpty()) {
                out.append(INDENT).append("no findings\n\n");
            }
            expectations(section, ansi, out);
            suppressed(section, ansi, out);
        }
        if (baseline != null && !options.quiet()) {
            absent(baseline, ansi, out);
        }
        if (!options.quiet()) {
            out.append(ansi.style(Ansi.BOLD, SummaryLine.of(report, baseline))).append('\n');
        }
        return out.toString();
    }

    /** A scenario run as several cases: a table instead of every finding in full. */
    private static boolean isMatrix(ScenarioSection section) {
        return section.result() != null && section.result().cases().size() > 1;
    }

    private static void header(ScenarioSection section, Ansi ansi, StringBuilder out) {
        Report.ScenarioResult r = section.result();
        String title = section.name().isEmpty() ? "(no scenario)" : section.name();
        out.append(ansi.style(Ansi.BOLD, "== " + title));
        if (r != null && r.file() != null) {
            out.append(" (").append(r.file()).append(')');
        }
        out.append('\n');
        if (r != null && r.summary() != null && !r.summary().isBlank()) {
            out.append(INDENT).append(r.summary()).append('\n');
        }
        if (r != null && r.cases().size() > 1) {
            out.append(INDENT).append(SummaryLine.plural(r.cases().size(), "case")).append('\n');
        }
        out.append('\n');
    }

    static String subject(Finding f) {
        List<String> parts = new ArrayList<>();
        if (f.guest() != null) {
            parts.add(f.guest());
        }
        if (f.host() != null) {
            parts.add(f.host());
        }
        return String.join(" ", parts);
    }

    /** {@code [new] } or {@code [unchanged] } before a finding, with a baseline; else nothing. */
    static String mark(Finding f, Baseline.Comparison baseline) {
        return baseline == null ? "" : "[" + baseline.state(f).id() + "] ";
    }

    /** The baseline's findings this run does not have: one line each, under their own heading. */
    private static void absent(Baseline.Comparison baseline, Ansi ansi, StringBuilder out) {
        if (baseline.absent().isEmpty()) {
            return;
        }
        out.append("absent (in baseline ").append(baseline.file()).append(", not in this run):\n");
        for (Finding f : baseline.absent()) {
            brief(f, ansi, out);
            if (!f.bindings().isEmpty()) {
                out.append(INDENT).append("  case: ").append(bindings(f.bindings())).append('\n');
            }
        }
        out.append('\n');
    }

    /** A finding on one indented, dimmed line: {@code error[rule] guest host: message}. */
    private static void brief(Finding f, Ansi ansi, StringBuilder out) {
        out.append(INDENT).append(ansi.style(Ansi.DIM, f.severity().id() + "[" + f.rule() + "]"));
        String subject = subject(f);
        if (!subject.isEmpty()) {
            out.append(' ').append(subject);
        }
        out.append(": ").append(f.message()).append('\n');
    }

    private static void finding(Finding f, Baseline.Comparison baseline, Ansi ansi, StringBuilder out) {
        out.append(mark(f, baseline)).append(ansi.severity(f.severity(), f.severity().id()))
                .append('[').append(ansi.style(Ansi.BOLD, f.rule())).append(']');
        String subject = subject(f);
        if (!subject.isEmpty()) {
            out.append(' ').append(subject);
        }
        out.append(": ").append(f.message()).append('\n');
        String at = at(f);
        if (!at.isEmpty()) {
            out.append(INDENT).append(ansi.style(Ansi.DIM, "at: " + at)).append('\n');
        }
        if (!f.bindings().isEmpty()) {
            out.append(INDENT).append("case: ").append(bindings(f.bindings())).append('\n');
        }
        Optional<EvidenceDiagram> diagram = EvidenceDiagram.of(f);
        for (EvidenceLines.Line line : EvidenceLines.of(diagram.map(EvidenceDiagram::evidence).orElse(f.evidence()))) {
            out.append(INDENT).append("  ".repeat(line.depth())).append(line.text()).append('\n');
        }
        diagram.ifPresent(d -> {
            out.append('\n');
            d.lines().forEach(line -> out.append(INDENT).append(line).append('\n'));
            out.append('\n');
        });
        if (f.remedy() != null && !f.remedy().isBlank()) {
            out.append(INDENT).append(ansi.style(Ansi.GREEN, "remedy:")).append(' ').append(f.remedy()).append('\n');
        }
        out.append('\n');
    }

    /** The step and where it is written: {@code migrate rhel7 old->new (a.yaml:23)}. */
    static String at(Finding f) {
        String where = ReportTree.fileLine(f.location());
        if (f.step() == null) {
            return where == null ? "" : where;
        }
        return where == null ? f.step() : f.step() + " (" + where + ")";
    }

    static String bindings(Map<String, String> bindings) {
        return bindings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static void expectations(ScenarioSection section, Ansi ansi, StringBuilder out) {
        if (section.result() == null || section.result().expectations().isEmpty()) {
            return;
        }
        out.append("expectations:\n");
        for (Report.Expectation e : section.result().expectations()) {
            out.append(INDENT)
                    .append(e.met() ? ansi.style(Ansi.GREEN, "met  ") : ansi.style(Ansi.RED, "UNMET"))
                    .append(' ').append(expectation(e)).append('\n');
        }
        out.append('\n');
    }

    /** {@code migration-xcrs-rejected for guest rhel7} or {@code no xstate-lost for guest rhel7 on host new}. */
    static String expectation(Report.Expectation e) {
        StringBuilder sb = new StringBuilder(e.present() ? "" : "no ").append(e.rule());
        if (e.guest() != null) {
            sb.append(" for guest ").append(e.guest());
        }
        if (e.host() != null) {
            sb.append(e.guest() != null ? " on host " : " for host ").append(e.host());
        }
        return sb.toString();
    }

    /** Suppressed findings of a matrix, counted per rule and reason. */
    private static void suppressedCounts(ScenarioSection section, Ansi ansi, StringBuilder out) {
        if (section.suppressed().isEmpty()) {
            return;
        }
        Map<List<String>, Integer> counts = new java.util.LinkedHashMap<>();
        for (Report.Suppressed s : section.suppressed()) {
            String reason = s.reason() == null ? "(none given)" : s.reason();
            counts.merge(List.of(s.finding().rule(), reason), 1, Integer::sum);
        }
        out.append("suppressed:\n");
        counts.forEach((key, n) -> out.append(INDENT).append(ansi.style(Ansi.DIM, key.get(0))).append(": ")
                .append(SummaryLine.plural(n, "finding")).append(" (reason: ").append(key.get(1)).append(")\n"));
        out.append('\n');
    }

    private static void suppressed(ScenarioSection section, Ansi ansi, StringBuilder out) {
        if (section.suppressed().isEmpty()) {
            return;
        }
        out.append("suppressed:\n");
        for (Report.Suppressed s : section.suppressed()) {
            brief(s.finding(), ansi, out);
            out.append(INDENT).append("  reason: ").append(s.reason() == null ? "(none given)" : s.reason()).append('\n');
        }
        out.append('\n');
    }
}
