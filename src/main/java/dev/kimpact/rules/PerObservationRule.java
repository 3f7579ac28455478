package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A rule that judges each observation of type {@code O} on its own: at most one finding per observation. */
abstract class PerObservationRule<O extends Observation> implements ObservationRule {

    private final RuleId id;
    private final Class<O> type;

    PerObservationRule(RuleId id, Class<O> type) {
        this.id = id;
        this.type = type;
    }

    @Override
    public final RuleId id() {
        return id;
    }

    @Override
    public final List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>();
        for (Observation o : observations) {
            if (type.isInstance(o)) {
                judge(type.cast(o), scenario).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The finding {@code o} proves, if any. */
    abstract Optional<Finding> judge(O o, String scenario);

    /** A finding of this rule at {@code o}'s step and location. */
    final Finding finding(String scenario, String guest, String host, O o, String message,
                          Map<String, Object> evidence, String remedy) {
        return Evidence.finding(id, scenario, guest, host, o, message, evidence, remedy);
    }
}
