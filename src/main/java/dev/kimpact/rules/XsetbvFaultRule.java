package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;
import dev.kimpact.xsave.Masks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code xsetbv-fault}: the XCR0 a guest kernel writes at boot takes #GP on its vCPU, injected by KVM's
 * {@code __kvm_set_xcr()} (arch/x86/kvm/x86.c) or raised by the CPU at VM entry (SDM Vol. 1 §13.3).
 */
public final class XsetbvFaultRule extends PerObservationRule<Observation.XsetbvRejected> {

    public XsetbvFaultRule() {
        super(RuleId.XSETBV_FAULT, Observation.XsetbvRejected.class);
    }

    @Override
    Optional<Finding> judge(Observation.XsetbvRejected x, String scenario) {
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
        return Optional.of(finding(scenario, x.guest(), x.host(), x,
                "guest " + x.guest() + " on " + x.host() + ": XSETBV(" + Masks.describe(x.value())
                        + ") takes #GP; the guest kernel fails to boot",
                ev, "keep these components in KVM's supported XCR0 on this host (remove the user APIs, "
                        + "not the XSAVE enabling), or give the guest a CPU model without them"));
    }
}
