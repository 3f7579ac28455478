package dev.kimpact.finding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Everything one {@code kimpact run} (or {@code series}) found: findings in report order, findings that a
 * scenario's {@code ignore:} or {@code --ignore} suppressed, one entry per scenario with its cases and
 * expectations, and the findings an {@code expect:} entry anticipated (a regression check that holds). Writers (text, json, sarif, markdown, yaml) render this, nothing else.
 *
 * @param shard the slice of the cases this report holds ({@code --shard I/N}), or null for the whole run
 */
public record Report(List<Finding> findings, List<Suppressed> suppressed, List<ScenarioResult> scenarios,
                     List<Finding> anticipated, Shard shard) {

    /** JSON report format version (docs/REPORT-FORMAT.md); bump on any incompatible change. */
    public static final int FORMAT_VERSION = 1;

    public Report {
        findings = Collections.unmodifiableList(new ArrayList<>(findings));
        suppressed = Collections.unmodifiableList(new ArrayList<>(suppressed));
        scenarios = Collections.unmodifiableList(new ArrayList<>(scenarios));
        anticipated = Collections.unmodifiableList(new ArrayList<>(anticipated));
    }

    public Report(List<Finding> findings, List<Suppressed> suppressed, List<ScenarioResult> scenarios,
                  List<Finding> anticipated) {
        this(findings, suppressed, scenarios, anticipated, null);
    }

    public Report(List<Finding> findings, List<Suppressed> suppressed, List<ScenarioResult> scenarios) {
        this(findings, suppressed, scenarios, List.of());
    }

    /** Whether a scenario's {@code expect:} entry anticipated {@code f}: it is reported but does not fail the run. */
    public boolean isAnticipated(Finding f) {
        return anticipated.contains(f);
    }

    /**
     * A finding that was not counted, and why: the reason of the scenario's {@code ignore:} entry, or
     * {@code --ignore RULE} when the command line suppressed it ({@code --ignore RULE: WHY} with the reason the
     * project's configuration gives).
     */
    public record Suppressed(Finding finding, String reason) {

        private static final String OPTION = "--ignore ";

        /** The reason of a finding that {@code --ignore RULE} suppressed. */
        public static String optionReason(String rule) {
            return OPTION + rule;
        }

        /** The reason of a finding that {@code --ignore RULE} suppressed, {@code why} (if not blank) appended. */
        public static String optionReason(String rule, String why) {
            return why == null || why.isBlank() ? optionReason(rule) : optionReason(rule) + ": " + why;
        }

        /** Whether {@code --ignore} suppressed it (rather than the scenario's {@code ignore:}). */
        public boolean byOption() {
            String plain = optionReason(finding.rule());
            return reason != null && (reason.equals(plain) || reason.startsWith(plain + ": "));
        }
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

    /**
     * True if some finding not anticipated by an {@code expect:} entry is at least as severe as {@code threshold}
     * (null: never fail). Unmet expectations are findings of their own, so they always count.
     */
    public boolean failsAt(Severity threshold) {
        return failsAt(threshold, f -> true);
    }

    /**
     * As {@link #failsAt(Severity)}, counting only the findings {@code counts} accepts (with {@code --baseline}, the
     * new ones).
     */
    public boolean failsAt(Severity threshold, Predicate<Finding> counts) {
        if (threshold == null) {
            return false;
        }
        Set<Finding> expected = new HashSet<>(anticipated);    // a matrix has thousands: no list scan per finding
        for (Finding f : findings) {
            if (f.severity().atLeast(threshold) && !expected.contains(f) && counts.test(f)) {
                return true;
            }
        }
        return false;
    }
}
