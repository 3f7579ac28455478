package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code xstate-lost}: a context's own component values changed beneath it across a switch or a migration, or a
 * host-side save/restore of guest_fpu faulted (an XRSTOR #GP, SDM Vol. 1 §13.8.1, is an oops in
 * kvm_load_guest_fpu). One finding per context and step, listing every component.
 */
public final class XstateLostRule implements ObservationRule {

    @Override
    public RuleId id() {
        return RuleId.XSTATE_LOST;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>(ContextGroups.findings(id(), observations, scenario,
                m -> m.kind() == Observation.StateMismatch.Kind.LOST, g -> "lost " + ContextGroups.names(g) + " state",
                "keep the components in the XSAVE mask the host kernel uses for guest_fpu, on every host the guest "
                        + "can run on"));
        for (List<Observation.HostSequenceFault> fs : ContextGroups.group(observations,
                Observation.HostSequenceFault.class, f -> true,
                f -> new ContextGroups.Key(f.guest(), f.host(), f.step()))) {
            Observation.HostSequenceFault first = fs.get(0);
            List<Map<String, Object>> seqs = new ArrayList<>();
            for (Observation.HostSequenceFault f : fs) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("sequence", f.sequence());
                s.put("fault", f.fault().vector().mnemonic());
                s.put("rule", f.fault().rule());
                s.put("sdm", f.fault().sdm());
                seqs.add(s);
            }
            out.add(Evidence.finding(id(), scenario, first.guest(), first.host(), first,
                    "host " + first.host() + " faults switching guest " + first.guest() + "'s FPU state ("
                            + first.fault().vector().mnemonic() + " in " + first.sequence()
                            + "): the state cannot be restored",
                    Map.of("host_faults", seqs), "make guest_fpu's header agree with the XCR0 in force when it is restored"));
        }
        return out;
    }
}
