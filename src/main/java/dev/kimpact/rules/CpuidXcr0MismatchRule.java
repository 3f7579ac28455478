package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cpuid-xcr0-mismatch}: the VMM's CPU model asks for components KVM on the host cannot support. With
 * {@code enforce} the VMM refuses to start, so the finding is an error.
 */
public final class CpuidXcr0MismatchRule implements Rule {

    @Override
    public RuleId id() {
        return RuleId.CPUID_XCR0_MISMATCH;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>();
        for (Observation o : observations) {
            if (o instanceof Observation.CpuidMismatch c) {
                long missing = c.requested() & ~c.supported();
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("cpu_model", c.cpuModel());
                ev.put("requested", Evidence.mask(c.requested()));
                ev.put("kvm_supported_xcr0", Evidence.mask(c.supported()));
                ev.put("missing", Evidence.mask(missing));
                ev.put("enforce", c.enforce());
                Finding f = Evidence.finding(id(), scenario, c.guest(), c.host(), o,
                        "CPU model " + c.cpuModel() + " for " + c.guest() + " asks for " + dev.kimpact.xsave.Masks.names(missing)
                                + ", which KVM on " + c.host() + " does not support"
                                + (c.enforce() ? ": with enforce the VMM refuses to start" : ": the guest silently loses them"),
                        ev, "use a CPU model (or machine type) without these features on this host, or keep KVM "
                                + "supporting them");
                out.add(c.enforce() ? f.withSeverity(Severity.ERROR) : f);
            }
        }
        return out;
    }
}
