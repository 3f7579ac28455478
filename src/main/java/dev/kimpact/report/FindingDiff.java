package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a change to a scenario does to its findings ({@code kimpact diff}): the findings that appear and those that
 * disappear relative to the unmodified scenario. A finding's identity is its rule, guest, host and step (not its
 * message or evidence, which may mention the changed value); identical identities are counted, so two findings
 * of one identity against one are one that disappeared.
 *
 * @param scenario    the scenario's name
 * @param file        the scenario file
 * @param baseline    the changed paths' values in the unmodified scenario (null where it has none)
 * @param bindings    the changed paths' new values
 * @param appeared    findings of the changed scenario without a counterpart in the unmodified one
 * @param disappeared findings of the unmodified scenario without a counterpart in the changed one
 * @param unchanged   findings in both
 * @param anticipated findings of {@code appeared} that an {@code expect:} entry anticipated
 */
public record FindingDiff(String scenario, String file, Map<String, String> baseline, Map<String, String> bindings,
                          List<Finding> appeared, List<Finding> disappeared, int unchanged, List<Finding> anticipated) {

    public FindingDiff {
        baseline = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseline));
        bindings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bindings));
        appeared = List.copyOf(appeared);
        disappeared = List.copyOf(disappeared);
        anticipated = List.copyOf(anticipated);
    }

    /** Compares the unmodified run {@code before} with the changed run {@code after}. */
    public static FindingDiff of(String scenario, String file, Map<String, String> baseline,
                                 Map<String, String> bindings, Report before, Report after) {
        Map<List<String>, Integer> unmatched = new HashMap<>();
        for (Finding f : before.findings()) {
            unmatched.merge(identity(f), 1, Integer::sum);
        }
        Map<List<String>, Integer> matched = new HashMap<>();
        List<Finding> appeared = new ArrayList<>();
        for (Finding f : after.findings()) {
            List<String> id = identity(f);
            if (unmatched.getOrDefault(id, 0) > 0) {
                unmatched.merge(id, -1, Integer::sum);
                matched.merge(id, 1, Integer::sum);
            } else {
                appeared.add(f);
            }
        }
        int unchanged = after.findings().size() - appeared.size();
        List<Finding> disappeared = new ArrayList<>();
        for (Finding f : before.findings()) {
            List<String> id = identity(f);
            if (matched.getOrDefault(id, 0) > 0) {
                matched.merge(id, -1, Integer::sum);
            } else {
                disappeared.add(f);
            }
        }
        Set<Finding> expected = new HashSet<>(after.anticipated());
        List<Finding> anticipated = appeared.stream().filter(expected::contains).toList();
        return new FindingDiff(scenario, file, baseline, bindings, appeared, disappeared, unchanged, anticipated);
    }

    /** rule, guest, host, step. */
    static List<String> identity(Finding f) {
        return Arrays.asList(f.rule(), f.guest(), f.host(), f.step());
    }

    /** True if a finding at least as severe as {@code threshold} appeared and was not anticipated. */
    public boolean failsAt(Severity threshold) {
        return failsAt(threshold, f -> true);
    }

    /** As {@link #failsAt(Severity)}, counting only the appeared findings {@code counts} accepts. */
    public boolean failsAt(Severity threshold, Predicate<Finding> counts) {
        if (threshold == null) {
            return false;
        }
        Set<Finding> expected = new HashSet<>(anticipated);
        return appeared.stream().anyMatch(f -> f.severity().atLeast(threshold) && !expected.contains(f)
                && counts.test(f));
    }
}
