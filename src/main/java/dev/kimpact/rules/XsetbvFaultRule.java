package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.xsave.Masks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code xsetbv-fault}: the XCR0 a guest kernel writes at boot takes #GP on its vCPU. */
public final class XsetbvFaultRule implements Rule {

    @Override
    public RuleId id() {
        return RuleId.XSETBV_FAULT;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>();
        for (Observation o : observations) {
            if (o instanceof Observation.XsetbvRejected x) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("xcr0", Evidence.mask(x.value()));
                ev.put("guest_cpuid_xcr0", Evidence.mask(x.advertised()));
                ev.put("guest_supported_xcr0", Evidence.mask(x.guestSupported()));
                ev.put("outside_supported", Evidence.mask(x.value() & ~(x.guestSupported() | 1)));
                if (x.kvmReason() != null) {
                    ev.put("rejected_by", "KVM __kvm_set_xcr(): " + x.kvmReason());
                } else {
                    ev.put("rejected_by", "CPU at VM entry: " + x.cpuFault());
                }
                out.add(Evidence.finding(id(), scenario, x.guest(), x.host(), o,
                        "guest " + x.guest() + " on " + x.host() + ": XSETBV(" + Masks.describe(x.value())
                                + ") takes #GP; the guest kernel fails to boot",
                        ev, "keep these components in KVM's supported XCR0 on this host (remove the user APIs, "
                                + "not the XSAVE enabling), or give the guest a CPU model without them"));
            }
        }
        return out;
    }
}
