package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.Optional;

/**
 * {@code migration-xsave-rejected}: KVM_SET_XSAVE on the migration destination returned -EINVAL, the image's
 * XSTATE_BV naming components it does not accept (kvm_vcpu_ioctl_x86_set_xsave, arch/x86/kvm/x86.c).
 */
public final class MigrationXsaveRejectedRule extends PerObservationRule<Observation.IoctlRejected> {

    private static final String IOCTL = "KVM_SET_XSAVE";

    public MigrationXsaveRejectedRule() {
        super(RuleId.MIGRATION_XSAVE_REJECTED, Observation.IoctlRejected.class);
    }

    @Override
    Optional<Finding> judge(Observation.IoctlRejected r, String scenario) {
        if (!r.ioctl().equals(IOCTL)) {
            return Optional.empty();
        }
        return Optional.of(finding(scenario, r.guest(), r.to(), r, Evidence.rejectionMessage(r),
                Evidence.rejection("xstate_bv", r),
                "accept on KVM_SET_XSAVE every component the host supports (8647c52e9504), and make the "
                        + "VMM abort on a failed KVM_SET_XSAVE (QEMU 8.2, 7191f24c7fcf)"));
    }
}
