package dev.kimpact.xsave;

import java.util.Arrays;
import java.util.Optional;

/**
 * One logical processor's XSAVE machinery in 64-bit mode: CR4.OSXSAVE, CR0.TS, CPL, XCR0, IA32_XSS,
 * IA32_XFD, XINUSE, XMODIFIED, XRSTOR_INFO and the register contents of every component as bytes, with
 * the instructions of the XSAVE feature set (SDM Vol. 1 ch. 13, Vol. 2 XSETBV, XGETBV, XSAVE family, XRSTOR family).
 *
 * <p>Component registers are kept in their standard-form encoding: x87 as legacy-region bytes 0..159
 * (bytes 24..31, MXCSR and MXCSR_MASK, are not x87 state and stay zero there), SSE as XMM0-15 (legacy bytes
 * 160..415), MXCSR on its own, every other component as CPUID.(0DH,i):EAX bytes. They live in one register file,
 * laid out by the CPU model ({@link CpuModel#registerOffsets()}) much as a standard-form area, so that saves and
 * restores copy runs of components at once.
 */
public final class Machine {

    /** MXCSR after RESET and after the compacted XRSTOR init of SSE (SDM §13.8.2). */
    public static final int MXCSR_RESET = 0x1F80;
    /** Slot tables a machine keeps at hand: four standard and four compacted layouts. */
    private static final int TABLES = 8;

    private final CpuModel cpu;
    private boolean osxsave;
    private boolean cr0ts;
    private boolean vmxNonRoot;
    private boolean cr4Pke;
    private int cpl;
    private long xcr0 = XFeature.X87.mask();
    private long xss;
    private long xfd;
    private long xinuse;
    private long xmodified = -1L;
    // XRSTOR_INFO, kept as fields so that a restore allocates nothing; xrstorInfo() builds the record.
    private boolean infoValid;
    private int infoCpl;
    private boolean infoVmxNonRoot;
    private long infoAddress;
    private long infoXcompBv;
    /** Every component's registers, at {@link CpuModel#registerOffsets()}. */
    private final byte[] registers;
    private int mxcsr = MXCSR_RESET;
    /** Slot tables of the layouts recently used, so that the hot path looks them up without boxing a mask. */
    private final long[] tableKeys = new long[TABLES];
    private final SlotTable[] tables = new SlotTable[TABLES];

    /** XRSTOR_INFO: ⟨CPL, VMX non-root, linear address of the area, XCOMP_BV⟩ (SDM §13.6). */
    public record XrstorInfo(int cpl, boolean vmxNonRoot, long address, long xcompBv) {
    }

    /**
     * A processor as an OS leaves it after enabling what the CPU has: CR4.OSXSAVE set if it has XSAVE, CR4.PKE set
     * if it has PKU, XCR0 = 1, every component in its initial configuration.
     */
    public Machine(CpuModel cpu) {
        this.cpu = cpu;
        this.osxsave = cpu.hasXsave();
        this.cr4Pke = cpu.hasPku();
        this.registers = cpu.initialRegisters().clone();
        this.xinuse = cpu.quirks().xinuse() == Quirks.XinuseTracking.ALWAYS_IN_USE ? -1L : 0L;
    }

    private Machine(Machine o) {
        this.cpu = o.cpu;
        this.osxsave = o.osxsave;
        this.cr0ts = o.cr0ts;
        this.vmxNonRoot = o.vmxNonRoot;
        this.cr4Pke = o.cr4Pke;
        this.cpl = o.cpl;
        this.xcr0 = o.xcr0;
        this.xss = o.xss;
        this.xfd = o.xfd;
        this.xinuse = o.xinuse;
        this.xmodified = o.xmodified;
        this.infoValid = o.infoValid;
        this.infoCpl = o.infoCpl;
        this.infoVmxNonRoot = o.infoVmxNonRoot;
        this.infoAddress = o.infoAddress;
        this.infoXcompBv = o.infoXcompBv;
        this.registers = o.registers.clone();
        this.mxcsr = o.mxcsr;
    }

