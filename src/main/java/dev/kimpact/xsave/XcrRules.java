package dev.kimpact.xsave;

/** The architectural XCR0 validity rules that XSETBV enforces (SDM Vol. 1 §13.3, Vol. 2 XSETBV). */
public final class XcrRules {

    private static final String SDM = "SDM Vol. 1 §13.3";

    private XcrRules() {
    }

    /** The #GP XSETBV(ECX=0) raises for {@code xcr0} on a CPU enumerating {@code supported}; null if valid. */
    public static Fault xcr0Fault(long xcr0, long supported) {
        if ((xcr0 & XFeature.X87.mask()) == 0) {
            return Fault.gp("an attempt is made to clear bit 0 of XCR0", "SDM Vol. 2 XSETBV, #GP(0)");
        }
        long unsupported = xcr0 & ~supported;
        if (unsupported != 0) {
            return Fault.gp("XCR0 sets " + Masks.describe(unsupported)
                    + ", not set in CPUID.(EAX=0DH,ECX=0):EDX:EAX", SDM);
        }
        if ((xcr0 & 0x6L) == 0x4L) {
            return Fault.gp("an attempt is made to set XCR0[2:1] to 10b (AVX without SSE)", "SDM Vol. 2 XSETBV, #GP(0)");
        }
        long mpx = xcr0 & XFeature.MASK_MPX;
        if (mpx != 0 && mpx != XFeature.MASK_MPX) {
            return Fault.gp("XCR0[4:3] (MPX BNDREGS, BNDCSR) is neither 00b nor 11b", SDM);
        }
        long avx512 = xcr0 & XFeature.MASK_AVX512;
        if (avx512 != 0 && (avx512 != XFeature.MASK_AVX512 || (xcr0 & 0x6L) != 0x6L)) {
            return Fault.gp("XCR0[7:5] (AVX-512) is not 000b and a bit is clear in XCR0[2:1] or XCR0[7:5]", SDM);
        }
        long xtile = xcr0 & XFeature.MASK_XTILE;
        if (xtile != 0 && xtile != XFeature.MASK_XTILE) {
            return Fault.gp("XCR0[17] differs from XCR0[18] (TILECFG and TILEDATA must be enabled together)", SDM);
        }
        return null;
    }
}
