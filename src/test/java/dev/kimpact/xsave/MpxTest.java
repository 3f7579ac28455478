package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.kimpact.xsave.TestCpus.filled;
import static dev.kimpact.xsave.TestCpus.pattern;
import static org.assertj.core.api.Assertions.assertThat;

/** MPX (components 3 and 4) and the XSA-220 PKRU case: SDM §13.1, §13.3; XSAVE.md Part 2 §1.9. */
class MpxTest {

    private static CpuModel clx() {
        return TestCpus.builtin("cascadelake-server");
    }

    @ParameterizedTest
    @ValueSource(longs = {0x9, 0xB, 0xF, 0x11, 0x13, 0x17, 0xEF, 0xF7, 0x2EF, 0x2F7})
    void xcr0WithOnlyOneMpxBitIsGp(long xcr0) {
        Machine m = new Machine(clx());
        Outcome o = m.xsetbv(0, xcr0);
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.GP);
        assertThat(o.fault().rule()).isEqualTo("XCR0[4:3] (MPX BNDREGS, BNDCSR) is neither 00b nor 11b");
        assertThat(m.xcr0()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x19, 0x1B, 0x1F, 0xFF, 0x2FF})
    void xcr0WithBothMpxBitsIsFineAndNeedsNoAvx(long xcr0) {
        Machine m = new Machine(clx());
        assertThat(m.xsetbv(0, xcr0).ok()).isTrue();
        assertThat(m.xgetbv(0).value()).isEqualTo(xcr0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"icelake-server", "sapphirerapids", "genoa", "broadwell-ep"})
    void mpxIsUnsupportedWithoutCpuidMpx(String name) {
        CpuModel cpu = TestCpus.builtin(name);
        assertThat(cpu.hasMpx()).isFalse();
        assertThat(cpu.supportedXcr0() & 0x18).isZero();
        Outcome o = new Machine(cpu).xsetbv(0, 0x1F);
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.GP);
        assertThat(o.fault().rule()).contains("0x18 (bndregs|bndcsr)");
    }

    @Test
    void compactedOffsetsShiftBy128BytesWithMpxInXcompBv() {
        // The seed's "xsavec offsets would be different": opmask, ZMM_Hi256, Hi16_ZMM and PKRU move by exactly
        // BNDREGS (64) + BNDCSR (64) when XCOMP_BV has bits 4:3.
        Layout with = Layout.compacted(clx(), 0x2FF);
        Layout without = Layout.compacted(clx(), 0x2E7);
        assertThat(with.offsetOf(3)).isEqualTo(832);
        assertThat(with.offsetOf(4)).isEqualTo(896);
        int[][] expected = {{5, 960, 832}, {6, 1024, 896}, {7, 1536, 1408}, {9, 2560, 2432}};
        for (int[] e : expected) {
            assertThat(with.offsetOf(e[0])).as("with MPX, %d", e[0]).isEqualTo(e[1]);
            assertThat(without.offsetOf(e[0])).as("without MPX, %d", e[0]).isEqualTo(e[2]);
            assertThat(with.offsetOf(e[0]) - without.offsetOf(e[0])).isEqualTo(128);
        }
        assertThat(with.size()).isEqualTo(2568);
        assertThat(without.size()).isEqualTo(2440);
        // AVX is before MPX: the same in both.
        assertThat(with.offsetOf(2)).isEqualTo(576).isEqualTo(without.offsetOf(2));
        // The standard form does not move.
        assertThat(Layout.standard(clx(), 0x2FF).offsetOf(5)).isEqualTo(0x440)
                .isEqualTo(Layout.standard(clx(), 0x2E7).offsetOf(5));
    }

    @Test
    void xsavecPutsOpmaskAndPkruWhereTheLayoutSays() {
        for (long xcr0 : new long[] {0x2FF, 0x2E7}) {
            Machine m = TestCpus.machine(clx(), xcr0, 0);
            m.setRegister(5, pattern(64, 0x50));
            m.setRegister(9, pattern(8, 0x90));
            XsaveArea area = XsaveArea.allocate(2568);
            assertThat(m.xsavec(area, -1L).ok()).isTrue();
            int shift = xcr0 == 0x2FF ? 128 : 0;
            assertThat(area.slice(832 + shift, 64)).isEqualTo(pattern(64, 0x50));
            assertThat(area.slice(2432 + shift, 8)).isEqualTo(pattern(8, 0x90));
            assertThat(area.xcompBv()).isEqualTo((1L << 63) | xcr0);
            // Restoring with the other layout's XCR0 reads different bytes: an XCOMP_BV mismatch is a #GP instead.
            Machine other = TestCpus.machine(clx(), 0x2E7, 0);
            Outcome o = other.xrstor(area, -1L);
            if (xcr0 == 0x2FF) {
                assertThat(o.fault().vector()).isEqualTo(Fault.Vector.GP);
                assertThat(o.fault().rule()).contains("XCOMP_BV sets 0x18");
            } else {
                assertThat(o.ok()).isTrue();
                assertThat(other.register(5)).isEqualTo(pattern(64, 0x50));
            }
        }
    }

    @Test
    void clearingXcr0MpxBitsPreservesTheBoundsRegisters() {
        Machine m = TestCpus.machine(clx(), 0xFF, 0);
        assertThat(m.write(XFeature.BNDREGS, pattern(64, 0x31)).value()).isEqualTo(1);
        assertThat(m.write(XFeature.BNDCSR, pattern(64, 0x41)).value()).isEqualTo(1);
        assertThat(m.xsetbv(0, 0xE7).ok()).isTrue();
        assertThat(m.observe(XFeature.BNDREGS)).isEmpty();
        assertThat(m.register(3)).isEqualTo(pattern(64, 0x31));

        // XSAVE and XRSTOR with XCR0[4:3] = 00 neither save nor initialize them (XCR0 masks RFBM).
        XsaveArea area = new XsaveArea(filled(0xA80, 0xEE), 0x1000);
        area.setXstateBv(0);
        for (int i = 520; i < 536; i++) {
            area.bytes()[i] = 0;
        }
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(area.slice(0x3C0, 128)).isEqualTo(filled(128, 0xEE));
        assertThat(area.xstateBv() & 0x18).isZero();
        area.setXstateBv(0);
        assertThat(m.xrstor(area, -1L).ok()).isTrue();
        assertThat(m.register(3)).isEqualTo(pattern(64, 0x31));
        assertThat(m.register(4)).isEqualTo(pattern(64, 0x41));

        // Setting the bits again makes the old values visible; nothing was initialized.
        assertThat(m.xsetbv(0, 0xFF).ok()).isTrue();
        assertThat(m.observe(XFeature.BNDREGS)).hasValue(pattern(64, 0x31));
        assertThat(m.observe(XFeature.BNDCSR)).hasValue(pattern(64, 0x41));
        assertThat(m.xgetbv(1).value() & 0x18).isEqualTo(0x18);
        XsaveArea again = XsaveArea.allocate(0xA80);
        assertThat(m.xsave(again, 0x18).ok()).isTrue();
        assertThat(again.slice(0x3C0, 64)).isEqualTo(pattern(64, 0x31));
        assertThat(again.slice(0x400, 64)).isEqualTo(pattern(64, 0x41));
        assertThat(again.xstateBv()).isEqualTo(0x18);
    }

    @Test
    void mpxWritesAreNopsWithoutXcr0MpxWhilePkruWritesWork() {
        Machine m = TestCpus.machine(clx(), 0x7, 0);
        Outcome bnd = m.write(XFeature.BNDREGS, pattern(64, 1));
        assertThat(bnd.ok()).isTrue();
        assertThat(bnd.value()).as("NOP").isEqualTo(0);
        assertThat(m.register(3)).isEqualTo(new byte[64]);
        assertThat(m.write(XFeature.BNDCSR, pattern(64, 1)).value()).isEqualTo(0);
        assertThat(m.register(4)).isEqualTo(new byte[64]);
        assertThat(m.xinuse() & 0x18).isZero();

        // XSA-220: WRPKRU needs CR4.PKE, not XCR0[9].
        Outcome pkru = m.write(XFeature.PKRU, pattern(8, 0x55));
        assertThat(pkru.ok()).isTrue();
        assertThat(pkru.value()).isEqualTo(1);
        assertThat(m.register(9)).isEqualTo(pattern(8, 0x55));
        assertThat(m.observe(XFeature.PKRU)).hasValue(pattern(8, 0x55));
        // ... and XSAVE with XCR0[9] = 0 does not save it, XRSTOR does not reset it.
        XsaveArea area = XsaveArea.allocate(0xA88);
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(area.slice(0xA80, 8)).isEqualTo(new byte[8]);
        assertThat(m.xrstor(area, -1L).ok()).isTrue();
        assertThat(m.register(9)).isEqualTo(pattern(8, 0x55));

        // AVX-512 instructions #UD without XCR0[7:5]; AVX ones work with XCR0 = 7.
        assertThat(m.write(XFeature.OPMASK, pattern(64, 1)).fault().vector()).isEqualTo(Fault.Vector.UD);
        assertThat(m.write(XFeature.AVX, pattern(256, 1)).value()).isEqualTo(1);
        assertThat(m.xsetbv(0, 0x3).ok()).isTrue();
        assertThat(m.write(XFeature.AVX, pattern(256, 2)).fault().vector()).isEqualTo(Fault.Vector.UD);
        assertThat(m.register(2)).isEqualTo(pattern(256, 1));
    }

    @Test
    void mpxInitValuesAreZero() {
        Machine m = TestCpus.machine(clx(), 0xFF, 0);
        m.setRegister(3, pattern(64, 1));
        m.setRegister(4, pattern(64, 2));
        XsaveArea area = XsaveArea.allocate(0xA80);
        area.setXstateBv(0x3);
        assertThat(m.xrstor(area, -1L).ok()).isTrue();
        assertThat(m.register(3)).isEqualTo(new byte[64]);
        assertThat(m.register(4)).isEqualTo(new byte[64]);
        assertThat(m.xgetbv(1).value() & 0x18).isZero();
    }
}
