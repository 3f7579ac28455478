package dev.kimpact.xsave;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A processor as the XSAVE machinery sees it: its raw CPUID leaves (leaf 0xD with every sub-leaf, and the
 * leaf 1 / leaf 7 bits that gate XSAVE-managed features), loaded from a real dump. Offsets, sizes and
 * alignment always come from here, never from constants: AMD's standard offsets differ from Intel's.
 *
 * @param name      short id ({@code cascadelake-server}) or the dump's file name
 * @param processor brand string from the dump
 * @param source    where the dump came from (repository, path, commit)
 * @param leaves    raw CPUID output, keyed by {@link #key(int, int)}; absent sub-leaves are all zero
 * @param quirks    implementation choices the SDM leaves open
 */
public record CpuModel(String name, String processor, String source, Map<Long, CpuidRegs> leaves, Quirks quirks) {

    /** Size of the legacy region plus the XSAVE header (SDM §13.4.1, §13.4.2). */
    public static final int LEGACY_AND_HEADER = 576;

    public CpuModel {
        leaves = Collections.unmodifiableMap(new TreeMap<>(leaves));
    }

    public static long key(int leaf, int subleaf) {
        return ((long) leaf << 32) | (subleaf & 0xFFFFFFFFL);
    }

    public CpuModel withQuirks(Quirks q) {
        return new CpuModel(name, processor, source, leaves, q);
    }

    public CpuModel withName(String newName) {
        return new CpuModel(newName, processor, source, leaves, quirks);
    }

    /** Raw leaf as dumped (dynamic bits such as OSXSAVE and leaf 0xD EBX reflect the dumping OS). */
    public CpuidRegs raw(int leaf, int subleaf) {
        return leaves.getOrDefault(key(leaf, subleaf), CpuidRegs.ZERO);
    }

    public String vendor() {
        CpuidRegs l0 = raw(0, 0);
        return ascii(l0.ebx()) + ascii(l0.edx()) + ascii(l0.ecx());
    }

    private static String ascii(int reg) {
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            char c = (char) ((reg >>> (8 * i)) & 0xFF);
            if (c != 0) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---- feature flags that gate XSAVE and its components -------------------------------------------

    /** CPUID.01H:ECX.XSAVE[bit 26]. */
    public boolean hasXsave() {
        return raw(1, 0).bit(CpuidRegs.Reg.ECX, 26) && supportedXcr0() != 0;
    }

    /** CPUID.01H:ECX.AVX[bit 28]. */
    public boolean hasAvx() {
        return raw(1, 0).bit(CpuidRegs.Reg.ECX, 28);
    }

    /** CPUID.(EAX=07H,ECX=0):EBX.MPX[bit 14]. */
    public boolean hasMpx() {
        return raw(7, 0).bit(CpuidRegs.Reg.EBX, 14);
    }

    /** CPUID.(EAX=07H,ECX=0):EBX.AVX512F[bit 16]. */
    public boolean hasAvx512f() {
        return raw(7, 0).bit(CpuidRegs.Reg.EBX, 16);
    }

    /** CPUID.(EAX=07H,ECX=0):ECX.PKU[bit 3]. */
    public boolean hasPku() {
        return raw(7, 0).bit(CpuidRegs.Reg.ECX, 3);
    }

    /** CPUID.(EAX=07H,ECX=0):EDX.AMX-TILE[bit 24]. */
    public boolean hasAmxTile() {
        return raw(7, 0).bit(CpuidRegs.Reg.EDX, 24);
    }

    /** CPUID.(EAX=07H,ECX=1):EDX.APX_F[bit 21]. */
    public boolean hasApx() {
        return raw(7, 1).bit(CpuidRegs.Reg.EDX, 21);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XSAVEOPT[bit 0]. */
    public boolean hasXsaveopt() {
        return hasXsave() && raw(0xD, 1).bit(CpuidRegs.Reg.EAX, 0);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC[bit 1]: compaction extensions. */
    public boolean hasXsavec() {
        return hasXsave() && raw(0xD, 1).bit(CpuidRegs.Reg.EAX, 1);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XG1[bit 2]: XGETBV with ECX=1. */
    public boolean hasXgetbv1() {
        return hasXsave() && raw(0xD, 1).bit(CpuidRegs.Reg.EAX, 2);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XSS[bit 3]: XSAVES, XRSTORS and IA32_XSS. */
    public boolean hasXsaves() {
        return hasXsave() && raw(0xD, 1).bit(CpuidRegs.Reg.EAX, 3);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XFD[bit 4]. */
    public boolean hasXfd() {
        return hasXsave() && raw(0xD, 1).bit(CpuidRegs.Reg.EAX, 4);
    }

    // ---- leaf 0xD enumeration (SDM §13.2) -------------------------------------------------------------

    /** CPUID.(EAX=0DH,ECX=0):EDX:EAX: user components that XCR0 may enable. */
    public long supportedXcr0() {
        CpuidRegs d0 = raw(0xD, 0);
        return (d0.eax() & 0xFFFFFFFFL) | ((long) d0.edx() << 32);
    }

    /** CPUID.(EAX=0DH,ECX=1):EDX:ECX: supervisor components that IA32_XSS may enable. */
    public long supportedXss() {
        if (!hasXsaves()) {
            return 0;
        }
        CpuidRegs d1 = raw(0xD, 1);
        return (d1.ecx() & 0xFFFFFFFFL) | ((long) d1.edx() << 32);
    }

    /** All components this processor manages with XSAVE (user and supervisor). */
    public long supportedAll() {
        return supportedXcr0() | supportedXss();
    }

    public boolean supports(int component) {
        return component >= 0 && component < 64 && (supportedAll() & (1L << component)) != 0;
    }

    /** Size in bytes of component i: 160 (x87 part of the legacy region), 256 (XMM0-15), else CPUID.(0DH,i):EAX. */
    public int size(int i) {
        if (i == 0) {
            return 160;
        }
        if (i == 1) {
            return 256;
        }
        return raw(0xD, i).eax();
    }

    /** Standard-form offset of component i: CPUID.(0DH,i):EBX (0 for supervisor components). */
    public int standardOffset(int i) {
        if (i == 0) {
            return 0;
        }
        if (i == 1) {
            return 160;
        }
        return raw(0xD, i).ebx();
    }

    /** CPUID.(0DH,i):ECX[0]: a supervisor component. */
    public boolean supervisor(int i) {
        return i >= 2 && raw(0xD, i).bit(CpuidRegs.Reg.ECX, 0);
    }

    /** CPUID.(0DH,i):ECX[1]: aligned to 64 bytes in the compacted form. */
    public boolean align64(int i) {
        return i >= 2 && raw(0xD, i).bit(CpuidRegs.Reg.ECX, 1);
    }

    /** CPUID.(0DH,i):ECX[2]: may be armed in IA32_XFD. */
    public boolean xfdCapable(int i) {
        return i >= 2 && raw(0xD, i).bit(CpuidRegs.Reg.ECX, 2);
    }

    /** CPUID.(EAX=0DH,ECX=0):ECX: standard-form size for every supported user component. */
    public int maxStandardSize() {
        return Layout.standard(this, supportedXcr0()).size();
    }

    /**
     * CPUID.(EAX=0DH,ECX=sub) as software would read it with {@code xcr0} and {@code xss} in force:
     * sub-leaf 0 EBX follows XCR0, sub-leaf 1 EBX follows XCR0|IA32_XSS (SDM §13.2).
     */
    public CpuidRegs leafD(int sub, long xcr0, long xss) {
        CpuidRegs r = raw(0xD, sub);
        if (!hasXsave()) {
            return CpuidRegs.ZERO;
        }
        if (sub == 0) {
            return new CpuidRegs(r.eax(), Layout.standard(this, xcr0).size(), r.ecx(), r.edx());
        }
        if (sub == 1) {
            int ebx;
            if (hasXsaves()) {
                ebx = Layout.compacted(this, xcr0 | xss).size();
            } else if (hasXsavec()) {
                ebx = Layout.compacted(this, xcr0).size();
            } else {
                ebx = 0;
            }
            return new CpuidRegs(r.eax(), ebx, r.ecx(), r.edx());
        }
        return r;
    }
}
