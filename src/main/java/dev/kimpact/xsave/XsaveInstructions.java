package dev.kimpact.xsave;

/**
 * XSAVE, XSAVEOPT (standard form) and XSAVEC, XSAVES (compacted form): SDM Vol. 1 §13.7, §13.9, §13.10, §13.11.
 * Every check happens before the first byte is written, so a faulting save leaves memory unchanged.
 */
final class XsaveInstructions {

    /** The four save instructions (SDM Vol. 2 XSAVE, XSAVEOPT, XSAVEC, XSAVES). */
    enum Kind {
        XSAVE, XSAVEOPT, XSAVEC, XSAVES;

        /** Where its #GP(0) for a non-canonical address is listed (SDM Vol. 2, 64-bit mode exceptions). */
        final String nonCanonicalRule = "SDM Vol. 2 " + name() + ", #GP(0)";
    }

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
            f = Machine.nonCanonical(area, Layout.EXTENDED_OFFSET, kind.nonCanonicalRule);
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
                : compacted(m, area, rfbm, inuse, kind);
    }

    /** The standard form, XSAVE and XSAVEOPT: SDM Vol. 1 §13.7, §13.9. */
    private static Outcome standard(Machine m, XsaveArea area, long rfbm, long inuse, boolean opt) {
        CpuModel cpu = m.cpu();
        SlotTable layout = m.standardTable(rfbm);
        Fault nc = Machine.nonCanonical(area, layout.size(), Kind.XSAVE.nonCanonicalRule);
        if (nc != null) {
            return Outcome.of(nc);
        }
        if (area.length() < Layout.EXTENDED_OFFSET || area.length() < layout.size()) {
            return Outcome.of(pageFault(area, Math.max(Layout.EXTENDED_OFFSET, layout.size())));
        }
        long written = layout.mask();
        if (opt) {
            // The init optimization skips XINUSE[i] = 0; the modified optimization skips XMODIFIED[i] = 0 when
            // XRSTOR_INFO = ⟨CPL, VMXNR, this address, 0⟩ (SDM §13.9).
            written &= inuse;
            if (cpu.quirks().modifiedOptimization() && m.xrstorInfoIs(area.address(), 0)) {
                written &= m.xmodified();
            }
        }
        long armed = written & m.xfd() & m.xcr0();
        if (armed == 0) {
            layout.save(written, m.registers(), cpu.registerOffsets(), area.bytes());
        } else {
            // An XFD-armed component is written in its initial configuration (SDM §13.14); in index order, as slots
            // may overlap.
            for (long left = written; left != 0; left &= left - 1) {
                long bit = left & -left;
                byte[] from = (armed & bit) != 0 ? cpu.initialRegisters() : m.registers();
                layout.save(bit, from, cpu.registerOffsets(), area.bytes());
            }
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
    private static Outcome compacted(Machine m, XsaveArea area, long rfbm, long inuse, Kind kind) {
        CpuModel cpu = m.cpu();
        long xstateBv = rfbm & inuse;
        // XSAVEC/XSAVES write XSTATE_BV[1] = 1 when MXCSR is not 1F80H even if XINUSE[1] = 0 (SDM §13.10).
        if ((rfbm & XFeature.SSE.mask()) != 0 && m.mxcsr() != Machine.MXCSR_RESET) {
            xstateBv |= XFeature.SSE.mask();
        }
        long xcompBv = rfbm | (1L << 63);
        SlotTable layout = m.compactedTable(rfbm);
        Fault nc = Machine.nonCanonical(area, layout.size(), kind.nonCanonicalRule);
        if (nc != null) {
            return Outcome.of(nc);
        }
        if (area.length() < layout.size()) {
            return Outcome.of(pageFault(area, layout.size()));
        }
        long written = layout.mask() & xstateBv;
        // XSAVES: the modified optimization when XRSTOR_INFO = ⟨CPL, VMXNR, this address, XCOMP_BV⟩ (SDM §13.11).
        if (kind == Kind.XSAVES && cpu.quirks().modifiedOptimization() && m.xrstorInfoIs(area.address(), xcompBv)) {
            written &= m.xmodified();
        }
        layout.save(written, m.registers(), cpu.registerOffsets(), area.bytes());
        if ((xstateBv & XFeature.SSE.mask()) != 0) {
            area.writeInt(24, m.mxcsr());
            area.writeInt(28, cpu.quirks().mxcsrMask());
        }
        area.setXstateBv(xstateBv);
        area.setXcompBv(xcompBv);
        return Outcome.success();
    }

    /** #PF for an access past the end of the area's mapping: SDM Vol. 3 §4.7. */
    static Fault pageFault(XsaveArea area, int needed) {
        return new Fault(Fault.Vector.PF, "access to bytes up to " + needed + " of an XSAVE area of "
                + area.length() + " bytes", "SDM Vol. 3 §4.7 (past the end of the mapping)");
    }
}
