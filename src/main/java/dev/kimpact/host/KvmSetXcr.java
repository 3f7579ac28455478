package dev.kimpact.host;

import dev.kimpact.xsave.Masks;
import dev.kimpact.xsave.XFeature;

/**
 * KVM's XCR0 check, {@code __kvm_set_xcr()} in arch/x86/kvm/x86.c (v4.20 through v6.x, body quoted in
 * XSAVE.md §2.3): used for a guest's XSETBV (kvm_emulate_xsetbv injects #GP) and for KVM_SET_XCRS (-EINVAL).
 */
public final class KvmSetXcr {

    private KvmSetXcr() {
    }

    /** Why KVM rejects {@code xcr0} for a vCPU whose guest_supported_xcr0 is {@code guestSupported}; null if it accepts. */
    public static String reject(long xcr0, long guestSupported) {
        if ((xcr0 & XFeature.X87.mask()) == 0) {
            return "XCR0[0] (x87) is clear";
        }
        if ((xcr0 & XFeature.AVX.mask()) != 0 && (xcr0 & XFeature.SSE.mask()) == 0) {
            return "YMM set without SSE";
        }
        long valid = guestSupported | XFeature.X87.mask();
        if ((xcr0 & ~valid) != 0) {
            return "sets " + Masks.describe(xcr0 & ~valid) + ", outside guest_supported_xcr0 "
                    + Masks.describe(guestSupported);
        }
        long mpx = xcr0 & XFeature.MASK_MPX;
        if (mpx != 0 && mpx != XFeature.MASK_MPX) {
            return "BNDREGS and BNDCSR not both set or both clear";
        }
        long avx512 = xcr0 & XFeature.MASK_AVX512;
        if (avx512 != 0 && ((xcr0 & XFeature.AVX.mask()) == 0 || avx512 != XFeature.MASK_AVX512)) {
            return "AVX-512 bits inconsistent (need YMM and all of opmask, ZMM_Hi256, Hi16_ZMM)";
        }
        long xtile = xcr0 & XFeature.MASK_XTILE;
        if (xtile != 0 && xtile != XFeature.MASK_XTILE) {
            return "XTILECFG and XTILEDATA not both set";
        }
        return null;
    }
}
