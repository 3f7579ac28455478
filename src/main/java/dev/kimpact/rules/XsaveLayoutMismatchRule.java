package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Masks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code xsave-layout-mismatch}: guest_fpu would need compacted offsets different from the kernel's task buffers.
 * Paolo Bonzini, 2018-12-19: "the xsavec offsets would be different between guest_fpu and other FPUs".
 */
public final class XsaveLayoutMismatchRule extends PerObservationRule<Observation.CompactedGuestFpu> {

    public XsaveLayoutMismatchRule() {
        super(RuleId.XSAVE_LAYOUT_MISMATCH, Observation.CompactedGuestFpu.class);
    }

    @Override
    Optional<Finding> judge(Observation.CompactedGuestFpu d, String scenario) {
        List<String> moved = new ArrayList<>();
        for (Layout.Slot s : d.buffersLayout().slots()) {
            int other = d.guestFpuLayout().offsetOf(s.index());
            if (other != s.offset()) {
                moved.add(s.name() + " " + s.offset() + "->" + other);
            }
        }
        if (moved.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("host_buffers_xcomp_bv", Evidence.mask(d.buffersXcompBv()));
        ev.put("guest_fpu_xcomp_bv", Evidence.mask(d.guestFpuXcompBv()));
        ev.put("host_buffers", Evidence.table(d.buffersLayout()));
        ev.put("guest_fpu", Evidence.table(d.guestFpuLayout()));
        ev.put("offsets_differ", moved);
        Map<String, Object> sizes = new LinkedHashMap<>();     // Map.of's order varies between JVM runs
        sizes.put("host_buffers", d.buffersLayout().size());
        sizes.put("guest_fpu", d.guestFpuLayout().size());
        ev.put("sizes", sizes);
        return Optional.of(finding(scenario, null, d.host(), d,
                "on " + d.host() + ", KVM keeps " + Masks.names(d.guestFpuXcompBv() & ~d.buffersXcompBv())
                        + " in guest_fpu but the kernel's compacted buffers lack it: XSAVEC/XSAVES offsets differ ("
                        + String.join(", ", moved) + ")",
                ev, "let KVM save guest_fpu with its own XSAVEOPT/XRSTOR in the standard form (the seed's phase 2) "
                        + "before the kernel stops enabling the component"));
    }
}