    /** A deep copy: registers, control state and tracking. */
    public Machine snapshot() {
        return new Machine(this);
    }

    /** Initial configuration of component i (SDM §13.6): zeros, except FCW=037FH, HDC=1, HWP=8000FF01H. */
    static byte[] initValue(int i, int size) {
        byte[] v = new byte[Math.max(size, 0)];
        switch (i) {
            case 0 -> {            // FCW = 037FH; FSW, abridged FTW (all empty), FOP, FIP, FDP, ST0-7 = 0
                v[0] = 0x7F;
                v[1] = 0x03;
            }
            case 13 -> putLong(v, 1L);            // IA32_PM_CTL1 = 1
            case 16 -> putLong(v, 0x8000FF01L);   // IA32_HWP_REQUEST = 8000FF01H
            default -> {
            }
        }
        return v;
    }

    private static void putLong(byte[] v, long value) {
        for (int b = 0; b < 8 && b < v.length; b++) {
            v[b] = (byte) (value >>> (8 * b));
        }
    }

    // ---- control state --------------------------------------------------------------------------------

    public CpuModel cpu() {
        return cpu;
    }

    public long xcr0() {
        return xcr0;
    }

    public long xss() {
        return xss;
    }

    public long xfd() {
        return xfd;
    }

    public int cpl() {
        return cpl;
    }

    public boolean osxsave() {
        return osxsave;
    }

    public int mxcsr() {
        return mxcsr;
    }

    /** The XINUSE bitmap (all ones when the model does not track it). */
    public long xinuse() {
        return xinuse;
    }

    public long xmodified() {
        return xmodified;
    }

    /** XRSTOR_INFO, or null before the first XRSTOR(S). */
    public XrstorInfo xrstorInfo() {
        return infoValid ? new XrstorInfo(infoCpl, infoVmxNonRoot, infoAddress, infoXcompBv) : null;
    }

    /**
     * Whether XRSTOR_INFO = ⟨CPL, VMX non-root, {@code address}, {@code xcompBv}⟩, the condition of the modified
     * optimization (SDM §13.9, §13.11).
     */
    boolean xrstorInfoIs(long address, long xcompBv) {
        return infoValid && infoCpl == cpl && infoVmxNonRoot == vmxNonRoot && infoAddress == address
                && infoXcompBv == xcompBv;
    }

    public void setCpl(int cpl) {
        this.cpl = cpl;
    }

    /** CR0.TS: XSAVE-family instructions raise #NM while it is set. */
    public boolean cr0Ts() {
        return cr0ts;
    }

    /** Whether the processor runs in VMX non-root operation (an input of XRSTOR_INFO). */
    public boolean inVmxNonRoot() {
        return vmxNonRoot;
    }

    public void setCr0Ts(boolean ts) {
        this.cr0ts = ts;
    }

    public void setVmxNonRoot(boolean nonRoot) {
        this.vmxNonRoot = nonRoot;
    }

    /** CR4.PKE: enables protection keys, and with them RDPKRU/WRPKRU (#UD otherwise; SDM Vol. 2 RDPKRU). */
    public void setCr4Pke(boolean pke) {
        this.cr4Pke = pke && cpu.hasPku();
    }

    public boolean cr4Pke() {
        return cr4Pke;
    }

    /**
     * MOV to CR4 of OSXSAVE: #GP when setting it on a CPU without XSAVE
     * ("CR4.OSXSAVE can be set to 1 if and only if CPUID.01H:ECX.XSAVE[26] is enumerated as 1", SDM §13.2).
     */
    public Outcome setOsxsave(boolean on) {
        if (on && !cpu.hasXsave()) {
            return Outcome.of(Fault.gp("MOV to CR4 sets OSXSAVE but CPUID.01H:ECX.XSAVE[bit 26] = 0",
                    "SDM Vol. 1 §13.2"));
        }
        this.osxsave = on;
        return Outcome.success();
    }

