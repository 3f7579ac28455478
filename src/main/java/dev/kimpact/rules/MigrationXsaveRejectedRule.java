package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;
import dev.kimpact.xsave.Masks;

import java.util.Optional;

/**
 * {@code migration-xsave-rejected}: KVM_SET_XSAVE on the migration destination returned -EINVAL, the image's
 * XSTATE_BV naming components it does not accept (kvm_vcpu_ioctl_x86_set_xsave, arch/x86/kvm/x86.c); or
 * KVM_GET_XSAVE on the source did, the guest's state being larger than the 4096-byte struct kvm_xsave
 * (be50b2065dfa).
 */
public final class MigrationXsaveRejectedRule extends PerObservationRule<Observation.IoctlRejected> {

    private static final String IOCTL = "KVM_SET_XSAVE";
    private static final String GET = "KVM_GET_XSAVE";

    public MigrationXsaveRejectedRule() {
        super(RuleId.MIGRATION_XSAVE_REJECTED, Observation.IoctlRejected.class);
    }

    @Override
    Optional<Finding> judge(Observation.IoctlRejected r, String scenario) {
        if (r.ioctl().equals(GET)) {
            return Optional.of(finding(scenario, r.guest(), r.from(), r, "KVM_GET_XSAVE on " + r.from() + " fails for "
                    + r.guest() + ": its XSAVE state does not fit struct kvm_xsave; live migration fails",
                    getEvidence(r),
                    "migrate with KVM_GET_XSAVE2, sized by KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2) (be50b2065dfa)"));
        }
        if (!r.ioctl().equals(IOCTL)) {
            return Optional.empty();
        }
        return Optional.of(finding(scenario, r.guest(), r.to(), r, Evidence.rejectionMessage(r),
                Evidence.rejection("xstate_bv", r), remedy(r)));
    }

    /** Whether the destination's KVM policy, its kernel, or its CPU is what cannot take the rejected components. */
    static String remedy(Observation.IoctlRejected r) {
        // A VMM that already aborts (QEMU 8.2) needs no advice; one that resumes the guest does.
        String abort = r.migrationAborted() ? "" : ", and make the VMM abort on a failed KVM_SET_XSAVE (QEMU 8.2, "
                + "7191f24c7fcf) so the guest stays on its source";
        long noCpu = r.value() & ~r.cpuSupported();
        if (noCpu != 0) {
            // 8647c52e9504's cover letter: no kernel fix when "the target host doesn't support the over-saved set".
            return r.to() + "'s CPU has no " + Masks.describe(noCpu) + ": no kernel there can load that state; "
                    + "migrate the guest only to hosts whose CPU has every component its state names (a source "
                    + "before ad856280ddea, 5.17, also saves host state its guest cannot see)" + abort;
        }
        long noKvm = r.value() & ~r.kvmSupported();
        if (noKvm != 0) {
            // December 2018, "x86: Remove Intel MPX": KVM must keep the state guests may still have.
            return "keep " + Masks.describe(noKvm) + " in the XCR0 KVM supports on " + r.to() + " while guests "
                    + "may have that state (its CPU has them)" + abort;
        }
        return "accept on KVM_SET_XSAVE every component the host supports (8647c52e9504)" + abort;
    }

    private static java.util.Map<String, Object> getEvidence(Observation.IoctlRejected r) {
        java.util.Map<String, Object> ev = new java.util.LinkedHashMap<>();
        ev.put("guest_supported_xcr0", Evidence.mask(r.value()));
        ev.put("errno", "-EINVAL");
        ev.put("reason", r.reason());
        ev.put("outcome", "migration fails; the guest keeps running on " + r.from());
        return ev;
    }
}
