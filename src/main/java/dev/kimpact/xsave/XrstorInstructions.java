package dev.kimpact.xsave;

/**
 * XRSTOR (standard and compacted forms) and XRSTORS: SDM Vol. 1 §13.8, §13.12, Vol. 2 XRSTOR and XRSTORS.
 *
 * <p>Split as QEMU's {@code target/i386/tcg/fpu_helper.c} splits {@code do_xsave_chk} and
 * {@code valid_xrstor_header} from {@code do_xrstor}: {@link #execute} runs the checks in order (those of the
 * instruction, {@link #instructionFault}; those of the XSAVE header, {@link #headerFault}; those of the components it
 * would load, {@link #componentFault}) and only then {@link #load}, which cannot fault. A faulting restore thus
 * leaves the machine exactly as it was. The order among the #GP causes is the emulator's (docs/EMULATOR.md §1.4):
 * the SDM gives none.
 */
final class XrstorInstructions {

    private static final String STD = "SDM Vol. 1 §13.8.1";
    private static final String CMP = "SDM Vol. 1 §13.8.2";
    private static final String RS = "SDM Vol. 1 §13.12";

    /** The two restore instructions (SDM Vol. 2 XRSTOR, XRSTORS). */
    enum Kind {
        XRSTOR, XRSTORS;

        /** Where its #GP(0) for a non-canonical address is listed (SDM Vol. 2, 64-bit mode exceptions). */
        String nonCanonicalRule() {
            return "SDM Vol. 2 " + name() + ", #GP(0)";
        }

        /** Where a rule of the compacted form is written: §13.8.2 for XRSTOR, §13.12 for XRSTORS. */
        String compactedRule() {
            return this == XRSTORS ? RS : CMP;
        }
    }

    /**
     * The XSAVE header as the instruction reads it (SDM Vol. 1 §13.4.2), and the form XCOMP_BV[63] selects.
     *
     * @param compacted XRSTORS, or XRSTOR with XCOMP_BV[63] = 1 on a CPU with XSAVEC; a CPU without the compaction
     *                  extensions executes the standard form without reading XCOMP_BV (SDM Vol. 1 §13.8, footnote 2)
     */
    private record Header(long xstateBv, long xcompBv, boolean compacted) {

        /** Reads XSTATE_BV and XCOMP_BV: SDM Vol. 1 §13.8. */
        static Header read(XsaveArea area, CpuModel cpu, Kind kind) {
            long xcompBv = area.xcompBv();
            return new Header(area.xstateBv(), xcompBv, kind == Kind.XRSTORS || cpu.hasXsavec() && xcompBv < 0);
        }
    }

    /**
     * What a restore whose header passed its checks does.
     *
     * @param rfbm   the requested-feature bitmap, EDX:EAX AND XCR0 (AND (XCR0 | IA32_XSS) for XRSTORS)
     * @param layout where the components are: the standard layout of XCR0, or the compacted layout of XCOMP_BV
     */
    private record Restore(Header header, long rfbm, Layout layout) {

        /** Components read from memory: RFBM[i] = XSTATE_BV[i] = 1 (SDM Vol. 1 §13.8.1, §13.8.2). */
        long loaded() {
            return rfbm & header.xstateBv();
        }

        /** MXCSR loaded: standard, RFBM[1] or RFBM[2] (§13.8.1); compacted, RFBM[1] = XSTATE_BV[1] = 1 (§13.8.2). */
        boolean readsMxcsr() {
            return header.compacted() ? sse(rfbm) && sse(header.xstateBv()) : (rfbm & 0x6L) != 0;
        }

        /** The compacted form sets MXCSR to 1F80H when RFBM[1] = 1 and XSTATE_BV[1] = 0 (SDM Vol. 1 §13.8.2). */
        boolean initializesMxcsr() {
            return header.compacted() && sse(rfbm) && !sse(header.xstateBv());
        }

        private static boolean sse(long mask) {
            return (mask & XFeature.SSE.mask()) != 0;
        }
    }

    private XrstorInstructions() {
    }

