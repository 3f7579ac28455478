package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code xsave-layout-mismatch}: guest_fpu would need compacted offsets different from the host's task buffers. */
public final class XsaveLayoutMismatchRule implements Rule {

    @Override
    public RuleId id() {
        return RuleId.XSAVE_LAYOUT_MISMATCH;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>();
        for (Observation o : observations) {
            if (o instanceof Observation.LayoutDivergence d) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("host_buffers_xcomp_bv", Evidence.mask(d.hostXcompBv()));
                ev.put("guest_fpu_xcomp_bv", Evidence.mask(d.guestXcompBv()));
                ev.put("host_buffers", Evidence.table(d.hostLayout()));
                ev.put("guest_fpu", Evidence.table(d.guestLayout()));
                List<String> moved = new ArrayList<>();
                for (var s : d.hostLayout().slots()) {
                    int other = d.guestLayout().offsetOf(s.index());
                    if (other != s.offset()) {
                        moved.add(s.name() + " " + s.offset() + "->" + other);
                    }
                }
                ev.put("offsets_differ", moved);
                Map<String, Object> sizes = new LinkedHashMap<>();     // Map.of's order varies between JVM runs
                sizes.put("host_buffers", d.hostLayout().size());
                sizes.put("guest_fpu", d.guestLayout().size());
                ev.put("sizes", sizes);
                out.add(Evidence.finding(id(), scenario, null, d.host(), o,
                        "on " + d.host() + ", KVM keeps " + dev.kimpact.xsave.Masks.names(d.guestXcompBv() & ~d.hostXcompBv())
                                + " in guest_fpu but the kernel's compacted buffers lack it: XSAVEC/XSAVES offsets differ ("
                                + String.join(", ", moved) + ")",
                        ev, "let KVM save guest_fpu with its own XSAVEOPT/XRSTOR in the standard form (the seed's phase 2) "
                                + "before the kernel stops enabling the component"));
            }
        }
        return out;
    }
}