    /** WRMSR IA32_XSS (MSR DA0H): only bits CPUID.(0DH,1):EDX:ECX enumerates (SDM §13.3). */
    public Outcome writeXss(long value) {
        if (!cpu.hasXsaves()) {
            return Outcome.of(Fault.gp("WRMSR to IA32_XSS but CPUID.(EAX=0DH,ECX=1):EAX.XSS[bit 3] = 0",
                    "SDM Vol. 1 §13.3"));
        }
        if (cpl != 0) {
            return Outcome.of(Fault.gp("WRMSR at CPL > 0", "SDM Vol. 2 WRMSR"));
        }
        long bad = value & ~cpu.supportedXss();
        if (bad != 0) {
            return Outcome.of(Fault.gp("IA32_XSS sets " + Masks.describe(bad)
                    + ", not enumerated in CPUID.(EAX=0DH,ECX=1):EDX:ECX", "SDM Vol. 1 §13.3"));
        }
        this.xss = value;
        return Outcome.success();
    }

    /** WRMSR IA32_XFD: CPL 0 only; only components with CPUID.(0DH,i):ECX[2] = 1 (SDM §13.14). */
    public Outcome writeXfd(long value) {
        if (cpl != 0) {
            return Outcome.of(Fault.gp("WRMSR at CPL > 0", "SDM Vol. 2 WRMSR"));
        }
        long capable = 0;
        for (int i = 2; i < 64; i++) {
            if (cpu.xfdCapable(i)) {
                capable |= 1L << i;
            }
        }
        if (!cpu.hasXfd() || (value & ~capable) != 0) {
            return Outcome.of(Fault.gp("IA32_XFD sets " + Masks.describe(value & ~capable)
                    + ", not XFD-capable per CPUID.(0DH,i):ECX[2]", "SDM Vol. 1 §13.14"));
        }
        this.xfd = value;
        return Outcome.success();
    }

    // ---- XSETBV / XGETBV (SDM Vol. 2, XSETBV and XGETBV; Vol. 1 §13.3) --------------------------------------

    /** #UD conditions shared by every XSAVE-feature instruction (no XSAVE, CR4.OSXSAVE = 0). */
    Fault xsaveUd() {
        if (!cpu.hasXsave()) {
            return Fault.ud("CPUID.01H:ECX.XSAVE[bit 26] = 0", "SDM Vol. 2 XSETBV/XGETBV/XSAVE, #UD");
        }
        if (!osxsave) {
            return Fault.ud("CR4.OSXSAVE[bit 18] = 0", "SDM Vol. 2 XSETBV/XGETBV/XSAVE, #UD");
        }
        return null;
    }

    /**
     * XSETBV with RCX and EDX:EAX. Only ECX = 0 (XCR0) is writable; RCX[63:32] are ignored. The architectural
     * state of the components is untouched: a cleared XCR0 bit preserves its component (SDM §13.1).
     */
    public Outcome xsetbv(long rcx, long edxEax) {
        Fault f = xsetbvFault(rcx, edxEax);
        if (f != null) {
            return Outcome.of(f);
        }
        this.xcr0 = edxEax;
        return Outcome.success();
    }

    /** The fault XSETBV would raise, without executing it; null if it would succeed. */
    public Fault xsetbvFault(long rcx, long value) {
        Fault ud = xsaveUd();
        if (ud != null) {
            return ud;
        }
        if (cpl != 0) {
            return Fault.gp("the current privilege level is not 0", "SDM Vol. 2 XSETBV, #GP(0)");
        }
        int ecx = (int) rcx;
        if (ecx != 0) {
            return Fault.gp("invalid XCR specified in ECX (" + Integer.toUnsignedString(ecx) + ")",
                    "SDM Vol. 2 XSETBV, #GP(0)");
        }
        return XcrRules.xcr0Fault(value, cpu.supportedXcr0());
    }

