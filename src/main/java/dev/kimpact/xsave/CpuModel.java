package dev.kimpact.xsave;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A processor as the XSAVE machinery sees it: its raw CPUID leaves (leaf 0xD with every sub-leaf, and the
 * leaf 1 / leaf 7 bits that gate XSAVE-managed features), loaded from a real dump. Offsets, sizes and
 * alignment always come from here, never from constants: AMD's standard offsets differ from Intel's.
 *
 * <p>Immutable. Everything the emulator asks on every instruction (leaf 0xD sub-leaves, the XCR0/IA32_XSS
 * masks, per-component size, offset and ECX bits, the feature flags) is computed once from the leaves when
 * the model is built; layouts are memoised per mask. Equality is by value, as for a record.
 */
public final class CpuModel {

    /** Size of the legacy region plus the XSAVE header (SDM §13.4.1, §13.4.2). */
    public static final int LEGACY_AND_HEADER = 576;
    /** Layouts memoised per model and form: a run uses a handful of masks; random tests use many. */
    static final int LAYOUTS = 256;

    private final String name;
    private final String processor;
    private final String source;
    private final Map<Long, CpuidRegs> leaves;
    private final Quirks quirks;
    private final Derived derived;
    private final Map<Long, Layout> standardLayouts = new ConcurrentHashMap<>();
    private final Map<Long, Layout> compactedLayouts = new ConcurrentHashMap<>();

    /**
     * @param name      short id ({@code cascadelake-server}) or the dump's file name
     * @param processor brand string from the dump
     * @param source    where the dump came from (repository, path, commit)
     * @param leaves    raw CPUID output, keyed by {@link #key(int, int)}; absent sub-leaves are all zero
     * @param quirks    implementation choices the SDM leaves open
     */
    public CpuModel(String name, String processor, String source, Map<Long, CpuidRegs> leaves, Quirks quirks) {
        this(name, processor, source, Collections.unmodifiableMap(new TreeMap<>(leaves)), quirks, null);
    }

    private CpuModel(String name, String processor, String source, Map<Long, CpuidRegs> leaves, Quirks quirks,
                     Derived derived) {
        this.name = name;
        this.processor = processor;
        this.source = source;
        this.leaves = leaves;
        this.quirks = quirks;
        this.derived = derived != null ? derived : new Derived(leaves);
    }

    /** What is derived from the leaves alone (shared by {@link #withQuirks} and {@link #withName} copies). */
    private static final class Derived {
        final CpuidRegs[] leafD = new CpuidRegs[64];
        final CpuidRegs leaf1;
        final CpuidRegs leaf7;
        final CpuidRegs leaf71;
        final boolean xsave;
        final long supportedXcr0;
        final long supportedXss;
        final long supervisor;
        final long align64;
        final long xfdCapable;

        Derived(Map<Long, CpuidRegs> leaves) {
            for (int i = 0; i < 64; i++) {
                leafD[i] = leaves.getOrDefault(key(0xD, i), CpuidRegs.ZERO);
            }
            leaf1 = leaves.getOrDefault(key(1, 0), CpuidRegs.ZERO);
            leaf7 = leaves.getOrDefault(key(7, 0), CpuidRegs.ZERO);
            leaf71 = leaves.getOrDefault(key(7, 1), CpuidRegs.ZERO);
            supportedXcr0 = (leafD[0].eax() & 0xFFFFFFFFL) | ((long) leafD[0].edx() << 32);
            xsave = leaf1.bit(CpuidRegs.Reg.ECX, 26) && supportedXcr0 != 0;
            boolean xsaves = xsave && leafD[1].bit(CpuidRegs.Reg.EAX, 3);
            supportedXss = xsaves ? (leafD[1].ecx() & 0xFFFFFFFFL) | ((long) leafD[1].edx() << 32) : 0;
            long sup = 0;
            long al = 0;
            long xfd = 0;
            for (int i = 2; i < 64; i++) {
                sup |= leafD[i].bit(CpuidRegs.Reg.ECX, 0) ? 1L << i : 0;
                al |= leafD[i].bit(CpuidRegs.Reg.ECX, 1) ? 1L << i : 0;
                xfd |= leafD[i].bit(CpuidRegs.Reg.ECX, 2) ? 1L << i : 0;
            }
            supervisor = sup;
            align64 = al;
            xfdCapable = xfd;
        }
    }

