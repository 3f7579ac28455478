package dev.kimpact.rules;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Rule;
import dev.kimpact.finding.RuleId;
import dev.kimpact.scenario.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code expectation-unmet}: a scenario's {@code expect:} entry does not hold for the findings of its run (a
 * rule expected present is absent, or one expected absent is present).
 */
public final class ExpectationUnmetRule implements Rule {

    /** Every {@code expect:} entry with whether it was met, and a finding for each one that was not, in order. */
    public record Checked(List<Report.Expectation> expectations, List<Finding> unmet) {
    }

    @Override
    public RuleId id() {
        return RuleId.EXPECTATION_UNMET;
    }

    /** Checks {@code scenario}'s {@code expect:} entries against {@code findings}, the run's findings before {@code ignore:}. */
    public Checked check(Scenario scenario, Map<String, String> bindings, List<Finding> findings) {
        List<Report.Expectation> expectations = new ArrayList<>();
        List<Finding> unmet = new ArrayList<>();
        for (Scenario.Expect e : scenario.expects()) {
            boolean present = findings.stream().anyMatch(f -> matches(e, f));
            boolean met = present == e.present();
            expectations.add(new Report.Expectation(e.rule(), e.guest(), e.host(), e.present(), met));
            if (!met) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("expected", e.present() ? "present" : "absent");
                ev.put("found", present ? "present" : "absent");
                unmet.add(new Finding(id().id(), id().severity(), scenario.name(), bindings, e.guest(), e.host(), null,
                        e.location(), "expected " + e.rule() + (e.guest() == null ? "" : " for " + e.guest())
                                + (e.host() == null ? "" : " on " + e.host()) + " to be " + (e.present() ? "present" : "absent")
                                + ", but it is " + (present ? "present" : "absent"),
                        ev, "update the scenario's expect: entry if the new behaviour is intended"));
            }
        }
        return new Checked(expectations, unmet);
    }

    /** Whether {@code f} is of {@code e}'s rule, and of its guest and host where {@code e} names them. */
    static boolean matches(Scenario.Expect e, Finding f) {
        return f.rule().equals(e.rule()) && (e.guest() == null || e.guest().equals(f.guest()))
                && (e.host() == null || e.host().equals(f.host()));
    }
}