    /**
     * XGETBV: ECX = 0 reads XCR0; ECX = 1 (if CPUID.(0DH,1):EAX[2]) reads XCR0 AND XINUSE, with EAX[1] forced
     * to 1 when XCR0[1] = 1 and MXCSR is not 1F80H (SDM §13.6).
     */
    public Outcome xgetbv(long rcx) {
        Fault ud = xsaveUd();
        if (ud != null) {
            return Outcome.of(ud);
        }
        int ecx = (int) rcx;
        if (ecx == 0) {
            return Outcome.success(xcr0);
        }
        if (ecx == 1 && cpu.hasXgetbv1()) {
            long v = xcr0 & xinuse;
            if ((xcr0 & XFeature.SSE.mask()) != 0 && mxcsr != MXCSR_RESET) {
                v |= XFeature.SSE.mask();
            }
            return Outcome.success(v);
        }
        return Outcome.of(Fault.gp("invalid XCR specified in ECX (" + Integer.toUnsignedString(ecx) + ")"
                + (ecx == 1 ? "; CPUID.(EAX=0DH,ECX=1):EAX.XG1[bit 2] = 0" : ""), "SDM Vol. 2 XGETBV, #GP(0)"));
    }

    /** CPUID leaf 0xD sub-leaf {@code sub} with the current XCR0 and IA32_XSS in force. */
    public CpuidRegs cpuidD(int sub) {
        return cpu.leafD(sub, xcr0, xss);
    }

    // ---- XSAVE family -------------------------------------------------------------------------------------

    public Outcome xsave(XsaveArea area, long edxEax) {
        return XsaveInstructions.execute(this, area, edxEax, XsaveInstructions.Kind.XSAVE);
    }

    public Outcome xsaveopt(XsaveArea area, long edxEax) {
        return XsaveInstructions.execute(this, area, edxEax, XsaveInstructions.Kind.XSAVEOPT);
    }

    public Outcome xsavec(XsaveArea area, long edxEax) {
        return XsaveInstructions.execute(this, area, edxEax, XsaveInstructions.Kind.XSAVEC);
    }

    public Outcome xsaves(XsaveArea area, long edxEax) {
        return XsaveInstructions.execute(this, area, edxEax, XsaveInstructions.Kind.XSAVES);
    }

    public Outcome xrstor(XsaveArea area, long edxEax) {
        return XrstorInstructions.execute(this, area, edxEax, XrstorInstructions.Kind.XRSTOR);
    }

    public Outcome xrstors(XsaveArea area, long edxEax) {
        return XrstorInstructions.execute(this, area, edxEax, XrstorInstructions.Kind.XRSTORS);
    }

    /**
     * Whether a linear address is canonical in 64-bit mode with 4-level paging: bits 63:47 all equal
     * (SDM Vol. 1 §3.3.7.1). CR4.LA57 (57-bit addresses) is not modelled.
     */
    static boolean canonical(long address) {
        return (address << 16) >> 16 == address;
    }

    /**
     * #GP(0) if the first or the last byte an XSAVE-family instruction accesses, {@code extent} bytes from the
     * area's base, is non-canonical (SDM Vol. 2 XSAVE/XRSTOR, 64-bit mode exceptions); null otherwise.
     */
    static Fault nonCanonical(XsaveArea area, long extent, String sdm) {
        long first = area.address();
        long last = first + Math.max(extent, 1) - 1;
        if (!canonical(first) || !canonical(last)) {
            return Fault.gp("a memory address is in a non-canonical form (XSAVE area at 0x" + Long.toHexString(first)
                    + ", " + extent + " bytes)", sdm);
        }
        return null;
    }

    Fault deviceNotAvailable() {
        return cr0ts ? new Fault(Fault.Vector.NM, "CR0.TS[bit 3] = 1", "SDM Vol. 2 XSAVE/XRSTOR, #NM") : null;
    }

