package dev.kimpact.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code kimpact run} (or {@code series}) found: findings in report order, findings that a
 * scenario's {@code ignore:} or {@code --ignore} suppressed, and one entry per scenario with its cases and
 * expectations. Writers (text, json, sarif, markdown, yaml) render this, nothing else.
 */
public record Report(List<Finding> findings, List<Suppressed> suppressed, List<ScenarioResult> scenarios) {

    /** JSON report format version (docs/REPORT-FORMAT.md); bump on any incompatible change. */
    public static final int FORMAT_VERSION = 1;

    public Report {
        findings = Collections.unmodifiableList(new ArrayList<>(findings));
        suppressed = Collections.unmodifiableList(new ArrayList<>(suppressed));
        scenarios = Collections.unmodifiableList(new ArrayList<>(scenarios));
    }

    /** A finding that was not counted, and why. */
    public record Suppressed(Finding finding, String reason) {
    }

    /** Expectation {@code rule} (for guest/host if given) was or was not met by the run. */
    public record Expectation(String rule, String guest, String host, boolean present, boolean met) {
    }

    /**
     * One scenario file's outcome.
     *
     * @param cases bindings of each case run (one empty map for a plain run)
     */
    public record ScenarioResult(String name, String file, String summary, List<Map<String, String>> cases,
                                 List<Expectation> expectations) {
        public ScenarioResult {
            cases = List.copyOf(cases);
            expectations = List.copyOf(expectations);
        }
    }

    public Map<Severity, Integer> summary() {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
        }
        return counts;
    }

    /** True if some finding is at least as severe as {@code threshold} (null: never fail). */
    public boolean failsAt(Severity threshold) {
        if (threshold == null) {
            return false;
        }
        for (Finding f : findings) {
            if (f.severity().atLeast(threshold)) {
                return true;
            }
        }
        return false;
    }
}
