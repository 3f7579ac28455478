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
        final String nonCanonicalRule = "SDM Vol. 2 " + name() + ", #GP(0)";

        /** Where a rule of the compacted form is written: §13.8.2 for XRSTOR, §13.12 for XRSTORS. */
        String compactedRule() {
            return this == XRSTORS ? RS : CMP;
        }
    }

    private XrstorInstructions() {
    }

    /**
     * Executes {@code kind} with EDX:EAX = {@code edxEax}: every check, then the load (SDM Vol. 1 §13.8, §13.12).
     * The header is read as the instruction reads it (SDM Vol. 1 §13.4.2): XSTATE_BV, XCOMP_BV, and the form
     * XCOMP_BV[63] selects: compacted for XRSTORS, or XRSTOR with XCOMP_BV[63] = 1 on a CPU with XSAVEC; a CPU
     * without the compaction extensions executes the standard form without reading XCOMP_BV (SDM Vol. 1 §13.8,
     * footnote 2). The requested-feature bitmap RFBM is EDX:EAX AND XCR0 (AND (XCR0 | IA32_XSS) for XRSTORS); the
     * components are where the standard layout of XCR0, or the compacted layout of XCOMP_BV, puts them.
     */
    static Outcome execute(Machine m, XsaveArea area, long edxEax, Kind kind) {
        Fault f = instructionFault(m, area, kind);
        if (f != null) {
            return Outcome.of(f);
        }
        long xstateBv = area.xstateBv();
        long xcompBv = area.xcompBv();
        boolean compacted = kind == Kind.XRSTORS || m.cpu().hasXsavec() && xcompBv < 0;
        f = headerFault(m, area, kind, xstateBv, xcompBv, compacted);
        if (f != null) {
            return Outcome.of(f);
        }
        long enabled = m.xcr0() | (kind == Kind.XRSTORS ? m.xss() : 0);
        long rfbm = edxEax & enabled;
        SlotTable layout = compacted ? m.compactedTable(xcompBv) : m.standardTable(m.xcr0());
        // Components read from memory: RFBM[i] = XSTATE_BV[i] = 1 (SDM Vol. 1 §13.8.1, §13.8.2).
        long loaded = rfbm & xstateBv;
        // MXCSR is loaded in the standard form if RFBM[1] or RFBM[2] (§13.8.1), in the compacted form if
        // RFBM[1] = XSTATE_BV[1] = 1; there it is set to 1F80H if RFBM[1] = 1 and XSTATE_BV[1] = 0 (§13.8.2).
        boolean readsMxcsr = compacted ? (loaded & XFeature.SSE.mask()) != 0 : (rfbm & 0x6L) != 0;
        boolean initializesMxcsr = compacted && (rfbm & ~xstateBv & XFeature.SSE.mask()) != 0;
        f = componentFault(m, area, kind, layout, loaded, readsMxcsr);
        if (f != null) {
            return Outcome.of(f);
        }
        load(m, area, layout, rfbm, xstateBv, readsMxcsr, initializesMxcsr, compacted ? xcompBv : 0);
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
        Fault base = Machine.nonCanonical(area, Layout.EXTENDED_OFFSET, kind.nonCanonicalRule);
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
    private static Fault headerFault(Machine m, XsaveArea area, Kind kind, long xstateBv, long xcompBv,
                                     boolean compacted) {
        return compacted ? compactedHeaderFault(m, area, kind, xstateBv, xcompBv)
                : standardHeaderFault(m, area, xstateBv, xcompBv);
    }

    /** Compacted: XCOMP_BV[63] = 1, [62:0] ⊆ XCR0 (| IA32_XSS), XSTATE_BV ⊆ XCOMP_BV, bytes 63:16 = 0 (§13.8.2, §13.12). */
    private static Fault compactedHeaderFault(Machine m, XsaveArea area, Kind kind, long xstateBv, long xcompBv) {
        if (xcompBv >= 0) {
            return Fault.gp("XCOMP_BV[63] = 0 (XRSTORS requires the compacted form)", RS);
        }
        long enabled = m.xcr0() | (kind == Kind.XRSTORS ? m.xss() : 0);
        long beyond = xcompBv & ~(1L << 63) & ~enabled;
        if (beyond != 0) {
            return Fault.gp("XCOMP_BV sets " + Masks.describe(beyond) + ", not set in "
                    + (kind == Kind.XRSTORS ? "XCR0 | IA32_XSS" : "XCR0"), kind.compactedRule());
        }
        long notCompacted = xstateBv & ~xcompBv;
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
    private static Fault standardHeaderFault(Machine m, XsaveArea area, long xstateBv, long xcompBv) {
        if (xcompBv < 0 && !m.cpu().hasXsavec()) {
            return Fault.gp("bit 63 of XCOMP_BV is 1 and CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC[bit 1] = 0",
                    "SDM Vol. 2 XRSTOR, #GP(0)");
        }
        long beyond = xstateBv & ~m.xcr0();
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
    private static Fault componentFault(Machine m, XsaveArea area, Kind kind, SlotTable layout, long loaded,
                                        boolean readsMxcsr) {
        long slots = loaded & layout.mask();
        int extent = Layout.EXTENDED_OFFSET;
        for (long left = slots; left != 0; left &= left - 1) {
            extent = Math.max(extent, layout.end(Long.numberOfTrailingZeros(left)));
        }
        Fault end = Machine.nonCanonical(area, extent, kind.nonCanonicalRule);
        if (end != null) {
            return end;
        }
        // Initialized components are not read, so only the loaded slots can fault.
        for (long left = slots; left != 0; left &= left - 1) {
            int i = Long.numberOfTrailingZeros(left);
            if (layout.end(i) > area.length()) {
                return XsaveInstructions.pageFault(area, layout.end(i));
            }
        }
        if (readsMxcsr) {
            int mxcsr = area.readInt(24);
            if ((mxcsr & ~m.cpu().quirks().mxcsrMask()) != 0) {
                return Fault.gp("attempting to write reserved bits of MXCSR (" + Integer.toHexString(mxcsr) + ")",
                        "SDM Vol. 2 XRSTOR, #GP(0)");
            }
        }
        // XFD: loading (not initializing) an armed component raises #NM.
        long armed = loaded & m.xfd() & m.xcr0();
        if (armed != 0) {
            return new Fault(Fault.Vector.NM, "XRSTOR would load " + Masks.describe(armed) + ", armed in IA32_XFD",
                    "SDM Vol. 1 §13.14");
        }
        return null;
    }

    /**
     * Loads or initializes each RFBM component the machine has, and MXCSR: SDM Vol. 1 §13.8.1–§13.8.3. A component
     * with RFBM[i] = 1 and XSTATE_BV[i] = 0 is initialized even if XCOMP_BV[i] = 0 (§13.8.2). Then XINUSE, XMODIFIED
     * and XRSTOR_INFO (z = 0 for the standard form, §13.8.3).
     */
    private static void load(Machine m, XsaveArea area, SlotTable layout, long rfbm, long xstateBv,
                             boolean readsMxcsr, boolean initializesMxcsr, long infoXcompBv) {
        CpuModel cpu = m.cpu();
        long present = rfbm & cpu.registered();
        // Only a malformed model (a supervisor component in CPUID.(0DH,0):EDX:EAX) can have one without a slot.
        long loaded = present & xstateBv & layout.mask();
        long initialized = present & ~xstateBv;
        layout.load(loaded, area.bytes(), m.registers(), cpu.registerOffsets());
        SlotTable.copy(initialized, cpu.initialRegisters(), cpu.registerOffsets(), m.registers(),
                cpu.registerOffsets(), cpu.registerSizes());
        if (readsMxcsr) {
            m.setMxcsrRaw(area.readInt(24));
        } else if (initializesMxcsr) {
            m.setMxcsrRaw(Machine.MXCSR_RESET);
        }
        m.afterRestore(loaded, initialized, rfbm, area.address(), infoXcompBv);
    }

    /** Whether header bytes {@code from} to {@code to - 1} (multiples of 8) are all 0 (SDM Vol. 1 §13.4.2). */
    private static boolean headerZero(XsaveArea area, int from, int to) {
        long bits = 0;
        for (int i = Layout.HEADER_OFFSET + from; i < Layout.HEADER_OFFSET + to; i += 8) {
            bits |= area.readLong(i);
        }
        return bits == 0;
    }
}
