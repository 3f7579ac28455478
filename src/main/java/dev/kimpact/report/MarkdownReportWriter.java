package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Expectations;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code --format markdown}: for pasting into a mailing-list reply or a review. A heading per scenario, a table
 * of findings, the evidence of each as a bullet list, expectations, suppressed findings and the summary line.
 * No HTML and no colour: it reads the same as plain text.
 */
public final class MarkdownReportWriter implements ReportWriter {

    @Override
    public String write(Report report, WriterOptions options) {
        Baseline.Comparison baseline = options.baseline() == null ? null : options.baseline().compare(report);
        StringBuilder out = new StringBuilder();
        out.append("# kimpact report\n\n");
        for (ScenarioSection section : ScenarioSection.of(report)) {
            scenario(section, baseline, out);
        }
        if (baseline != null && !baseline.absent().isEmpty()) {
            out.append("Absent (in baseline `").append(baseline.file()).append("`, not in this run):\n\n");
            for (Finding f : baseline.absent()) {
                item(f, out);
                if (!f.bindings().isEmpty()) {
                    out.append(" (case: ").append(inline(TextReportWriter.bindings(f.bindings()))).append(')');
                }
                out.append(": ").append(inline(f.message())).append('\n');
            }
            out.append('\n');
        }
        out.append(SummaryLine.of(report, baseline)).append('\n');
        return out.toString();
    }

    private static void scenario(ScenarioSection section, Baseline.Comparison baseline, StringBuilder out) {
        Report.ScenarioResult r = section.result();
        out.append("## ").append(section.name().isEmpty() ? "(no scenario)" : inline(section.name())).append("\n\n");
        if (r != null && r.summary() != null && !r.summary().isBlank()) {
            out.append(inline(r.summary())).append("\n\n");
        }
        if (r != null && r.file() != null) {
            out.append("File: `").append(r.file()).append("`");
            if (r.cases().size() > 1) {
                out.append(", ").append(SummaryLine.plural(r.cases().size(), "case"));
            }
            out.append("\n\n");
        }
        if (section.findings().isEmpty()) {
            out.append("No findings.\n\n");
        } else {
            table(section.findings(), baseline, out);
            evidence(section.findings(), baseline, out);
        }
        expectations(r, out);
        suppressed(section, out);
    }

    private static void table(List<Finding> findings, Baseline.Comparison baseline, StringBuilder out) {
        boolean cases = findings.stream().anyMatch(f -> !f.bindings().isEmpty());
        List<String> head = new ArrayList<>(List.of("severity", "rule", "guest", "host", "step"));
        if (baseline != null) {
            head.add(0, "baseline");
        }
        if (cases) {
            head.add("case");
        }
        head.add("message");
        row(head, out);
        out.append("|").append("---|".repeat(head.size())).append('\n');
        for (Finding f : findings) {
            List<String> cells = new ArrayList<>(List.of(f.severity().id(), "`" + f.rule() + "`", orDash(f.guest()),
                    orDash(f.host()), orDash(f.step())));
            if (baseline != null) {
                cells.add(0, baseline.state(f).id());
            }
            if (cases) {
                cells.add(f.bindings().isEmpty() ? "-" : TextReportWriter.bindings(f.bindings()));
            }
            cells.add(f.message());
            row(cells, out);
        }
        out.append('\n');
    }

    private static void row(List<String> cells, StringBuilder out) {
        out.append('|');
        for (String c : cells) {
            out.append(' ').append(cell(c)).append(" |");
        }
        out.append('\n');
    }

    private static void evidence(List<Finding> findings, Baseline.Comparison baseline, StringBuilder out) {
        int n = 1;
        for (Finding f : findings) {
            out.append(n++).append(". ").append(TextReportWriter.mark(f, baseline)).append(f.severity().id())
                    .append(" `").append(f.rule()).append('`');
            String subject = TextReportWriter.subject(f);
            if (!subject.isEmpty()) {
                out.append(' ').append(inline(subject));
            }
            String at = TextReportWriter.at(f);
            if (!at.isEmpty()) {
                out.append(", at ").append(inline(at));
            }
            out.append('\n');
            if (!f.bindings().isEmpty()) {
                out.append("   - case: ").append(inline(TextReportWriter.bindings(f.bindings()))).append('\n');
            }
            Optional<EvidenceDiagram> diagram = EvidenceDiagram.of(f);
            for (EvidenceLines.Line line : EvidenceLines.of(diagram.map(EvidenceDiagram::evidence).orElse(f.evidence()))) {
                out.append("   ").append("  ".repeat(line.depth())).append("- ").append(inline(line.text())).append('\n');
            }
            diagram.ifPresent(d -> {
                out.append("\n   ```\n");
                d.lines().forEach(line -> out.append("   ").append(line).append('\n'));
                out.append("   ```\n\n");
            });
            if (f.remedy() != null && !f.remedy().isBlank()) {
                out.append("   - remedy: ").append(inline(f.remedy())).append('\n');
            }
        }
        out.append('\n');
    }

    private static void expectations(Report.ScenarioResult r, StringBuilder out) {
        if (r == null || r.expectations().isEmpty()) {
            return;
        }
        out.append("Expectations:\n\n");
        for (Report.Expectation e : r.expectations()) {
            out.append("- ").append(e.met() ? "met: " : "UNMET: ").append(inline(TextReportWriter.expectation(e)))
                    .append('\n');
        }
        out.append('\n');
    }

    private static void suppressed(ScenarioSection section, StringBuilder out) {
        if (section.suppressed().isEmpty()) {
            return;
        }
        out.append("Suppressed:\n\n");
        for (Report.Suppressed s : section.suppressed()) {
            Finding f = s.finding();
            item(f, out);
            out.append(": ").append(inline(f.message())).append(" (reason: ")
                    .append(s.reason() == null ? "none given" : inline(s.reason())).append(")\n");
        }
        out.append('\n');
    }

    /** {@code - error `rule` guest host}: a finding as a list item, without its message. */
    private static void item(Finding f, StringBuilder out) {
        out.append("- ").append(f.severity().id()).append(" `").append(f.rule()).append('`');
        String subject = TextReportWriter.subject(f);
        if (!subject.isEmpty()) {
            out.append(' ').append(inline(subject));
        }
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** Text on one line (newlines would end a list item or a table row). */
    private static String inline(String s) {
        return s == null ? "" : s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    /** A table cell: one line, pipes escaped. */
    private static String cell(String s) {
        return inline(s).replace("|", "\\|");
    }
}
