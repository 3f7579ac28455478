package dev.kimpact.model;

/**
 * The QEMU release a guest's VMM is ({@code vmm: {qemu: "7.2"}}), for what it does when a register put fails on
 * the migration destination. Before 8.2, kvm_arch_put_registers() returned the first error (KVM_SET_XSAVE,
 * KVM_SET_XCRS, ...) and its caller ignored it: the puts after the failing one were skipped and the guest resumed
 * with its state not loaded. 7191f24c7fcf "accel/kvm/kvm-all: Handle register access errors" (QEMU 8.2) makes a
 * failed put fatal, so the incoming migration fails and the guest keeps running on the source.
 */
public record QemuVersion(int major, int minor) implements Comparable<QemuVersion> {

    /** The first release that aborts on a failed register put (7191f24c7fcf). */
    public static final QemuVersion HANDLES_PUT_ERRORS = new QemuVersion(8, 2);

    /** What a guest's VMM is when the scenario does not say: a QEMU with 7191f24c7fcf. */
    public static final QemuVersion DEFAULT = HANDLES_PUT_ERRORS;

    /** {@code "7.2"}, {@code "8.2.1"} (a stable update names its release); null when it is not a version. */
    public static QemuVersion parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("v?(\\d{1,2})\\.(\\d{1,2})(\\.\\d{1,3})?")
                .matcher(text.trim());
        return m.matches() ? new QemuVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    /** A failed KVM_SET_* on the destination fails the migration (true) or is ignored (false). */
    public boolean abortsOnPutError() {
        return compareTo(HANDLES_PUT_ERRORS) >= 0;
    }

    @Override
    public int compareTo(QemuVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
