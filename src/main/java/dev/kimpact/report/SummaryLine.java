package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import java.util.List;
import java.util.Map;

/** {@code 3 errors, 1 warning, 0 notes in 2 scenarios (1 suppressed)}: the last line of the human formats. */
public final class SummaryLine {

    private SummaryLine() {
    }

    public static String of(Report report) {
        Map<Severity, Integer> counts = report.summary();
        StringBuilder sb = new StringBuilder();
        sb.append(plural(counts.get(Severity.ERROR), "error")).append(", ")
                .append(plural(counts.get(Severity.WARNING), "warning")).append(", ")
                .append(plural(counts.get(Severity.NOTE), "note"))
                .append(" in ").append(plural(scenarioCount(report), "scenario"));
        if (!report.suppressed().isEmpty()) {
            sb.append(" (").append(report.suppressed().size()).append(" suppressed)");
        }
        return sb.toString();
    }

    /**
     * The summary line, then, with a baseline, {@code ; baseline FILE: 1 new, 2 unchanged, 1 absent} (null
     * {@code baseline}: the line alone).
     */
    public static String of(Report report, Baseline.Comparison baseline) {
        return baseline == null ? of(report) : of(report) + "; " + counts(report.findings(), baseline);
    }

    /** {@code baseline FILE: 1 new, 2 unchanged, 1 absent}. */
    static String counts(List<Finding> findings, Baseline.Comparison baseline) {
        return "baseline " + baseline.file() + ": " + baseline.count(findings, Baseline.State.NEW) + " new, "
                + baseline.count(findings, Baseline.State.UNCHANGED) + " unchanged, " + baseline.absent().size()
                + " absent";
    }

    static int scenarioCount(Report report) {
        return ScenarioSection.of(report).size();
    }

    public static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
