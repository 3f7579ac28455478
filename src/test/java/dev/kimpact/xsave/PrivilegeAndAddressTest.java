package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;

import static dev.kimpact.xsave.TestCpus.pattern;
import static org.assertj.core.api.Assertions.assertThat;

/** Privileged MSR accesses and the 64-bit-mode canonical-address #GP of the XSAVE family. */
class PrivilegeAndAddressTest {

    private static Machine spr() {
        return TestCpus.machine(TestCpus.builtin("sapphirerapids"), 0x602E7, 0x100);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void wrmsrIa32XfdAtCplAboveZeroIsGp(int cpl) {
        Machine m = spr();
        m.setCpl(cpl);
        Outcome o = m.writeXfd(1L << 18);
        assertThat(o.faulted()).isTrue();
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.GP);
        assertThat(o.fault().rule()).contains("CPL > 0");
        assertThat(m.xfd()).isZero();
        m.setCpl(0);
        assertThat(m.writeXfd(1L << 18).ok()).isTrue();
        assertThat(m.xfd()).isEqualTo(1L << 18);
    }

    @Test
    void xfdOnlyForXfdCapableComponents() {
        Machine m = spr();
        assertThat(m.writeXfd(1L << 17).fault().vector()).isEqualTo(Fault.Vector.GP);   // TILECFG: ECX[2] = 0
        assertThat(m.xfd()).isZero();
        Machine clx = TestCpus.machine(TestCpus.builtin("cascadelake-server"), 0xFF, 0);
        assertThat(clx.writeXfd(0).fault().vector()).as("no XFD on Cascade Lake").isEqualTo(Fault.Vector.GP);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void supervisorStateIsWrittenAndReadOnlyAtCplZero(int cpl) {
        Machine m = spr();
        m.setCpl(cpl);
        Outcome o = m.write(XFeature.PT, pattern(128, 1));
        assertThat(o.faulted()).isTrue();
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.GP);
        assertThat(m.register(8)).isEqualTo(new byte[128]);
        assertThat(m.xinuse() & 0x100).isZero();
        assertThat(m.observe(XFeature.PT)).isEmpty();
        // User state is fine at any CPL (PKRU needs no XCR0 bit either).
        assertThat(m.write(XFeature.PKRU, pattern(8, 2)).value()).isEqualTo(1);
        assertThat(m.observe(XFeature.PKRU)).hasValue(pattern(8, 2));
        m.setCpl(0);
        assertThat(m.write(XFeature.PT, pattern(128, 1)).value()).isEqualTo(1);
        assertThat(m.observe(XFeature.PT)).hasValue(pattern(128, 1));
    }

    private static void assertGpNothingChanged(Machine m, XsaveArea area, Function<Machine, Outcome> insn) {
        TestCpus.State before = TestCpus.State.of(m);
        byte[] mem = area.bytes().clone();
        Outcome o = insn.apply(m);
        assertThat(o.faulted()).isTrue();
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.GP);
        assertThat(o.fault().rule()).contains("non-canonical");
        assertThat(TestCpus.State.of(m)).isEqualTo(before);
        assertThat(area.bytes()).isEqualTo(mem);
    }

    @ParameterizedTest
    @ValueSource(longs = {0x0000_8000_0000_0000L, 0x7FFF_FFFF_FFFF_F000L, 0x8000_0000_0000_0000L,
            0xFFFF_7FFF_FFFF_F000L})
    void nonCanonicalAreaAddressIsGp(long address) {
        Machine m = spr();
        m.setRegister(2, pattern(256, 3));
        XsaveArea good = XsaveArea.allocate(0x2B00);
        assertThat(m.snapshot().xsave(good, -1L).ok()).isTrue();
        XsaveArea std = new XsaveArea(good.bytes().clone(), address);
        assertGpNothingChanged(m, std, x -> x.xsave(std, -1L));
        assertGpNothingChanged(m, std, x -> x.xsaveopt(std, -1L));
        assertGpNothingChanged(m, std, x -> x.xsavec(std, -1L));
        assertGpNothingChanged(m, std, x -> x.xsaves(std, -1L));
        assertGpNothingChanged(m, std, x -> x.xrstor(std, -1L));
        XsaveArea cmp = XsaveArea.allocate(0x2B00);
        assertThat(m.snapshot().xsaves(cmp, -1L).ok()).isTrue();
        XsaveArea c = new XsaveArea(cmp.bytes().clone(), address);
        assertGpNothingChanged(m, c, x -> x.xrstors(c, -1L));
        assertGpNothingChanged(m, c, x -> x.xrstor(c, -1L));
    }

    @ParameterizedTest
    @ValueSource(longs = {0x0000_7FFF_FFFF_D000L, 0xFFFF_8000_0000_0000L, 0xFFFF_FFFF_FFFF_D000L, 0x40L})
    void canonicalAddressesWork(long address) {
        Machine m = spr();
        m.setRegister(2, pattern(256, 3));
        XsaveArea a = new XsaveArea(new byte[0x2B00], address);
        assertThat(m.xsave(a, -1L).ok()).isTrue();
        assertThat(a.slice(0x240, 256)).isEqualTo(pattern(256, 3));
        Machine n = spr();
        assertThat(n.xrstor(a, -1L).ok()).isTrue();
        assertThat(n.register(2)).isEqualTo(pattern(256, 3));
    }

    @Test
    void anAreaRunningPastTheCanonicalBoundaryIsGpOnlyIfTheInstructionReachesIt() {
        Machine m = spr();
        m.setRegister(18, pattern(8192, 7));
        // 0x7FFF_FFFF_F000 + 576 stays canonical; TILEDATA (standard offset 0xB00, 8 KiB) does not.
        long base = 0x0000_7FFF_FFFF_F000L;
        XsaveArea a = new XsaveArea(new byte[0x2B00], base);
        assertThat(m.xsave(a, 0x3).ok()).isTrue();
        assertGpNothingChanged(m, a, x -> x.xsave(a, -1L));
        assertGpNothingChanged(m, a, x -> x.xsavec(a, 1L << 18));
        // XRSTOR that only initializes TILEDATA reads nothing past the legacy region and header.
        a.setXstateBv(0x3);
        assertThat(m.snapshot().xrstor(a, -1L).ok()).isTrue();
        a.setXstateBv(0x3 | (1L << 18));
        assertGpNothingChanged(m, a, x -> x.xrstor(a, -1L));
    }
}
