package dev.kimpact.xsave;

/**
 * XRSTOR (standard and compacted forms) and XRSTORS: SDM Vol. 1 §13.8, §13.12. All #GP, #NM and #PF checks
 * run before any register changes, so a faulting restore leaves the machine exactly as it was.
 */
final class XrstorInstructions {

    private static final String STD = "SDM Vol. 1 §13.8.1";
    private static final String CMP = "SDM Vol. 1 §13.8.2";
    private static final String RS = "SDM Vol. 1 §13.12";

    private XrstorInstructions() {
    }

    /** The two restore instructions (SDM Vol. 2 XRSTOR, XRSTORS). */
    enum Kind { XRSTOR, XRSTORS }

    static Outcome execute(Machine m, XsaveArea area, long edxEax, Kind kind) {
        boolean xrstors = kind == Kind.XRSTORS;
        CpuModel cpu = m.cpu();
        Fault f = m.xsaveUd();
        if (f == null && xrstors && !cpu.hasXsaves()) {
            f = Fault.ud("CPUID.(EAX=0DH,ECX=1):EAX.XSS[bit 3] = 0", "SDM Vol. 2 XRSTORS, #UD");
        }
        if (f == null) {
            f = m.deviceNotAvailable();
        }
        if (f == null && xrstors && m.cpl() != 0) {
            f = Fault.gp("CPL > 0", RS);
        }
        if (f == null) {
            f = Machine.nonCanonical(area, Layout.EXTENDED_OFFSET, xrstors ? "SDM Vol. 2 XRSTORS, #GP(0)"
                    : "SDM Vol. 2 XRSTOR, #GP(0)");
        }
        if (f == null && (area.address() & 63) != 0) {
            f = Fault.gp("the XSAVE area is not aligned on a 64-byte boundary", xrstors ? RS : "SDM Vol. 1 §13.8");
        }
        if (f == null && area.length() < Layout.EXTENDED_OFFSET) {
            f = XsaveInstructions.pageFault(area, Layout.EXTENDED_OFFSET);
        }
        if (f != null) {
            return Outcome.of(f);
        }
        long xstateBv = area.xstateBv();
        long xcompBv = area.xcompBv();
        long enabled = m.xcr0() | (xrstors ? m.xss() : 0);
        long rfbm = edxEax & enabled;
        // A CPU without the compaction extensions executes the standard form without reading XCOMP_BV
        // (SDM §13.8 footnote 2); a set bit 63 then fails the bytes 23:8 check.
        boolean compacted = cpu.hasXsavec() && xcompBv < 0;
        Layout layout;
        if (xrstors || compacted) {
            if (xcompBv >= 0) {
                return Outcome.of(Fault.gp("XCOMP_BV[63] = 0 (XRSTORS requires the compacted form)", RS));
            }
            long beyond = xcompBv & ~(1L << 63) & ~enabled;
            if (beyond != 0) {
                return Outcome.of(Fault.gp("XCOMP_BV sets " + Masks.describe(beyond) + ", not set in "
                        + (xrstors ? "XCR0 | IA32_XSS" : "XCR0"), xrstors ? RS : CMP));
            }
            long notCompacted = xstateBv & ~xcompBv;
            if (notCompacted != 0) {
                return Outcome.of(Fault.gp("XSTATE_BV sets " + Masks.describe(notCompacted)
                        + ", not set in XCOMP_BV", xrstors ? RS : CMP));
            }
            if (!headerZero(area, 16, 64)) {
                return Outcome.of(Fault.gp("bytes 63:16 of the XSAVE header are not all 0", xrstors ? RS : CMP));
            }
            layout = cpu.compactedLayout(xcompBv);
        } else {
            if (xcompBv < 0 && !cpu.hasXsavec()) {
                return Outcome.of(Fault.gp("bit 63 of XCOMP_BV is 1 and CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC[bit 1] = 0",
                        "SDM Vol. 2 XRSTOR, #GP(0)"));
            }
            long beyond = xstateBv & ~m.xcr0();
            if (beyond != 0) {
                return Outcome.of(Fault.gp("XSTATE_BV sets " + Masks.describe(beyond) + ", not set in XCR0", STD));
            }
            if (!headerZero(area, 8, 24)) {
                return Outcome.of(Fault.gp("bytes 23:8 of the XSAVE header are not all 0", STD));
            }
            layout = cpu.standardLayout(m.xcr0());
        }
        long load = rfbm & xstateBv;
        int extent = Layout.EXTENDED_OFFSET;
        for (Layout.Slot s : layout.slots()) {
            if ((load & (1L << s.index())) != 0) {
                extent = Math.max(extent, s.end());
            }
        }
        Fault nc = Machine.nonCanonical(area, extent, xrstors ? "SDM Vol. 2 XRSTORS, #GP(0)" : "SDM Vol. 2 XRSTOR, #GP(0)");
        if (nc != null) {
            return Outcome.of(nc);
        }
        for (Layout.Slot s : layout.slots()) {
            if ((load & (1L << s.index())) != 0 && s.end() > area.length()) {
                return Outcome.of(XsaveInstructions.pageFault(area, s.end()));
            }
        }
        // MXCSR: the standard form loads it whenever RFBM[1] or RFBM[2], regardless of XSTATE_BV; the
        // compacted form only if RFBM[1] = XSTATE_BV[1] = 1, else initializes it to 1F80H (§13.8.1, §13.8.2).
        boolean sse = (rfbm & XFeature.SSE.mask()) != 0;
        Integer newMxcsr = null;
        if (!(xrstors || compacted) ? (rfbm & 0x6L) != 0 : sse && (xstateBv & XFeature.SSE.mask()) != 0) {
            newMxcsr = area.readInt(24);
            if ((newMxcsr & ~cpu.quirks().mxcsrMask()) != 0) {
                return Outcome.of(Fault.gp("attempting to write reserved bits of MXCSR ("
                        + Integer.toHexString(newMxcsr) + ")", "SDM Vol. 2 XRSTOR, #GP(0)"));
            }
        } else if ((xrstors || compacted) && sse) {
            newMxcsr = Machine.MXCSR_RESET;
        }
        // XFD: loading (not initializing) an armed component raises #NM (SDM §13.14).
        long armed = load & m.xfd() & m.xcr0();
        if (armed != 0) {
            return Outcome.of(new Fault(Fault.Vector.NM, "XRSTOR would load " + Masks.describe(armed)
                    + ", armed in IA32_XFD", "SDM Vol. 1 §13.14"));
        }
        // No fault is possible from here on.
        for (int i = 0; i < 64; i++) {
            long bit = 1L << i;
            if ((rfbm & bit) == 0 || m.registerRef(i) == null) {
                continue;
            }
            byte[] reg = m.registerRef(i);
            if ((xstateBv & bit) != 0) {
                Layout.Slot s = layout.slot(i);
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
        if (newMxcsr != null) {
            m.setMxcsrRaw(newMxcsr);
        }
        // XRSTOR_INFO z: the standard form always sets it to 0 (§13.8.3).
        m.afterRestore(rfbm, new Machine.XrstorInfo(m.cpl(), m.vmxNonRoot(), area.address(),
                (xrstors || compacted) ? xcompBv : 0));
        return Outcome.success();
    }

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
