package dev.kimpact.xsave;

import java.util.Arrays;
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
    /** Largest gap between two components the register file reproduces from the standard form (bytes). */
    private static final int MAX_GAP = 4096;

    private final String name;
    private final String processor;
    private final String source;
    private final Map<Long, CpuidRegs> leaves;
    private final Quirks quirks;
    private final Derived derived;
    private final Map<Long, SlotTable> standardLayouts = new ConcurrentHashMap<>();
    private final Map<Long, SlotTable> compactedLayouts = new ConcurrentHashMap<>();

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
        /** Components a {@link Machine} keeps registers for: x87, SSE and every supported one. */
        final long registered;
        /** Size in bytes of each registered component (0 for the others). */
        final int[] size = new int[64];
        /** Laid out when the first machine needs it: a dump is modelled before its sizes are validated. */
        private volatile RegisterFile registerFile;

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
            registered = 0x3L | supportedXcr0 | supportedXss;
            for (int i = 0; i < 64; i++) {
                if ((registered & (1L << i)) != 0) {
                    size[i] = i == 0 ? 160 : i == 1 ? 256 : Math.max(leafD[i].eax(), 0);
                }
            }
        }

        /** The register file's layout (computed once; a race computes the same immutable value twice). */
        RegisterFile registerFile() {
            RegisterFile f = registerFile;
            if (f == null) {
                f = new RegisterFile(this);
                registerFile = f;
            }
            return f;
        }
    }

    /**
     * Where a {@link Machine} keeps each component's registers in its one register file: x87 and SSE as in the
     * legacy region, each further user component at its standard-form offset (CPUID.(0DH,i):EBX) when that lies
     * after the previous component and not far from it, otherwise (overlapping or distant offsets) right after the
     * previous one; then the supervisor components, one after the other. So on real layouts the components an
     * XSAVE writes contiguously are contiguous here too and move with one copy; on any layout no two components
     * share a byte.
     */
    private static final class RegisterFile {
        /** Offset of each registered component (-1 for the others). */
        final int[] offset = new int[64];
        /** Every component in its initial configuration; never written. */
        final byte[] initial;

        RegisterFile(Derived d) {
            Arrays.fill(offset, -1);
            long next = place(d, d.registered & ~d.supervisor, 0);
            next = place(d, d.registered & d.supervisor, next);
            initial = new byte[(int) next];
            for (int i = 0; i < 64; i++) {
                if (offset[i] >= 0) {
                    System.arraycopy(Machine.initValue(i, d.size[i]), 0, initial, offset[i], d.size[i]);
                }
            }
        }

        /** Places {@code components} in index order from byte {@code next}; returns the end of the last one. */
        private long place(Derived d, long components, long next) {
            for (long left = components; left != 0; left &= left - 1) {
                int i = Long.numberOfTrailingZeros(left);
                long standard = i == 0 ? 0 : i == 1 ? 160 : d.leafD[i].ebx() & 0xFFFFFFFFL;
                boolean nearby = (d.supervisor & (1L << i)) == 0 && standard >= next && standard - next <= MAX_GAP;
                long at = nearby ? standard : next;
                next = at + d.size[i];
                if (next > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("XSAVE components of more than 2 GiB");
                }
                offset[i] = (int) at;
            }
            return next;
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
        return standardTable(mask).layout();
    }

    /** {@link Layout#compacted} for {@code xcompBv}, computed once per value (for the first {@link #LAYOUTS}). */
    public Layout compactedLayout(long xcompBv) {
        return compactedTable(xcompBv).layout();
    }

    /** {@link #standardLayout} with its slots indexed by component. */
    SlotTable standardTable(long mask) {
        SlotTable t = standardLayouts.get(mask);
        if (t == null) {
            t = new SlotTable(Layout.standard(this, mask), derived.size);
            if (standardLayouts.size() < LAYOUTS) {
                standardLayouts.putIfAbsent(mask, t);
            }
        }
        return t;
    }

    /** {@link #compactedLayout} with its slots indexed by component; XCOMP_BV[63] does not matter. */
    SlotTable compactedTable(long xcompBv) {
        long key = xcompBv & Long.MAX_VALUE;
        SlotTable t = compactedLayouts.get(key);
        if (t == null) {
            t = new SlotTable(Layout.compacted(this, key), derived.size);
            if (compactedLayouts.size() < LAYOUTS) {
                compactedLayouts.putIfAbsent(key, t);
            }
        }
        return t;
    }

    /** Components a {@link Machine} keeps registers for: x87, SSE and every supported component. */
    long registered() {
        return derived.registered;
    }

    /** Offset of component i's registers in a machine's register file, -1 if it has none (read-only array). */
    int[] registerOffsets() {
        return derived.registerFile().offset;
    }

    /** Size of component i's registers, 0 if it has none (read-only array). */
    int[] registerSizes() {
        return derived.size;
    }

    /** The register file in the initial configuration of every component (read-only: copy from it). */
    byte[] initialRegisters() {
        return derived.registerFile().initial;
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
