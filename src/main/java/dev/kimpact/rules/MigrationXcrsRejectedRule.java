package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.Optional;

/**
 * {@code migration-xcrs-rejected}: KVM_SET_XCRS on the migration destination returned -EINVAL, its
 * {@code __kvm_set_xcr()} refusing the source vCPU's XCR0 (kvm_vcpu_ioctl_x86_set_xcrs, arch/x86/kvm/x86.c).
 */
public final class MigrationXcrsRejectedRule extends PerObservationRule<Observation.IoctlRejected> {

    private static final String IOCTL = "KVM_SET_XCRS";

    public MigrationXcrsRejectedRule() {
        super(RuleId.MIGRATION_XCRS_REJECTED, Observation.IoctlRejected.class);
    }

    @Override
    Optional<Finding> judge(Observation.IoctlRejected r, String scenario) {
        if (!r.ioctl().equals(IOCTL)) {
            return Optional.empty();
        }
        return Optional.of(finding(scenario, r.guest(), r.to(), r, Evidence.rejectionMessage(r),
                Evidence.rejection("xcr0", r),
                "keep the destination's KVM supporting every XCR0 bit a source guest may have set"));
    }
}