    /** Executes {@code kind} with EDX:EAX = {@code edxEax}: every check, then the load (SDM Vol. 1 §13.8, §13.12). */
    static Outcome execute(Machine m, XsaveArea area, long edxEax, Kind kind) {
        Fault f = instructionFault(m, area, kind);
        if (f != null) {
            return Outcome.of(f);
        }
        Header header = Header.read(area, m.cpu(), kind);
        f = headerFault(m, area, kind, header);
        if (f != null) {
            return Outcome.of(f);
        }
        long enabled = m.xcr0() | (kind == Kind.XRSTORS ? m.xss() : 0);
        Layout layout = header.compacted() ? m.cpu().compactedLayout(header.xcompBv())
                : m.cpu().standardLayout(m.xcr0());
        Restore r = new Restore(header, edxEax & enabled, layout);
        f = componentFault(m, area, kind, r);
        if (f != null) {
            return Outcome.of(f);
        }
        load(m, area, r);
        return Outcome.success();
    }

    /** #UD, #NM, CPL, canonical base, alignment, #PF on legacy region and header: SDM Vol. 2 XRSTOR(S), Exceptions. */
    private static Fault instructionFault(Machine m, XsaveArea area, Kind kind) {
        Fault ud = m.xsaveUd();
        if (ud != null) {
            return ud;
        }
        if (kind == Kind.XRSTORS && !m.cpu().hasXsaves()) {
            return Fault.ud("CPUID.(EAX=0DH,ECX=1):EAX.XSS[bit 3] = 0", "SDM Vol. 2 XRSTORS, #UD");
        }
        Fault nm = m.deviceNotAvailable();
        if (nm != null) {
            return nm;
        }
        if (kind == Kind.XRSTORS && m.cpl() != 0) {
            return Fault.gp("CPL > 0", RS);
        }
        Fault base = Machine.nonCanonical(area, Layout.EXTENDED_OFFSET, kind.nonCanonicalRule());
        if (base != null) {
            return base;
        }
        if ((area.address() & 63) != 0) {
            return Fault.gp("the XSAVE area is not aligned on a 64-byte boundary",
                    kind == Kind.XRSTORS ? RS : "SDM Vol. 1 §13.8");
        }
        if (area.length() < Layout.EXTENDED_OFFSET) {
            return XsaveInstructions.pageFault(area, Layout.EXTENDED_OFFSET);
        }
        return null;
    }

    /** #GP for XSTATE_BV, XCOMP_BV and the reserved header bytes: SDM Vol. 1 §13.8.1, §13.8.2, §13.12. */
    private static Fault headerFault(Machine m, XsaveArea area, Kind kind, Header h) {
        return h.compacted() ? compactedHeaderFault(m, area, kind, h) : standardHeaderFault(m, area, h);
    }

    /** Compacted: XCOMP_BV[63] = 1, [62:0] ⊆ XCR0 (| IA32_XSS), XSTATE_BV ⊆ XCOMP_BV, bytes 63:16 = 0 (§13.8.2, §13.12). */
    private static Fault compactedHeaderFault(Machine m, XsaveArea area, Kind kind, Header h) {
        if (h.xcompBv() >= 0) {
            return Fault.gp("XCOMP_BV[63] = 0 (XRSTORS requires the compacted form)", RS);
        }
        long enabled = m.xcr0() | (kind == Kind.XRSTORS ? m.xss() : 0);
        long beyond = h.xcompBv() & ~(1L << 63) & ~enabled;
        if (beyond != 0) {
            return Fault.gp("XCOMP_BV sets " + Masks.describe(beyond) + ", not set in "
                    + (kind == Kind.XRSTORS ? "XCR0 | IA32_XSS" : "XCR0"), kind.compactedRule());
        }
        long notCompacted = h.xstateBv() & ~h.xcompBv();
        if (notCompacted != 0) {
            return Fault.gp("XSTATE_BV sets " + Masks.describe(notCompacted) + ", not set in XCOMP_BV",
                    kind.compactedRule());
        }
        if (!headerZero(area, 16, 64)) {
            return Fault.gp("bytes 63:16 of the XSAVE header are not all 0", kind.compactedRule());
        }
        return null;
    }