    public String name() {
        return name;
    }

    public String processor() {
        return processor;
    }

    public String source() {
        return source;
    }

    /** Raw CPUID output, keyed by {@link #key(int, int)}; unmodifiable. */
    public Map<Long, CpuidRegs> leaves() {
        return leaves;
    }

    public Quirks quirks() {
        return quirks;
    }

    public static long key(int leaf, int subleaf) {
        return ((long) leaf << 32) | (subleaf & 0xFFFFFFFFL);
    }

    public CpuModel withQuirks(Quirks q) {
        return new CpuModel(name, processor, source, leaves, q, derived);
    }

    public CpuModel withName(String newName) {
        return new CpuModel(newName, processor, source, leaves, quirks, derived);
    }

    /** Raw leaf as dumped (dynamic bits such as OSXSAVE and leaf 0xD EBX reflect the dumping OS). */
    public CpuidRegs raw(int leaf, int subleaf) {
        if (leaf == 0xD && subleaf >= 0 && subleaf < 64) {
            return derived.leafD[subleaf];
        }
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
        return derived.xsave;
    }

    /** CPUID.01H:ECX.AVX[bit 28]. */
    public boolean hasAvx() {
        return derived.leaf1.bit(CpuidRegs.Reg.ECX, 28);
    }

    /** CPUID.(EAX=07H,ECX=0):EBX.MPX[bit 14]. */
    public boolean hasMpx() {
        return derived.leaf7.bit(CpuidRegs.Reg.EBX, 14);
    }

    /** CPUID.(EAX=07H,ECX=0):EBX.AVX512F[bit 16]. */
    public boolean hasAvx512f() {
        return derived.leaf7.bit(CpuidRegs.Reg.EBX, 16);
    }

    /** CPUID.(EAX=07H,ECX=0):ECX.PKU[bit 3]. */
    public boolean hasPku() {
        return derived.leaf7.bit(CpuidRegs.Reg.ECX, 3);
    }

    /** CPUID.(EAX=07H,ECX=0):EDX.AMX-TILE[bit 24]. */
    public boolean hasAmxTile() {
        return derived.leaf7.bit(CpuidRegs.Reg.EDX, 24);
    }

