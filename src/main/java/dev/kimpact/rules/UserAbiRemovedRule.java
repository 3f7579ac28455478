package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code user-abi-removed}: an {@code abi:} interface of the older host's kernel is gone on the newer one. */
public final class UserAbiRemovedRule implements Rule {

    @Override
    public RuleId id() {
        return RuleId.USER_ABI_REMOVED;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>();
        for (Observation o : observations) {
            if (o instanceof Observation.AbiRemoved a) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("removed", a.removed());
                ev.put("from_kernel", a.fromKernel());
                ev.put("to_kernel", a.toKernel());
                out.add(Evidence.finding(id(), scenario, null, a.to(), o,
                        String.join(", ", a.removed()) + " present on " + a.from() + " (" + a.fromKernel()
                                + ") is gone on " + a.to() + " (" + a.toKernel() + ")",
                        ev, "announce the removal (deprecation period, man-pages), and check no user space still calls it"));
            }
        }
        return out;
    }
}
