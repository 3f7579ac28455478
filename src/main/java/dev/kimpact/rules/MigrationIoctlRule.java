package dev.kimpact.rules;

import dev.kimpact.finding.RuleId;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code migration-xcrs-rejected} and {@code migration-xsave-rejected}: KVM_SET_XCRS / KVM_SET_XSAVE on the
 * migration destination returned -EINVAL.
 */
public final class MigrationIoctlRule implements Rule {

    private final RuleId id;
    private final String ioctl;

    private MigrationIoctlRule(RuleId id, String ioctl) {
        this.id = id;
        this.ioctl = ioctl;
    }

    public static MigrationIoctlRule xcrs() {
        return new MigrationIoctlRule(RuleId.MIGRATION_XCRS_REJECTED, "KVM_SET_XCRS");
    }

    public static MigrationIoctlRule xsave() {
        return new MigrationIoctlRule(RuleId.MIGRATION_XSAVE_REJECTED, "KVM_SET_XSAVE");
    }

    @Override
    public RuleId id() {
        return id;
    }

    @Override
    public List<Finding> apply(List<Observation> observations, String scenario) {
        List<Finding> out = new ArrayList<>();
        for (Observation o : observations) {
            if (o instanceof Observation.IoctlRejected r && r.ioctl().equals(ioctl)) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put(ioctl.equals("KVM_SET_XCRS") ? "xcr0" : "xstate_bv", Evidence.mask(r.value()));
                ev.put("errno", "-EINVAL");
                ev.put("reason", r.reason());
                ev.put("outcome", r.migrationAborted() ? "migration fails; the guest keeps running on " + r.from()
                        : "the VMM ignores the error and resumes the guest on " + r.to() + " with incomplete state");
                out.add(Evidence.finding(id, scenario, r.guest(), r.to(), o,
                        ioctl + " on " + r.to() + " rejects " + r.guest() + "'s state from " + r.from()
                                + (r.migrationAborted() ? ": live migration fails" : ": the guest resumes with state lost"),
                        ev, ioctl.equals("KVM_SET_XCRS")
                                ? "keep the destination's KVM supporting every XCR0 bit a source guest may have set"
                                : "accept on KVM_SET_XSAVE every component the host supports (8647c52e9504), and make the "
                                + "VMM abort on a failed KVM_SET_XSAVE"));
            }
        }
        return out;
    }
}
