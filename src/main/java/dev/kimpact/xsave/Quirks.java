package dev.kimpact.xsave;

/**
 * The choices the SDM leaves to the implementation, as named options of a CPU model.
 *
 * @param xinuse             how XINUSE is tracked (SDM §13.6: "It is possible for XINUSE[i] to be 1 even when
 *                           state component i is in its initial configuration")
 * @param modifiedOptimization whether XSAVEOPT/XSAVES skip components not modified since the last XRSTOR(S)
 *                           from the same area (SDM §13.9, §13.11); an implementation may always save
 * @param mxcsrMask          MXCSR_MASK as saved at legacy bytes 31:28 and used for the reserved-bit #GP of
 *                           XRSTOR(S) (SDM §10.5.1.2); 0xFFFF when DAZ is supported, the case on every
 *                           processor since the Pentium 4 (not in the CPUID dumps: an assumption, UNVERIFIED)
 */
public record Quirks(XinuseTracking xinuse, boolean modifiedOptimization, int mxcsrMask) {

    /** Precise XINUSE (as Bochs models it), the modified optimization on, MXCSR_MASK 0xFFFF. */
    public static final Quirks DEFAULT = new Quirks(XinuseTracking.PRECISE, true, 0xFFFF);

    public enum XinuseTracking {
        /** XINUSE[i] is 0 exactly when component i is in its initial configuration. */
        PRECISE,
        /** No init optimization: XINUSE is all ones (as QEMU TCG reports it). */
        ALWAYS_IN_USE
    }

    public Quirks withXinuse(XinuseTracking tracking) {
        return new Quirks(tracking, modifiedOptimization, mxcsrMask);
    }

    public Quirks withModifiedOptimization(boolean on) {
        return new Quirks(xinuse, on, mxcsrMask);
    }
}