    /** Standard: XCOMP_BV[63] = 0 without XSAVEC, XSTATE_BV ⊆ XCR0, bytes 23:8 = 0 (SDM Vol. 1 §13.8.1; Vol. 2 XRSTOR). */
    private static Fault standardHeaderFault(Machine m, XsaveArea area, Header h) {
        if (h.xcompBv() < 0 && !m.cpu().hasXsavec()) {
            return Fault.gp("bit 63 of XCOMP_BV is 1 and CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC[bit 1] = 0",
                    "SDM Vol. 2 XRSTOR, #GP(0)");
        }
        long beyond = h.xstateBv() & ~m.xcr0();
        if (beyond != 0) {
            return Fault.gp("XSTATE_BV sets " + Masks.describe(beyond) + ", not set in XCR0", STD);
        }
        // Bytes 63:24 are not checked in the standard form.
        if (!headerZero(area, 8, 24)) {
            return Fault.gp("bytes 23:8 of the XSAVE header are not all 0", STD);
        }
        return null;
    }

    /** Canonical end and #PF of the loaded slots, reserved MXCSR bits (SDM Vol. 2 XRSTOR, #GP(0)), XFD #NM (§13.14). */
    private static Fault componentFault(Machine m, XsaveArea area, Kind kind, Restore r) {
        long load = r.loaded();
        int extent = Layout.EXTENDED_OFFSET;
        for (Layout.Slot s : r.layout().slots()) {
            if ((load & (1L << s.index())) != 0) {
                extent = Math.max(extent, s.end());
            }
        }
        Fault end = Machine.nonCanonical(area, extent, kind.nonCanonicalRule());
        if (end != null) {
            return end;
        }
        // Initialized components are not read, so only the loaded slots can fault.
        for (Layout.Slot s : r.layout().slots()) {
            if ((load & (1L << s.index())) != 0 && s.end() > area.length()) {
                return XsaveInstructions.pageFault(area, s.end());
            }
        }
        if (r.readsMxcsr()) {
            int mxcsr = area.readInt(24);
            if ((mxcsr & ~m.cpu().quirks().mxcsrMask()) != 0) {
                return Fault.gp("attempting to write reserved bits of MXCSR (" + Integer.toHexString(mxcsr) + ")",
                        "SDM Vol. 2 XRSTOR, #GP(0)");
            }
        }
        // XFD: loading (not initializing) an armed component raises #NM.
        long armed = load & m.xfd() & m.xcr0();
        if (armed != 0) {
            return new Fault(Fault.Vector.NM, "XRSTOR would load " + Masks.describe(armed) + ", armed in IA32_XFD",
                    "SDM Vol. 1 §13.14");
        }
        return null;
    }

    /** Loads or initializes each RFBM component, MXCSR, XINUSE, XMODIFIED, XRSTOR_INFO: SDM Vol. 1 §13.8.1–§13.8.3. */
    private static void load(Machine m, XsaveArea area, Restore r) {
        long rfbm = r.rfbm();
        long xstateBv = r.header().xstateBv();
        for (int i = 0; i < 64; i++) {
            long bit = 1L << i;
            if ((rfbm & bit) == 0 || m.registerRef(i) == null) {
                continue;
            }
            byte[] reg = m.registerRef(i);
            if ((xstateBv & bit) != 0) {
                Layout.Slot s = r.layout().slot(i);
                byte[] mem = area.bytes();
                if (i == 0) {
                    System.arraycopy(mem, 0, reg, 0, 24);
                    System.arraycopy(mem, 32, reg, 32, 128);
                } else {
                    System.arraycopy(mem, s.offset(), reg, 0, s.size());
                }
                m.loadedFromMemory(i, false);
            } else {
                // Initialized even if XCOMP_BV[i] = 0 (SDM §13.8.2).
                byte[] init = Machine.initValue(i, reg.length);
                System.arraycopy(init, 0, reg, 0, reg.length);
                m.loadedFromMemory(i, true);
            }
        }
        if (r.readsMxcsr()) {
            m.setMxcsrRaw(area.readInt(24));
        } else if (r.initializesMxcsr()) {
            m.setMxcsrRaw(Machine.MXCSR_RESET);
        }
        // XRSTOR_INFO z: the standard form always sets it to 0 (§13.8.3).
        m.afterRestore(rfbm, new Machine.XrstorInfo(m.cpl(), m.vmxNonRoot(), area.address(),
                r.header().compacted() ? r.header().xcompBv() : 0));
    }

    /** Whether header bytes {@code from} to {@code to - 1} are all 0 (SDM Vol. 1 §13.4.2). */
    private static boolean headerZero(XsaveArea area, int from, int to) {
        byte[] b = area.bytes();
        for (int i = Layout.HEADER_OFFSET + from; i < Layout.HEADER_OFFSET + to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
