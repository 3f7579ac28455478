package dev.kimpact.xsave;

/**
 * XSAVE, XSAVEOPT (standard form) and XSAVEC, XSAVES (compacted form): SDM Vol. 1 §13.7, §13.9, §13.10, §13.11.
 * Every check happens before the first byte is written, so a faulting save leaves memory unchanged.
 */
final class XsaveInstructions {

    /** The four save instructions (SDM Vol. 2 XSAVE, XSAVEOPT, XSAVEC, XSAVES). */
    enum Kind { XSAVE, XSAVEOPT, XSAVEC, XSAVES }

    private XsaveInstructions() {
    }

    /** Executes {@code kind} with EDX:EAX = {@code edxEax}: SDM Vol. 1 §13.7 (XSAVE) to §13.11 (XSAVES). */
    static Outcome execute(Machine m, XsaveArea area, long edxEax, Kind kind) {
        CpuModel cpu = m.cpu();
        Fault f = m.xsaveUd();
        if (f == null) {
            f = switch (kind) {
                case XSAVEOPT -> cpu.hasXsaveopt() ? null
                        : Fault.ud("CPUID.(EAX=0DH,ECX=1):EAX.XSAVEOPT[bit 0] = 0", "SDM Vol. 2 XSAVEOPT, #UD");
                case XSAVEC -> cpu.hasXsavec() ? null
                        : Fault.ud("CPUID.(EAX=0DH,ECX=1):EAX.XSAVEC[bit 1] = 0", "SDM Vol. 2 XSAVEC, #UD");
                case XSAVES -> cpu.hasXsaves() ? null
                        : Fault.ud("CPUID.(EAX=0DH,ECX=1):EAX.XSS[bit 3] = 0", "SDM Vol. 2 XSAVES, #UD");
                default -> null;
            };
        }
        if (f == null) {
            f = m.deviceNotAvailable();
        }
        if (f == null && kind == Kind.XSAVES && m.cpl() != 0) {
            f = Fault.gp("CPL > 0", "SDM Vol. 1 §13.11");
        }
        if (f == null) {
            f = Machine.nonCanonical(area, Layout.EXTENDED_OFFSET, "SDM Vol. 2 " + kind + ", #GP(0)");
        }
        if (f == null && (area.address() & 63) != 0) {
            f = Fault.gp("the XSAVE area is not aligned on a 64-byte boundary", "SDM Vol. 1 §13.7");
        }
        if (f != null) {
            return Outcome.of(f);
        }
        long enabled = m.xcr0() | (kind == Kind.XSAVES ? m.xss() : 0);
        long rfbm = edxEax & enabled;
        // XFD-armed components are saved as if XINUSE[i] = 0 (SDM §13.14).
        long inuse = m.xinuse() & ~(m.xfd() & m.xcr0());
        return kind == Kind.XSAVE || kind == Kind.XSAVEOPT
                ? standard(m, area, rfbm, inuse, kind == Kind.XSAVEOPT)
                : compacted(m, area, rfbm, inuse, kind == Kind.XSAVES);
    }

