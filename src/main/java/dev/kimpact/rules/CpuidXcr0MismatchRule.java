package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;
import dev.kimpact.finding.Severity;
import dev.kimpact.xsave.Masks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cpuid-xcr0-mismatch}: the VMM's CPU model asks for components KVM on the host cannot support
 * (KVM_GET_SUPPORTED_CPUID leaf 0xD, {@code kvm_caps.supported_xcr0}). With {@code enforce} the VMM refuses to
 * start, so the finding is an error.
 */
public final class CpuidXcr0MismatchRule extends PerObservationRule<Observation.CpuidMismatch> {

    public CpuidXcr0MismatchRule() {
        super(RuleId.CPUID_XCR0_MISMATCH, Observation.CpuidMismatch.class);
    }

    @Override
    Optional<Finding> judge(Observation.CpuidMismatch c, String scenario) {
        long missing = c.requested() & ~c.supported();
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("cpu_model", c.cpuModel());
        ev.put("requested", Evidence.mask(c.requested()));
        ev.put("kvm_supported_xcr0", Evidence.mask(c.supported()));
        ev.put("missing", Evidence.mask(missing));
        ev.put("enforce", c.enforce());
        Finding f = finding(scenario, c.guest(), c.host(), c,
                "CPU model " + c.cpuModel() + " for " + c.guest() + " asks for " + Masks.names(missing)
                        + ", which KVM on " + c.host() + " does not support"
                        + (c.enforce() ? ": with enforce the VMM refuses to start" : ": the guest silently loses them"),
                ev, "use a CPU model (or machine type) without these features on this host, or keep KVM "
                        + "supporting them");
        return Optional.of(c.enforce() ? f.withSeverity(Severity.ERROR) : f);
    }
}
