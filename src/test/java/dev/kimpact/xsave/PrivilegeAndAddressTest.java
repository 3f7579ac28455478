package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
}
