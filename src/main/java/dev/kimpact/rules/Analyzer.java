package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.engine.ScenarioRun;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.rules.Rule;
import dev.kimpact.finding.RuleId;
import dev.kimpact.rules.Rules;
import dev.kimpact.scenario.Scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    public static CaseResult analyze(Scenario scenario, Map<String, String> bindings, Set<String> ignoredRules) {
        List<Observation> observations = ScenarioRun.execute(scenario);
        List<Finding> raw = new ArrayList<>();
        for (Rule rule : Rules.all()) {
            raw.addAll(rule.apply(observations, scenario.name()));
        }
        raw.sort(Comparator.comparing((Finding f) -> f.severity().ordinal())
                .thenComparingInt(f -> f.location() == null ? 0 : f.location().line()));

        List<Report.Expectation> expectations = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<Report.Suppressed> suppressed = new ArrayList<>();
        for (Scenario.Expect e : scenario.expects()) {
            boolean present = raw.stream().anyMatch(f -> matches(f, e.rule(), e.guest(), e.host()));
            boolean met = present == e.present();
            expectations.add(new Report.Expectation(e.rule(), e.guest(), e.host(), e.present(), met));
            if (!met) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("expected", e.present() ? "present" : "absent");
                ev.put("found", present ? "present" : "absent");
                Finding unmet = new Finding(RuleId.EXPECTATION_UNMET.id(), RuleId.EXPECTATION_UNMET.severity(),
                        scenario.name(), bindings, e.guest(), e.host(), null, e.location(),
                        "expected " + e.rule() + (e.guest() == null ? "" : " for " + e.guest())
                                + (e.host() == null ? "" : " on " + e.host()) + " to be " + (e.present() ? "present" : "absent")
                                + ", but it is " + (present ? "present" : "absent"),
                        ev, "update the scenario's expect: entry if the new behaviour is intended");
                String reason = suppression(scenario, unmet, ignoredRules);    // --ignore expectation-unmet
                if (reason != null) {
                    suppressed.add(new Report.Suppressed(unmet, reason));
                } else {
                    findings.add(unmet);
                }
            }
        }
        for (Finding f : raw) {
            Finding bound = bindings.isEmpty() ? f : f.withBindings(bindings);
            String reason = suppression(scenario, f, ignoredRules);
            if (reason != null) {
                suppressed.add(new Report.Suppressed(bound, reason));
            } else {
                findings.add(bound);
            }
        }
        findings.sort(Comparator.comparing((Finding f) -> f.severity().ordinal()));
        List<Finding> anticipated = new ArrayList<>();
        for (Finding f : findings) {
            for (Scenario.Expect e : scenario.expects()) {
                if (e.present() && matches(f, e.rule(), e.guest(), e.host())) {
                    anticipated.add(f);
                    break;
                }
            }
        }
        return new CaseResult(findings, suppressed, expectations, anticipated);
    }

    private static boolean matches(Finding f, String rule, String guest, String host) {
        return f.rule().equals(rule) && (guest == null || guest.equals(f.guest()))
                && (host == null || host.equals(f.host()));
    }

    private static String suppression(Scenario s, Finding f, Set<String> ignoredRules) {
        if (ignoredRules.contains(f.rule())) {
            return "--ignore " + f.rule();
        }
        for (Scenario.Ignore i : s.ignores()) {
            if (i.rule().equals(f.rule()) && (i.guest() == null || Objects.equals(i.guest(), f.guest()))) {
                return i.reason();
            }
        }
        return null;
    }
}
