package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.engine.ScenarioRun;
import dev.kimpact.engine.WorkloadValues;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.scenario.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a scenario and judges it: the rules turn observations into findings, {@code expect:} entries are checked
 * against them, and {@code ignore:} entries or {@code --ignore} move findings to the suppressed list.
 */
public final class Analyzer {

    /** One case's verdict. */
    public record CaseResult(List<Finding> findings, List<Report.Suppressed> suppressed,
                             List<Report.Expectation> expectations, List<Finding> anticipated) {
    }

    private Analyzer() {
    }

    public static CaseResult analyze(Scenario scenario, Map<String, String> bindings, Map<String, String> ignoredRules) {
        return analyze(scenario, bindings, ignoredRules, WorkloadValues.none());
    }

    /** {@link #analyze(Scenario, Map, Map)} with the workloads' values of {@code values}, shared by a run's cases. */
    public static CaseResult analyze(Scenario scenario, Map<String, String> bindings, Map<String, String> ignoredRules,
                                     WorkloadValues values) {
        List<Observation> observations = ScenarioRun.execute(scenario, values);
        List<Finding> raw = new ArrayList<>();
        for (ObservationRule rule : Rules.all()) {
            raw.addAll(rule.apply(observations, scenario.name()));
        }
        raw.sort(Comparator.comparing((Finding f) -> f.severity().ordinal())
                .thenComparingInt(f -> f.location() == null ? 0 : f.location().line()));
        ExpectationUnmetRule.Checked checked = new ExpectationUnmetRule().check(scenario, bindings, raw);

        List<Finding> bound = new ArrayList<>(checked.unmet());             // --ignore expectation-unmet works too
        for (Finding f : raw) {
            bound.add(bindings.isEmpty() ? f : f.withBindings(bindings));
        }
        List<Finding> findings = new ArrayList<>();
        List<Report.Suppressed> suppressed = new ArrayList<>();
        for (Finding f : bound) {
            String reason = suppression(scenario, f, ignoredRules);
            if (reason != null) {
                suppressed.add(new Report.Suppressed(f, reason));
            } else {
                findings.add(f);
            }
        }
        findings.sort(Comparator.comparing((Finding f) -> f.severity().ordinal()));
        List<Finding> anticipated = new ArrayList<>();
        for (Finding f : findings) {
            if (scenario.expects().stream().anyMatch(e -> e.present() && ExpectationUnmetRule.matches(e, f))) {
                anticipated.add(f);
            }
        }
        return new CaseResult(findings, suppressed, checked.expectations(), anticipated);
    }

    /**
     * Why {@code f} is suppressed: the reason {@code ignoredRules} (rule id to {@link Report.Suppressed#optionReason}
     * text, from {@code --ignore}) gives, or that of the scenario's matching {@code ignore:}; null if it is not.
     */
    public static String suppression(Scenario s, Finding f, Map<String, String> ignoredRules) {
        String byOption = ignoredRules.get(f.rule());
        if (byOption != null) {
            return byOption;
        }
        for (Scenario.Ignore i : s.ignores()) {
            if (i.rule().equals(f.rule()) && (i.guest() == null || Objects.equals(i.guest(), f.guest()))) {
                return i.reason();
            }
        }
        return null;
    }
}
