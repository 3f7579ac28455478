package dev.kimpact.xsave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The XSAVE-managed state components 0..19, named as the kernel names them
 * (arch/x86/include/asm/fpu/types.h, enum xfeature; SDM Vol. 1 §13.1, Table 13-1).
 */
public enum XFeature {
    X87(0, "x87", false),
    SSE(1, "sse", false),
    AVX(2, "avx", false),            // YMM_Hi128
    BNDREGS(3, "bndregs", false),    // MPX BND0-BND3
    BNDCSR(4, "bndcsr", false),      // MPX BNDCFGU, BNDSTATUS
    OPMASK(5, "opmask", false),      // AVX-512 k0-k7
    ZMM_HI256(6, "zmm_hi256", false),
    HI16_ZMM(7, "hi16_zmm", false),
    PT(8, "pt", true),
    PKRU(9, "pkru", false),
    PASID(10, "pasid", true),
    CET_U(11, "cet_u", true),
    CET_S(12, "cet_s", true),
    HDC(13, "hdc", true),
    UINTR(14, "uintr", true),
    LBR(15, "lbr", true),
    HWP(16, "hwp", true),
    XTILECFG(17, "xtilecfg", false),
    XTILEDATA(18, "xtiledata", false),
    APX(19, "apx", false);           // EGPRs R16-R31, reuses the MPX area in the standard form

    /** XFEATURE_MASK_FPSSE. */
    public static final long MASK_FPSSE = 0x3L;
    /** XFEATURE_MASK_BNDREGS | XFEATURE_MASK_BNDCSR. */
    public static final long MASK_MPX = 0x18L;
    /** XFEATURE_MASK_AVX512 (opmask, ZMM_Hi256, Hi16_ZMM). */
    public static final long MASK_AVX512 = 0xE0L;
    /** XFEATURE_MASK_XTILE (TILECFG, TILEDATA). */
    public static final long MASK_XTILE = 0x60000L;

    private static final XFeature[] BY_INDEX = values();
    private static final Map<String, XFeature> BY_NAME = byNames();

    private static Map<String, XFeature> byNames() {
        Map<String, XFeature> m = new HashMap<>();
        for (XFeature f : BY_INDEX) {
            m.put(f.kernelName, f);
        }
        return Map.copyOf(m);
    }

    private final int index;
    private final String kernelName;
    private final boolean supervisor;

    XFeature(int index, String kernelName, boolean supervisor) {
        this.index = index;
        this.kernelName = kernelName;
        this.supervisor = supervisor;
    }

    public int index() {
        return index;
    }

    public long mask() {
        return 1L << index;
    }

    /** The name used in masks, scenarios and reports ({@code bndregs}, {@code zmm_hi256}, ...). */
    public String kernelName() {
        return kernelName;
    }

    /** Supervisor components live in IA32_XSS, never in XCR0 (SDM §13.2, §13.3). */
    public boolean supervisor() {
        return supervisor;
    }

    public static XFeature ofIndex(int i) {
        return i >= 0 && i < BY_INDEX.length ? BY_INDEX[i] : null;
    }

    /** Name of component {@code i}, also for indices beyond 19 ({@code bit42}). */
    public static String nameOf(int i) {
        XFeature f = ofIndex(i);
        return f != null ? f.kernelName : "bit" + i;
    }

    public static XFeature byName(String name) {
        return BY_NAME.get(name);
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (XFeature f : BY_INDEX) {
            names.add(f.kernelName);
        }
        return names;
    }
}
