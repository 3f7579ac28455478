package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.series.SeriesReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The impact sweep's findings of a series report, one group per rule: in how many cases it fired and the first
 * finding as the example. Text and mail show the groups; JSON, YAML and SARIF list every finding.
 *
 * @param own    the report's findings that are not the sweep's
 * @param groups the sweep's, by rule in order of first finding (empty when the sweep did not run)
 */
record SweepGroups(List<Finding> own, List<Group> groups) {

    /** One rule's findings: {@code cases} distinct cases, {@code example} the first. */
    record Group(String rule, int cases, Finding example) {

        /** The example's case as {@code guest=rhel-7 vmm-cpu=Skylake-Server cpu=cascadelake-server}. */
        String exampleCase() {
            return String.join(" ", example.bindings().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList());
        }
    }

    static SweepGroups of(SeriesReport report) {
        String swept = report.sweep() == null ? null : report.sweep().scenario();
        List<Finding> own = new ArrayList<>();
        Map<String, List<Finding>> byRule = new LinkedHashMap<>();
        for (Finding f : report.findings()) {
            if (f.scenario().equals(swept)) {
                byRule.computeIfAbsent(f.rule(), r -> new ArrayList<>()).add(f);
            } else {
                own.add(f);
            }
        }
        List<Group> groups = new ArrayList<>();
        byRule.forEach((rule, found) -> {
            Set<Map<String, String>> cases = new LinkedHashSet<>();
            found.forEach(f -> cases.add(f.bindings()));
            groups.add(new Group(rule, cases.size(), found.get(0)));
        });
        return new SweepGroups(own, groups);
    }
}
