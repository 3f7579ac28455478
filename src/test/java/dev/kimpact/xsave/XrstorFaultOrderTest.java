package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order in which XRSTOR and XRSTORS report their faults (docs/EMULATOR.md §1.4): each test gives an instruction
 * two or more causes at once, checks that the earlier one is reported, removes it and checks the next.
 */
class XrstorFaultOrderTest {

    /** Sapphire Rapids with every user component enabled and IA32_XSS = PASID (bit 8). */
    private static Machine spr() {
        return TestCpus.machine(TestCpus.builtin("sapphirerapids"), 0x602E7, 0x100);
    }

    private static void assertFault(Outcome o, Fault.Vector vector, String rule) {
        assertThat(o.faulted()).as("expected %s %s", vector, rule).isTrue();
        assertThat(o.fault().vector()).as(o.fault().toString()).isEqualTo(vector);
        assertThat(o.fault().rule()).contains(rule);
    }

    /** A zeroed area with one nonzero reserved header byte (byte 16 of the header, in both forms' checked range). */
    private static void dirtyHeader(XsaveArea a) {
        a.bytes()[Layout.HEADER_OFFSET + 16] = 1;
    }

    @Test
    void udThenNmThenCplThenCanonicalBaseThenAlignmentThenPageFault() {
        Machine m = spr();
        XsaveArea a = new XsaveArea(new byte[100], 0x8000_0000_0000_0010L);   // non-canonical, unaligned, short
        m.setOsxsave(false);
        m.setCr0Ts(true);
        m.setCpl(3);
        assertFault(m.xrstors(a, -1L), Fault.Vector.UD, "CR4.OSXSAVE");
        m.setOsxsave(true);
        assertFault(m.xrstors(a, -1L), Fault.Vector.NM, "CR0.TS");
        m.setCr0Ts(false);
        assertFault(m.xrstors(a, -1L), Fault.Vector.GP, "CPL > 0");
        m.setCpl(0);
        assertFault(m.xrstors(a, -1L), Fault.Vector.GP, "non-canonical");
        XsaveArea b = new XsaveArea(new byte[100], 0x1010);
        assertFault(m.xrstors(b, -1L), Fault.Vector.GP, "64-byte boundary");
        XsaveArea c = new XsaveArea(new byte[100], 0x1000);
        assertFault(m.xrstors(c, -1L), Fault.Vector.PF, "of an XSAVE area of 100 bytes");
    }

    @Test
    void xrstorsWithoutXsavesIsUdBeforeNm() {
        // Sandy Bridge: XSAVE but none of the CPUID.(0DH,1):EAX extensions.
        Machine m = TestCpus.machine(TestCpus.dump("sandybridge.txt"), 0x7, 0);
        m.setCr0Ts(true);
        assertFault(m.xrstors(XsaveArea.allocate(0x340), -1L), Fault.Vector.UD, "XSS[bit 3]");
        assertFault(m.xrstor(XsaveArea.allocate(0x340), -1L), Fault.Vector.NM, "CR0.TS");
    }

    @Test
    void compactedHeaderChecksInTheOrderOfTheTable() {
        Machine m = spr();
        XsaveArea a = XsaveArea.allocate(0x2B00);
        dirtyHeader(a);
        a.setXstateBv(1L << 5);                           // opmask, not in XCOMP_BV below
        a.setXcompBv(1L << 40);                           // bit 63 clear, bit 40 enabled nowhere
        assertFault(m.xrstors(a, -1L), Fault.Vector.GP, "XCOMP_BV[63] = 0");
        a.setXcompBv((1L << 63) | (1L << 40) | 0x7);
        assertFault(m.xrstors(a, -1L), Fault.Vector.GP, "XCOMP_BV sets 0x10000000000 (bit40), not set in XCR0 | IA32_XSS");
        a.setXcompBv((1L << 63) | 0x7);
        assertFault(m.xrstors(a, -1L), Fault.Vector.GP, "not set in XCOMP_BV");
        a.setXstateBv(0x4);
        assertFault(m.xrstors(a, -1L), Fault.Vector.GP, "bytes 63:16");
        a.bytes()[Layout.HEADER_OFFSET + 16] = 0;
        assertThat(m.xrstors(a, -1L).ok()).isTrue();
    }

    @Test
    void standardHeaderChecksInTheOrderOfTheTable() {
        Machine snb = TestCpus.machine(TestCpus.dump("sandybridge.txt"), 0x7, 0);
        XsaveArea a = XsaveArea.allocate(0x340);
        dirtyHeader(a);
        a.setXstateBv(0x8);                                // BNDREGS, not in XCR0
        a.setXcompBv(1L << 63);
        assertFault(snb.xrstor(a, -1L), Fault.Vector.GP, "bit 63 of XCOMP_BV is 1");
        a.setXcompBv(0);
        assertFault(snb.xrstor(a, -1L), Fault.Vector.GP, "not set in XCR0");
        a.setXstateBv(0x4);
        assertFault(snb.xrstor(a, -1L), Fault.Vector.GP, "bytes 23:8");
        a.bytes()[Layout.HEADER_OFFSET + 16] = 0;
        assertThat(snb.xrstor(a, -1L).ok()).isTrue();
    }

    @Test
    void headerThenCanonicalEndThenPageFaultOnTheSlotsThenMxcsrThenXfd() {
        Machine m = spr();
        assertThat(m.writeXfd(1L << 18).ok()).isTrue();   // TILEDATA armed in IA32_XFD
        // 0x7FFF_FFFF_F000 + 576 is canonical; TILEDATA (standard offset 0xB00, 8 KiB) is not.
        XsaveArea a = new XsaveArea(new byte[Layout.EXTENDED_OFFSET], 0x0000_7FFF_FFFF_F000L);
        dirtyHeader(a);
        a.setXstateBv(1L << 18);
        a.writeInt(24, -1);                               // MXCSR with every reserved bit set
        assertFault(m.xrstor(a, -1L), Fault.Vector.GP, "bytes 23:8");
        a.bytes()[Layout.HEADER_OFFSET + 16] = 0;
        assertFault(m.xrstor(a, -1L), Fault.Vector.GP, "non-canonical");
        XsaveArea b = new XsaveArea(a.bytes().clone(), 0x1000);
        assertFault(m.xrstor(b, -1L), Fault.Vector.PF, "access to bytes up to 11008");
        XsaveArea c = new XsaveArea(new byte[0x2B00], 0x1000);
        System.arraycopy(b.bytes(), 0, c.bytes(), 0, Layout.EXTENDED_OFFSET);
        assertFault(m.xrstor(c, -1L), Fault.Vector.GP, "reserved bits of MXCSR (ffffffff)");
        c.writeInt(24, Machine.MXCSR_RESET);
        assertFault(m.xrstor(c, -1L), Fault.Vector.NM, "armed in IA32_XFD");
        // Initializing the armed component is no load: no #NM.
        c.setXstateBv(0);
        assertThat(m.xrstor(c, -1L).ok()).isTrue();
    }
}
