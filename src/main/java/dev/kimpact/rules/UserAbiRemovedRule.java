package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code user-abi-removed}: an {@code abi:} interface of the older host's kernel is gone on the newer one
 * (Documentation/ABI/README: an interface is obsolete for a while before it is removed).
 */
public final class UserAbiRemovedRule extends PerObservationRule<Observation.KernelPair> {

    public UserAbiRemovedRule() {
        super(RuleId.USER_ABI_REMOVED, Observation.KernelPair.class);
    }

    @Override
    Optional<Finding> judge(Observation.KernelPair p, String scenario) {
        List<String> removed = new ArrayList<>();
        for (Map.Entry<String, Boolean> e : p.fromKernel().abi().entrySet()) {
            if (e.getValue() && !p.toKernel().abi().getOrDefault(e.getKey(), false)) {
                removed.add(e.getKey());
            }
        }
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("removed", removed);
        ev.put("from_kernel", p.fromKernel().name());
        ev.put("to_kernel", p.toKernel().name());
        return Optional.of(finding(scenario, null, p.to(), p,
                String.join(", ", removed) + " present on " + p.from() + " (" + p.fromKernel().name()
                        + ") is gone on " + p.to() + " (" + p.toKernel().name() + ")",
                ev, "announce the removal (deprecation period, man-pages), and check no user space still calls it"));
    }
}