    /** The standard form, XSAVE and XSAVEOPT: SDM Vol. 1 §13.7, §13.9. */
    private static Outcome standard(Machine m, XsaveArea area, long rfbm, long inuse, boolean opt) {
        CpuModel cpu = m.cpu();
        Layout layout = cpu.standardLayout(rfbm);
        Fault nc = Machine.nonCanonical(area, layout.size(), "SDM Vol. 2 XSAVE, #GP(0)");
        if (nc != null) {
            return Outcome.of(nc);
        }
        if (area.length() < Layout.EXTENDED_OFFSET || area.length() < layout.size()) {
            return Outcome.of(pageFault(area, Math.max(Layout.EXTENDED_OFFSET, layout.size())));
        }
        // The modified optimization needs XRSTOR_INFO = ⟨CPL, VMXNR, this address, 0⟩ (SDM §13.9).
        Machine.XrstorInfo info = m.xrstorInfo();
        boolean modOpt = opt && cpu.quirks().modifiedOptimization() && info != null && info.cpl() == m.cpl()
                && info.vmxNonRoot() == m.vmxNonRoot() && info.address() == area.address() && info.xcompBv() == 0;
        for (Layout.Slot s : layout.slots()) {
            long bit = 1L << s.index();
            boolean initOptSkip = opt && (inuse & bit) == 0;
            boolean modOptSkip = modOpt && (m.xmodified() & bit) == 0;
            if (initOptSkip || modOptSkip) {
                continue;
            }
            boolean xfdArmed = (m.xfd() & m.xcr0() & bit) != 0;
            byte[] value = xfdArmed ? Machine.initValue(s.index(), s.size()) : m.registerRef(s.index());
            writeComponent(area, s, value);
        }
        // MXCSR and MXCSR_MASK whenever RFBM[1] or RFBM[2]; no optimization applies to them (SDM §13.7, §13.9).
        if ((rfbm & 0x6L) != 0) {
            area.writeInt(24, m.mxcsr());
            area.writeInt(28, cpu.quirks().mxcsrMask());
        }
        long oldBv = area.xstateBv();
        area.setXstateBv((oldBv & ~rfbm) | (inuse & rfbm));
        return Outcome.success();
    }

    /** The compacted form, XSAVEC and XSAVES: SDM Vol. 1 §13.10, §13.11. */
    private static Outcome compacted(Machine m, XsaveArea area, long rfbm, long inuse, boolean xsaves) {
        CpuModel cpu = m.cpu();
        long xstateBv = rfbm & inuse;
        // XSAVEC/XSAVES write XSTATE_BV[1] = 1 when MXCSR is not 1F80H even if XINUSE[1] = 0 (SDM §13.10).
        if ((rfbm & XFeature.SSE.mask()) != 0 && m.mxcsr() != Machine.MXCSR_RESET) {
            xstateBv |= XFeature.SSE.mask();
        }
        long xcompBv = rfbm | (1L << 63);
        Layout layout = cpu.compactedLayout(rfbm);
        Fault nc = Machine.nonCanonical(area, layout.size(), "SDM Vol. 2 " + (xsaves ? "XSAVES" : "XSAVEC")
                + ", #GP(0)");
        if (nc != null) {
            return Outcome.of(nc);
        }
        if (area.length() < layout.size()) {
            return Outcome.of(pageFault(area, layout.size()));
        }
        Machine.XrstorInfo info = m.xrstorInfo();
        boolean modOpt = xsaves && cpu.quirks().modifiedOptimization() && info != null && info.cpl() == m.cpl()
                && info.vmxNonRoot() == m.vmxNonRoot() && info.address() == area.address()
                && info.xcompBv() == xcompBv;
        for (Layout.Slot s : layout.slots()) {
            long bit = 1L << s.index();
            if ((xstateBv & bit) == 0 || (modOpt && (m.xmodified() & bit) == 0)) {
                continue;
            }
            writeComponent(area, s, m.registerRef(s.index()));
        }
        if ((xstateBv & XFeature.SSE.mask()) != 0) {
            area.writeInt(24, m.mxcsr());
            area.writeInt(28, cpu.quirks().mxcsrMask());
        }
        area.setXstateBv(xstateBv);
        area.setXcompBv(xcompBv);
        return Outcome.success();
    }

    /** Copies a component's registers to its slot; x87 skips legacy bytes 24..31 (MXCSR, MXCSR_MASK). */
    static void writeComponent(XsaveArea area, Layout.Slot s, byte[] value) {
        byte[] mem = area.bytes();
        if (s.index() == 0) {
            System.arraycopy(value, 0, mem, 0, 24);
            System.arraycopy(value, 32, mem, 32, 128);
        } else {
            System.arraycopy(value, 0, mem, s.offset(), s.size());
        }
    }

    /** #PF for an access past the end of the area's mapping: SDM Vol. 3 §4.7. */
    static Fault pageFault(XsaveArea area, int needed) {
        return new Fault(Fault.Vector.PF, "access to bytes up to " + needed + " of an XSAVE area of "
                + area.length() + " bytes", "SDM Vol. 3 §4.7 (past the end of the mapping)");
    }
}
