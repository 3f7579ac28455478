package dev.kimpact.finding;

import dev.kimpact.diag.BuiltinResource;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Suggest;
import dev.kimpact.finding.Severity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stable rule ids of PRODUCT.md §7 with their default severity and one-line summary. The long explanation
 * of each ({@code kimpact explain RULE}) is the resource {@code dev/kimpact/rules/explain/ID.txt}.
 */
public enum RuleId {
    XSETBV_FAULT("xsetbv-fault", Severity.ERROR,
            "the XCR0 a guest kernel writes faults (#GP) on that host's vCPU"),
    CPUID_XCR0_MISMATCH("cpuid-xcr0-mismatch", Severity.WARNING,
            "the CPUID the VMM asks for advertises a component KVM on that host cannot support"),
    MIGRATION_XCRS_REJECTED("migration-xcrs-rejected", Severity.ERROR,
            "KVM_SET_XCRS on the destination rejects the source vCPU's XCR0: live migration fails"),
    MIGRATION_XSAVE_REJECTED("migration-xsave-rejected", Severity.ERROR,
            "KVM_SET_XSAVE on the destination rejects the source's XSAVE image"),
    XSTATE_LOST("xstate-lost", Severity.ERROR,
            "guest-visible state differs after a host context switch or a migration"),
    XSTATE_LEAK("xstate-leak", Severity.ERROR,
            "a guest observes register contents another guest or the host wrote"),
    XSAVE_LAYOUT_MISMATCH("xsave-layout-mismatch", Severity.WARNING,
            "two buffers the kernel treats as one layout have different compacted offsets"),
    XSAVE_SIZE_CHANGED("xsave-size-changed", Severity.WARNING,
            "CPUID.0xD sizes differ between hosts or kernels"),
    USER_ABI_REMOVED("user-abi-removed", Severity.WARNING,
            "a user-visible interface present on the old kernel is gone on the new one"),
    MERGE_CONFLICT("merge-conflict", Severity.ERROR,
            "the series conflicts with another tree"),
    MISSING_MAINTAINER_ACK("missing-maintainer-ack", Severity.WARNING,
            "a touched section's maintainers are in no trailer"),
    LATE_FOR_MERGE_WINDOW("late-for-merge-window", Severity.NOTE,
            "the series reached the tree too close to the merge window"),
    EXPECTATION_UNMET("expectation-unmet", Severity.ERROR,
            "a scenario's expect: entry did not match what the run found"),
    CASE_INVALID("case-invalid", Severity.ERROR,
            "a --set/--matrix case makes the scenario impossible to run (e.g. a kernel that cannot boot on that CPU)");

    private final String id;
    private final Severity severity;
    private final String summary;

    RuleId(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String summary() {
        return summary;
    }

    /** The long text for {@code kimpact explain}. */
    public String explanation() {
        try {
            String text = BuiltinResource.text("dev/kimpact/rules/explain/" + id + ".txt");
            return text == null ? summary + "\n" : text;
        } catch (IOException e) {
            return summary + "\n";
        }
    }

    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (RuleId r : values()) {
            ids.add(r.id);
        }
        return ids;
    }

    public static RuleId byId(String id) {
        for (RuleId r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new InputException(null, "unknown rule '" + id + "'", Suggest.nearest(id, ids()).orElse(null));
    }
}