    /** CPUID.(EAX=07H,ECX=1):EDX.APX_F[bit 21]. */
    public boolean hasApx() {
        return derived.leaf71.bit(CpuidRegs.Reg.EDX, 21);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XSAVEOPT[bit 0]. */
    public boolean hasXsaveopt() {
        return derived.xsave && derived.leafD[1].bit(CpuidRegs.Reg.EAX, 0);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC[bit 1]: compaction extensions. */
    public boolean hasXsavec() {
        return derived.xsave && derived.leafD[1].bit(CpuidRegs.Reg.EAX, 1);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XG1[bit 2]: XGETBV with ECX=1. */
    public boolean hasXgetbv1() {
        return derived.xsave && derived.leafD[1].bit(CpuidRegs.Reg.EAX, 2);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XSS[bit 3]: XSAVES, XRSTORS and IA32_XSS. */
    public boolean hasXsaves() {
        return derived.xsave && derived.leafD[1].bit(CpuidRegs.Reg.EAX, 3);
    }

    /** CPUID.(EAX=0DH,ECX=1):EAX.XFD[bit 4]. */
    public boolean hasXfd() {
        return derived.xsave && derived.leafD[1].bit(CpuidRegs.Reg.EAX, 4);
    }

    // ---- leaf 0xD enumeration (SDM §13.2) -------------------------------------------------------------

    /** CPUID.(EAX=0DH,ECX=0):EDX:EAX: user components that XCR0 may enable. */
    public long supportedXcr0() {
        return derived.supportedXcr0;
    }

    /** CPUID.(EAX=0DH,ECX=1):EDX:ECX: supervisor components that IA32_XSS may enable. */
    public long supportedXss() {
        return derived.supportedXss;
    }

    /** All components this processor manages with XSAVE (user and supervisor). */
    public long supportedAll() {
        return derived.supportedXcr0 | derived.supportedXss;
    }

    public boolean supports(int component) {
        return component >= 0 && component < 64 && ((derived.supportedXcr0 | derived.supportedXss) & (1L << component)) != 0;
    }

    /** Size in bytes of component i: 160 (x87 part of the legacy region), 256 (XMM0-15), else CPUID.(0DH,i):EAX. */
    public int size(int i) {
        if (i == 0) {
            return 160;
        }
        if (i == 1) {
            return 256;
        }
        return derived.leafD[i].eax();
    }

    /** Standard-form offset of component i: CPUID.(0DH,i):EBX (0 for supervisor components). */
    public int standardOffset(int i) {
        if (i == 0) {
            return 0;
        }
        if (i == 1) {
            return 160;
        }
        return derived.leafD[i].ebx();
    }

    /** CPUID.(0DH,i):ECX[0]: a supervisor component. */
    public boolean supervisor(int i) {
        return i >= 2 && i < 64 && (derived.supervisor & (1L << i)) != 0;
    }

    /** CPUID.(0DH,i):ECX[1]: aligned to 64 bytes in the compacted form. */
    public boolean align64(int i) {
        return i >= 2 && i < 64 && (derived.align64 & (1L << i)) != 0;
    }

    /** CPUID.(0DH,i):ECX[2]: may be armed in IA32_XFD. */
    public boolean xfdCapable(int i) {
        return i >= 2 && i < 64 && (derived.xfdCapable & (1L << i)) != 0;
    }

    /** CPUID.(EAX=0DH,ECX=0):ECX: standard-form size for every supported user component. */
    public int maxStandardSize() {
        return standardLayout(supportedXcr0()).size();
    }

    /** {@link Layout#standard} for {@code mask}, computed once per mask (for the first {@link #LAYOUTS} masks). */
    public Layout standardLayout(long mask) {
        Layout l = standardLayouts.get(mask);
        if (l == null) {
            l = Layout.standard(this, mask);
            if (standardLayouts.size() < LAYOUTS) {
                standardLayouts.putIfAbsent(mask, l);
            }
        }
        return l;
    }

    /** {@link Layout#compacted} for {@code xcompBv}, computed once per value (for the first {@link #LAYOUTS}). */
    public Layout compactedLayout(long xcompBv) {
        Layout l = compactedLayouts.get(xcompBv);
        if (l == null) {
            l = Layout.compacted(this, xcompBv);
            if (compactedLayouts.size() < LAYOUTS) {
                compactedLayouts.putIfAbsent(xcompBv, l);
            }
        }
        return l;
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
            return new CpuidRegs(r.eax(), standardLayout(xcr0).size(), r.ecx(), r.edx());
        }
        if (sub == 1) {
            int ebx;
            if (hasXsaves()) {
                ebx = compactedLayout(xcr0 | xss).size();
            } else if (hasXsavec()) {
                ebx = compactedLayout(xcr0).size();
            } else {
                ebx = 0;
            }
            return new CpuidRegs(r.eax(), ebx, r.ecx(), r.edx());
        }
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuModel c && name.equals(c.name) && processor.equals(c.processor) && source.equals(c.source)
                && leaves.equals(c.leaves) && quirks.equals(c.quirks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, processor, source, leaves, quirks);
    }

    @Override
    public String toString() {
        return "CpuModel[name=" + name + ", processor=" + processor + ", source=" + source + ", leaves="
                + leaves.size() + ", quirks=" + quirks + "]";
    }
}
