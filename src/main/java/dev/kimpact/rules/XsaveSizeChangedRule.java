package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;

import java.util.ArrayList;
import java.util.List;

/** {@code xsave-size-changed}: CPUID.0xD sizes or uABI offsets the guest enumerated differ on the destination. */
public final class XsaveSizeChangedRule implements Rule {

    @Override
    public RuleId id() {
        return RuleId.XSAVE_SIZE_CHANGED;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>();
        for (Observation o : observations) {
            if (o instanceof Observation.SizeChange s) {
                out.add(Evidence.finding(id(), scenario, s.guest(), s.to(), o,
                        "XSAVE sizes or offsets " + s.guest() + " enumerated on " + s.from() + " differ on " + s.to()
                                + " (" + String.join(", ", s.details().keySet()) + ")",
                        s.details(), "migrate only between hosts whose CPUID.0xD agrees for the guest's features, or "
                                + "give the guest a CPU model both hosts can present identically"));
            }
        }
        return out;
    }
}
