package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.xsave.XFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code xstate-lost}: a context's own component values changed beneath it across a switch or a migration (or a
 * host-side save/restore faulted). {@code xstate-leak}: what it observes was written by another guest or by the
 * host (XSA-220 style). One finding per context and step, listing every component.
 */
public final class XstateRule implements Rule {

    private final boolean leak;

    private XstateRule(boolean leak) {
        this.leak = leak;
    }

    public static XstateRule lost() {
        return new XstateRule(false);
    }

    public static XstateRule leak() {
        return new XstateRule(true);
    }

    @Override
    public RuleId id() {
        return leak ? RuleId.XSTATE_LEAK : RuleId.XSTATE_LOST;
    }

    private boolean selects(Observation.StateMismatch m) {
        String self = m.guest() == null ? "host:" + m.host() : m.guest();
        boolean foreign = m.writer() != null && !m.writer().equals(self);
        return leak ? foreign : m.kind() == Observation.StateMismatch.Kind.LOST;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        Map<String, List<Observation.StateMismatch>> groups = new LinkedHashMap<>();
        Map<String, List<Observation.HostSequenceFault>> faults = new LinkedHashMap<>();
        for (Observation o : observations) {
            if (o instanceof Observation.StateMismatch m && selects(m)) {
                groups.computeIfAbsent(key(m.guest(), m.host(), o), k -> new ArrayList<>()).add(m);
            } else if (!leak && o instanceof Observation.HostSequenceFault f) {
                faults.computeIfAbsent(key(f.guest(), f.host(), o), k -> new ArrayList<>()).add(f);
            }
        }
        List<Finding> out = new ArrayList<>();
        for (List<Observation.StateMismatch> g : groups.values()) {
            Observation.StateMismatch first = g.get(0);
            String who = first.guest() == null ? "host " + first.host() : "guest " + first.guest();
            List<Map<String, Object>> comps = new ArrayList<>();
            List<String> names = new ArrayList<>();
            List<String> writersSeen = new ArrayList<>();
            for (Observation.StateMismatch m : g) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("component", XFeature.nameOf(m.component()));
                c.putAll(Evidence.bytes(m.expected(), m.observed()));
                c.put("written_by", m.writer() == null ? (m.visible() ? "nobody (initial or stale value)" : null)
                        : m.writer());
                if (m.cause() != null) {
                    c.put("cause", m.cause());
                }
                comps.add(c);
                names.add(XFeature.nameOf(m.component()));
                if (m.writer() != null && !writersSeen.contains(m.writer())) {
                    writersSeen.add(m.writer());
                }
            }
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("components", comps);
            String message = leak
                    ? who + " on " + first.host() + " observes " + String.join(", ", names) + " written by "
                    + String.join(", ", writersSeen)
                    : who + " on " + first.host() + " lost " + String.join(", ", names) + " state";
            out.add(Evidence.finding(id(), scenario, first.guest(), first.host(), first, message, ev,
                    leak ? "save and restore these components for every context that can observe them (XSA-220: "
                            + "switch them whenever the feature can be used, not only when XCR0 enables it)"
                            : "keep the components in the XSAVE mask the host kernel uses for guest_fpu, on every host "
                            + "the guest can run on"));
        }
        for (List<Observation.HostSequenceFault> fs : faults.values()) {
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
                            + first.fault().vector().mnemonic() + " in " + first.sequence() + "): the state cannot be restored",
                    Map.of("host_faults", seqs), "make guest_fpu's header agree with the XCR0 in force when it is restored"));
        }
        return out;
    }

    private static String key(String guest, String host, Observation o) {
        return Objects.toString(guest) + "|" + host + "|" + System.identityHashCode(o.step());
    }
}
