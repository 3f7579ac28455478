package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The findings of one scenario in reading order (most severe first, then as the run reported them), with its
 * suppressed findings and, when the run described the scenario, its {@link Report.ScenarioResult}. The human
 * formats (text, markdown) print a report as a list of these.
 *
 * @param name   the scenario name (for series findings, the range); never null
 * @param result the scenario's entry in {@link Report#scenarios()}, or null if the report has none
 */
public record ScenarioSection(String name, Report.ScenarioResult result, List<Finding> findings,
                              List<Report.Suppressed> suppressed) {

    /** Sections in the order of {@link Report#scenarios()}, then scenarios only findings name, in first-seen order. */
    public static List<ScenarioSection> of(Report report) {
        Map<String, Report.ScenarioResult> results = new LinkedHashMap<>();
        for (Report.ScenarioResult s : report.scenarios()) {
            results.putIfAbsent(key(s.name()), s);
        }
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        Map<String, List<Report.Suppressed>> suppressed = new LinkedHashMap<>();
        for (String name : results.keySet()) {
            findings.put(name, new ArrayList<>());
            suppressed.put(name, new ArrayList<>());
        }
        for (Finding f : report.findings()) {
            findings.computeIfAbsent(key(f.scenario()), k -> new ArrayList<>()).add(f);
            suppressed.computeIfAbsent(key(f.scenario()), k -> new ArrayList<>());
        }
        for (Report.Suppressed s : report.suppressed()) {
            suppressed.computeIfAbsent(key(s.finding().scenario()), k -> new ArrayList<>()).add(s);
            findings.computeIfAbsent(key(s.finding().scenario()), k -> new ArrayList<>());
        }
        List<ScenarioSection> sections = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> e : findings.entrySet()) {
            List<Finding> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparing(Finding::severity)); // stable: report order within a severity
            sections.add(new ScenarioSection(e.getKey(), results.get(e.getKey()), sorted, suppressed.get(e.getKey())));
        }
        return sections;
    }

    private static String key(String scenario) {
        return Objects.requireNonNullElse(scenario, "");
    }
}
