package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * XSETBV/XGETBV: the cases of kvm-unit-tests x86/xsave.c (XSAVE.md §6.1), the KVM selftest xcr0_cpuid_test rule
 * (§6.2) and the SDM rules of §2, on every built-in CPU.
 */
class XsetbvXgetbvTest {

    /** Stands in for rdtsc() << 32 in kvm-unit-tests: RCX[63:32] must be ignored. */
    private static final long ALIAS = 0x1234_5678_0000_0000L;

    private static void assertGp(Outcome o) {
        assertThat(o.faulted()).as("expected #GP").isTrue();
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.GP);
    }

    private static void assertUd(Outcome o) {
        assertThat(o.faulted()).as("expected #UD").isTrue();
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.UD);
    }

    private static void assertValue(Outcome o, long v) {
        assertThat(o.fault()).isNull();
        assertThat(o.value()).isEqualTo(v);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cascadelake-server", "icelake-server", "sapphirerapids", "genoa"})
    void kvmUnitTestsXsave(String name) {
        CpuModel cpu = TestCpus.builtin(name);
        Machine m = new Machine(cpu);
        assertThat(m.osxsave()).isTrue();
        assertThat(m.xcr0()).as("XCR0 after RESET").isEqualTo(1);
        assertThat(cpu.supportedXcr0() & 0x3).isEqualTo(0x3);
        assertThat(cpu.hasAvx()).isTrue();

        for (long val : new long[] {0x1, 0x3, 0x7}) {
            assertThat(m.xsetbv(ALIAS, val).ok()).isTrue();
            assertValue(m.xgetbv(ALIAS), val);
            assertValue(m.xgetbv(0), val);
            assertThat(m.xsetbv(0, val).ok()).isTrue();
            assertValue(m.xgetbv(0), val);
        }

        assertGp(m.xsetbv(0, 0x0));
        assertGp(m.xsetbv(0, 0x2));
        assertGp(m.xsetbv(0, 0x4));
        assertGp(m.xsetbv(0, 0x5));
        assertValue(m.xgetbv(0), 0x7);       // a faulting XSETBV changes nothing

        for (int i = 1; i < 64; i++) {
            if (i == 1) {
                assertThat(m.xgetbv(i).ok()).as("XGETBV(1) with XG1").isTrue();
            } else {
                assertGp(m.xgetbv(i));
            }
            assertGp(m.xsetbv(i, 0x1));
            assertGp(m.xsetbv(i, 0x3));
            if (i <= 31) {
                long rcx = 1L << i;
                assertGp(m.xgetbv(rcx));
                assertGp(m.xsetbv(rcx, 0x1));
                assertGp(m.xsetbv(rcx, 0x3));
            }
        }
        assertValue(m.xgetbv(0), 0x7);

        // test_no_xsave: CR4.OSXSAVE = 0 -> #UD for both, before anything else.
        assertThat(m.setOsxsave(false).ok()).isTrue();
        assertUd(m.xgetbv(0));
        assertUd(m.xsetbv(0, 0x3));
        assertUd(m.xgetbv(5));
        m.setCpl(3);
        assertUd(m.xsetbv(7, 0x0));          // #UD has priority over every #GP
        m.setCpl(0);
        assertThat(m.setOsxsave(true).ok()).isTrue();
        assertValue(m.xgetbv(0), 0x7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cascadelake-server", "icelake-server", "sapphirerapids", "genoa"})
    void kvmSelftestXcr0CpuidRule(String name) {
        CpuModel cpu = TestCpus.builtin(name);
        long supported = cpu.supportedXcr0();
        // The CPUID-reported mask itself obeys the dependency rules.
        assertThat(supported & 0x4).isEqualTo(0x4);
        assertThat(supported & 0x2).isEqualTo(0x2);
        long mpx = supported & 0x18;
        assertThat(mpx == 0 || mpx == 0x18).isTrue();
        long avx512 = supported & 0xE0;
        assertThat(avx512 == 0 || avx512 == 0xE0).isTrue();
        long xtile = supported & 0x60000;
        assertThat(xtile == 0 || xtile == 0x60000).isTrue();

        Machine m = new Machine(cpu);
        assertThat(m.xsetbv(0, 0x1).ok()).isTrue();
        assertThat(m.xsetbv(0, supported).ok()).isTrue();
        assertValue(m.xgetbv(0), supported);
        int faults = 0;
        for (int i = 0; i < 64; i++) {
            if ((supported & (1L << i)) == 0) {
                Outcome o = m.xsetbv(0, supported | (1L << i));
                assertGp(o);
                assertThat(o.fault().rule()).contains("not set in CPUID.(EAX=0DH,ECX=0):EDX:EAX");
                faults++;
            }
        }
        assertThat(faults).isEqualTo(64 - Long.bitCount(supported));
        assertValue(m.xgetbv(0), supported);
    }

    @Test
    void exactSupportedMasks() {
        assertThat(TestCpus.builtin("cascadelake-server").supportedXcr0()).isEqualTo(0x2FF);
        assertThat(TestCpus.builtin("icelake-server").supportedXcr0()).isEqualTo(0x2E7);
        assertThat(TestCpus.builtin("sapphirerapids").supportedXcr0()).isEqualTo(0x602E7);
        assertThat(TestCpus.builtin("genoa").supportedXcr0()).isEqualTo(0x2E7);
    }

    @Test
    void pairingRulesOnSapphireRapids() {
        Machine m = new Machine(TestCpus.builtin("sapphirerapids"));
        assertGp(m.xsetbv(0, 0x20007));            // TILECFG without TILEDATA
        assertGp(m.xsetbv(0, 0x40007));            // TILEDATA without TILECFG
        assertThat(m.xsetbv(0, 0x60003).ok()).isTrue();   // AMX needs no AVX
        assertGp(m.xsetbv(0, 0x27));               // opmask alone
        assertGp(m.xsetbv(0, 0xC7));               // ZMM halves without opmask
        assertGp(m.xsetbv(0, 0xE3));               // AVX-512 without AVX
        assertGp(m.xsetbv(0, 0xE5));               // AVX-512 with AVX but no SSE (XCR0[2:1]=10b)
        assertThat(m.xsetbv(0, 0xE7).ok()).isTrue();
        assertThat(m.xsetbv(0, 0x203).ok()).isTrue();     // PKRU has no pairing rule
        assertGp(m.xsetbv(0, 0x103));              // supervisor PT can never be in XCR0
        assertGp(m.xsetbv(0, 0x80003));            // APX not enumerated
        assertValue(m.xgetbv(0), 0x203);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void xsetbvAtCplAboveZeroIsGp(int cpl) {
        Machine m = new Machine(TestCpus.builtin("cascadelake-server"));
        assertThat(m.xsetbv(0, 0x7).ok()).isTrue();
        m.setCpl(cpl);
        Outcome o = m.xsetbv(0, 0x3);
        assertGp(o);
        assertThat(o.fault().rule()).contains("privilege level");
        // XGETBV works at any CPL.
        assertValue(m.xgetbv(0), 0x7);
        assertThat(m.xgetbv(1).ok()).isTrue();
        assertThat(m.xcr0()).isEqualTo(0x7);
    }

    @Test
    void xgetbv1IsXcr0AndXinuseWithTheMxcsrRule() {
        Machine m = TestCpus.machine(TestCpus.builtin("cascadelake-server"), 0xFF, 0);
        assertValue(m.xgetbv(1), 0x0);                       // everything in its initial configuration
        m.setRegister(2, TestCpus.filled(256, 1));
        assertValue(m.xgetbv(1), 0x4);
        m.setRegister(3, TestCpus.filled(64, 2));
        assertValue(m.xgetbv(1), 0xC);
        // MXCSR != 1F80H sets EAX[1] though XINUSE[1] (the XMM registers) is 0.
        assertThat(m.ldmxcsr(0x1F00).ok()).isTrue();
        assertThat(m.xinuse() & 0x2).isZero();
        assertValue(m.xgetbv(1), 0xE);
        assertThat(m.ldmxcsr(0x1F80).ok()).isTrue();
        assertValue(m.xgetbv(1), 0xC);
        // Back to init: the bit clears again (precise tracking).
        m.setRegister(2, new byte[256]);
        assertValue(m.xgetbv(1), 0x8);
        // x87 out of init: FCW != 037FH.
        byte[] x87 = m.register(0);
        x87[0] = 0x7E;
        m.setRegister(0, x87);
        assertValue(m.xgetbv(1), 0x9);
        // AND with XCR0: with XCR0[4:3] = 00 the in-use BNDREGS is not reported, and with XCR0[1] = 0 the
        // MXCSR rule does not apply.
        assertThat(m.ldmxcsr(0x1F00).ok()).isTrue();
        assertThat(m.xsetbv(0, 0x7).ok()).isTrue();
        assertValue(m.xgetbv(1), 0x3);
        assertThat(m.xsetbv(0, 0x1).ok()).isTrue();
        assertValue(m.xgetbv(1), 0x1);
        // Re-enabling MPX shows BNDREGS in use again (XINUSE kept across XSETBV).
        assertThat(m.xsetbv(0, 0x1F).ok()).isTrue();
        assertValue(m.xgetbv(1), 0xB);
    }

    @Test
    void xgetbv1WithAlwaysInUseIsXcr0() {
        CpuModel cpu = TestCpus.builtin("genoa").withQuirks(
                Quirks.DEFAULT.withXinuse(Quirks.XinuseTracking.ALWAYS_IN_USE));
        Machine m = TestCpus.machine(cpu, 0x2E7, 0);
        assertValue(m.xgetbv(1), 0x2E7);
    }

    @Test
    void xsetbvLeavesRegistersAlone() {
        Machine m = TestCpus.machine(TestCpus.builtin("icelake-server"), 0x2E7, 0);
        m.setRegister(5, TestCpus.pattern(64, 9));
        m.setRegister(9, TestCpus.pattern(8, 1));
        TestCpus.State before = TestCpus.State.of(m);
        assertThat(m.xsetbv(0, 0x3).ok()).isTrue();
        assertThat(m.xsetbv(0, 0x2E7).ok()).isTrue();
        assertThat(TestCpus.State.of(m)).isEqualTo(before);
    }
}