    boolean vmxNonRoot() {
        return vmxNonRoot;
    }

    // ---- registers ----------------------------------------------------------------------------------------

    /** A copy of component i's register bytes (null if the CPU does not have the component). */
    public byte[] register(int i) {
        int at = cpu.registerOffsets()[i];
        return at < 0 ? null : Arrays.copyOfRange(registers, at, at + cpu.registerSizes()[i]);
    }

    /** The size in bytes of component i's register, or -1 if the CPU does not have the component; copies nothing. */
    public int registerSize(int i) {
        return cpu.registerOffsets()[i] < 0 ? -1 : cpu.registerSizes()[i];
    }

    /**
     * Whether component i's register holds exactly {@code value}, as {@code Arrays.equals(register(i), value)} but
     * without a copy; false if the CPU does not have the component.
     */
    public boolean registerEquals(int i, byte[] value) {
        int at = cpu.registerOffsets()[i];
        return at >= 0 && Arrays.equals(registers, at, at + cpu.registerSizes()[i], value, 0, value.length);
    }

    /** The register file, laid out by {@link CpuModel#registerOffsets()}. */
    byte[] registers() {
        return registers;
    }

    /** Whether component i currently holds its initial configuration. */
    public boolean isInit(int i) {
        int at = cpu.registerOffsets()[i];
        int end = at + cpu.registerSizes()[i];
        return at < 0 || Arrays.equals(registers, at, end, cpu.initialRegisters(), at, end);
    }

    /**
     * Sets component i's registers directly (a workload's instructions, a WRMSR), bypassing the XCR0 gating of
     * {@link #write}; updates XINUSE and XMODIFIED as the processor would.
     */
    public void setRegister(int i, byte[] value) {
        int at = cpu.registerOffsets()[i];
        if (at < 0) {
            throw new IllegalArgumentException("component " + XFeature.nameOf(i) + " not supported by " + cpu.name());
        }
        System.arraycopy(value, 0, registers, at, Math.min(value.length, cpu.registerSizes()[i]));
        if (i == 0) {
            Arrays.fill(registers, at + 24, at + 32, (byte) 0);   // MXCSR/MXCSR_MASK are not x87 state
        }
        markWritten(i);
    }

    void markWritten(int i) {
        xmodified |= 1L << i;
        if (cpu.quirks().xinuse() == Quirks.XinuseTracking.PRECISE) {
            if (isInit(i)) {
                xinuse &= ~(1L << i);
            } else {
                xinuse |= 1L << i;
            }
        }
    }

    /**
     * After a restore that loaded {@code loaded} from memory and initialized {@code initialized}: XINUSE (when
     * tracked precisely) follows them (SDM §13.8.3), XMODIFIED is cleared for the RFBM components and XRSTOR_INFO
     * set (§13.6).
     */
    void afterRestore(long loaded, long initialized, long rfbm, long address, long xcompBv) {
        if (cpu.quirks().xinuse() == Quirks.XinuseTracking.PRECISE) {
            xinuse = (xinuse | loaded) & ~initialized;
        }
        if (rfbm != 0) {
            xmodified = ~rfbm;
        } else {
            xmodified = -1L;
        }
        infoValid = true;
        infoCpl = cpl;
        infoVmxNonRoot = vmxNonRoot;
        infoAddress = address;
        infoXcompBv = xcompBv;
    }

    /** The standard layout of {@code mask}, as a slot table. */
    SlotTable standardTable(long mask) {
        return table(mask, 0);
    }

    /** The compacted layout of XCOMP_BV[62:0], as a slot table. */
    SlotTable compactedTable(long xcompBv) {
        return table(xcompBv & Long.MAX_VALUE, TABLES / 2);
    }

    /** A direct-mapped cache in front of the model's memo (whose map would box the key on every look-up). */
    private SlotTable table(long key, int half) {
        int h = half + (int) ((key * 0x9E3779B97F4A7C15L) >>> 62);
        SlotTable t = tables[h];
        if (t == null || tableKeys[h] != key) {
            t = half == 0 ? cpu.standardTable(key) : cpu.compactedTable(key);
            tables[h] = t;
            tableKeys[h] = key;
        }
        return t;
    }

    void setMxcsrRaw(int value) {
        this.mxcsr = value;
    }

    /** LDMXCSR: #GP on reserved bits (SDM Vol. 2 LDMXCSR). */
    public Outcome ldmxcsr(int value) {
        if ((value & ~cpu.quirks().mxcsrMask()) != 0) {
            return Outcome.of(Fault.gp("MXCSR value " + Integer.toHexString(value) + " sets reserved bits",
                    "SDM Vol. 2 LDMXCSR"));
        }
        this.mxcsr = value;
        return Outcome.success();
    }

    /**
     * A workload instruction that writes component f, subject to what enables it: VEX/EVEX and AMX
     * instructions #UD unless XCR0 enables their components; MPX instructions execute as NOPs unless
     * XCR0[4:3] = 11b (SDM §13.3); WRPKRU needs CR4.PKE, not XCR0[9] (the XSA-220 case); supervisor state
     * is written by WRMSR at CPL 0. Returns ok with value 1 when the write took effect, 0 when it was a NOP.
     */
    public Outcome write(XFeature f, byte[] value) {
        if (f.supervisor() && cpl != 0) {
            return Outcome.of(Fault.gp("WRMSR of " + f.kernelName() + " state at CPL > 0", "SDM Vol. 2 WRMSR"));
        }
        Access a = access(f);
        if (a == Access.UD) {
            return Outcome.of(Fault.ud(f.kernelName() + " instruction with XCR0 " + Masks.hex(xcr0)
                    + " not enabling it", "SDM Vol. 1 §13.1"));
        }
        if (a == Access.NOP) {
            return Outcome.success(0);
        }
        if ((xfd & xcr0 & f.mask()) != 0) {
            return Outcome.of(new Fault(Fault.Vector.NM, f.kernelName() + " armed in IA32_XFD", "SDM Vol. 1 §13.14"));
        }
        setRegister(f.index(), value);
        return Outcome.success(1);
    }

    /**
     * What software running now can read of component f (empty if it cannot execute the instructions; for
     * supervisor state, RDMSR at CPL > 0 is #GP).
     */
    public Optional<byte[]> observe(XFeature f) {
        return canObserve(f) ? Optional.of(register(f.index())) : Optional.empty();
    }

    /** Whether {@link #observe} of {@code f} gives its bytes now (without copying them). */
    public boolean canObserve(XFeature f) {
        return !(f.supervisor() && cpl != 0) && access(f) == Access.OK;
    }

    private enum Access { OK, NOP, UD }

    private Access access(XFeature f) {
        if (!cpu.supports(f.index()) && f.index() > 1) {
            return Access.UD;
        }
        long need = switch (f) {
            case X87, SSE -> 0;
            case AVX -> XFeature.MASK_FPSSE | XFeature.AVX.mask();
            case OPMASK, ZMM_HI256, HI16_ZMM -> XFeature.MASK_AVX512 | XFeature.AVX.mask() | XFeature.SSE.mask();
            case XTILECFG, XTILEDATA -> XFeature.MASK_XTILE;
            case APX -> XFeature.APX.mask();
            case BNDREGS, BNDCSR -> XFeature.MASK_MPX;
            case PKRU -> 0;  // RDPKRU/WRPKRU need CR4.PKE, not XCR0[9]
            default -> 0;    // supervisor state: RDMSR/WRMSR at CPL 0
        };
        if (f == XFeature.PKRU && !cr4Pke) {
            return Access.UD;
        }
        if ((xcr0 & need) == need) {
            return Access.OK;
        }
        return f == XFeature.BNDREGS || f == XFeature.BNDCSR ? Access.NOP : Access.UD;
    }
}
