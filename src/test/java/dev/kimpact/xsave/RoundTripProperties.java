package dev.kimpact.xsave;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Save/restore round trips on random states and random RFBMs: whatever XSAVE, XSAVEOPT, XSAVEC or XSAVES wrote,
 * XRSTOR(S) on a fresh machine with the same XCR0/IA32_XSS reproduces exactly the saved machine's RFBM
 * components (and MXCSR), and leaves every other component exactly as the fresh machine had it.
 */
class RoundTripProperties {

    /**
     * One generated case.
     *
     * @param cpu      built-in model
     * @param xcr0     a valid XCR0 for it
     * @param xss      a subset of its IA32_XSS bits
     * @param rfbm     EDX:EAX of both the save and the restore
     * @param mxcsrA   MXCSR of the saving machine
     * @param mxcsrB   MXCSR of the restoring machine before the restore
     * @param seed     register contents of both machines
     * @param initMask components the saving machine leaves in their initial configuration
     */
    record Case(String cpu, long xcr0, long xss, long rfbm, int mxcsrA, int mxcsrB, long seed, long initMask,
                Quirks.XinuseTracking xinuse) {

        CpuModel model() {
            Quirks q = Quirks.DEFAULT.withXinuse(xinuse).withModifiedOptimization((seed & 1) == 0);
            return TestCpus.builtin(cpu).withQuirks(q);
        }

        @Override
        public String toString() {
            return String.format("%s xcr0=%x xss=%x rfbm=%x mxcsr=%x/%x seed=%x init=%x %s", cpu, xcr0, xss, rfbm,
                    mxcsrA, mxcsrB, seed, initMask, xinuse);
        }
    }

    /** A valid XCR0 for {@code cpu} from random group choices (dependencies closed upwards). */
    static long xcr0(CpuModel cpu, long bits) {
        long x = 0x1;
        if ((bits & 1) != 0) {
            x |= 0x2;
        }
        if ((bits & 2) != 0) {
            x |= 0x6;
        }
        if ((bits & 4) != 0) {
            x |= 0x18;
        }
        if ((bits & 8) != 0) {
            x |= 0xE6;
        }
        if ((bits & 16) != 0) {
            x |= 0x200;
        }
        if ((bits & 32) != 0) {
            x |= 0x60000;
        }
        long s = cpu.supportedXcr0();
        x &= s;
        // An unsupported group member removes its group (e.g. MPX on Ice Lake); keep AVX-512's needs.
        if ((x & 0xE0) != 0 && (x & 0x6) != 0x6) {
            x &= ~0xE0L;
        }
        return x;
    }

    /**
     * Generated cases: a fixed seed, so a failure names a reproducible case. Distribution: every built-in CPU,
     * RFBM all ones 1 time in 5, MXCSR at its reset value 1 time in 4, all-init and no-init states 1 in 5 each.
     */
    static Stream<Case> cases() {
        SplittableRandom r = new SplittableRandom(0x4D5058L);   // "MPX"
        List<String> cpus = CpuCatalog.BUILTIN;
        return IntStream.range(0, 400).mapToObj(n -> {
            String name = cpus.get(r.nextInt(cpus.size()));
            CpuModel cpu = TestCpus.builtin(name);
            long rfbm = r.nextInt(5) == 0 ? -1L : r.nextLong();
            int pick = r.nextInt(5);
            long init = pick == 0 ? 0L : pick == 1 ? -1L : r.nextLong();
            return new Case(name, xcr0(cpu, r.nextLong()), r.nextLong() & cpu.supportedXss(), rfbm, mxcsr(r), mxcsr(r),
                    r.nextLong(), init, Quirks.XinuseTracking.values()[r.nextInt(2)]);
        });
    }

    private static int mxcsr(SplittableRandom r) {
        return r.nextInt(4) == 0 ? Machine.MXCSR_RESET : r.nextInt(0x10000);
    }

    /** A machine with the case's control registers and random registers (component i init if init bit set). */
    static Machine machine(Case c, long seed, long initMask, int mxcsr) {
        Machine m = TestCpus.machine(c.model(), c.xcr0(), c.xss());
        Random r = new Random(seed);
        for (int i = 0; i < 64; i++) {
            byte[] reg = m.register(i);
            if (reg == null || (initMask & (1L << i)) != 0) {
                continue;
            }
            r.nextBytes(reg);
            m.setRegister(i, reg);
        }
        assertThat(m.ldmxcsr(mxcsr).ok()).isTrue();
        return m;
    }

    enum Form { XSAVE, XSAVEOPT, XSAVEC, XSAVES }

    private static void roundTrip(Case c, Form form) {
        Machine a = machine(c, c.seed(), c.initMask(), c.mxcsrA());
        Machine b = machine(c, ~c.seed(), 0, c.mxcsrB());
        TestCpus.State bBefore = TestCpus.State.of(b);
        TestCpus.State aBefore = TestCpus.State.of(a);
        boolean standard = form == Form.XSAVE || form == Form.XSAVEOPT;
        // Standard: the size CPUID.(0DH,0):EBX reports for this XCR0; compacted: CPUID.(0DH,1):EBX (XCR0|XSS).
        int size = standard ? a.cpuidD(0).ebx() : a.cpuidD(1).ebx();
        if (!standard && !c.model().hasXsaves()) {
            size = Layout.compacted(c.model(), c.xcr0()).size();
        }
        byte[] mem = new byte[size];
        if (standard) {
            // Junk everywhere the instructions must not depend on: all but XSTATE_BV and XCOMP_BV/bytes 23:16.
            new Random(c.seed() * 31).nextBytes(mem);
            for (int i = 512; i < 536; i++) {
                mem[i] = 0;
            }
        }
        XsaveArea area = new XsaveArea(mem, 0x7000_0040L);
        Outcome saved = switch (form) {
            case XSAVE -> a.xsave(area, c.rfbm());
            case XSAVEOPT -> a.xsaveopt(area, c.rfbm());
            case XSAVEC -> a.xsavec(area, c.rfbm());
            case XSAVES -> a.xsaves(area, c.rfbm());
        };
        boolean present = switch (form) {
            case XSAVEC -> c.model().hasXsavec();
            case XSAVES -> c.model().hasXsaves();
            default -> true;
        };
        if (!present) {
            // CPUID.(EAX=0DH,ECX=1):EAX[1] (XSAVEC) or [3] (XSAVES) = 0 (Broadwell-EP): #UD, nothing written.
            assertThat(saved.fault().vector()).isEqualTo(Fault.Vector.UD);
            assertThat(TestCpus.State.of(a)).isEqualTo(aBefore);
            return;
        }
        assertThat(saved.fault()).isNull();
        assertThat(TestCpus.State.of(a)).as("a save changes no register").isEqualTo(aBefore);

        long enabled = c.xcr0() | (form == Form.XSAVES ? c.xss() : 0);
        long rfbm = c.rfbm() & enabled;
        if (!standard) {
            assertThat(area.xcompBv()).isEqualTo(rfbm | (1L << 63));
            long expectBv = rfbm & a.xinuse();
            if ((rfbm & 2) != 0 && c.mxcsrA() != Machine.MXCSR_RESET) {
                expectBv |= 2;
            }
            assertThat(area.xstateBv()).isEqualTo(expectBv);
        } else {
            assertThat(area.xstateBv() & rfbm).isEqualTo(a.xinuse() & rfbm);
            assertThat(area.xstateBv() & ~rfbm).isZero();
        }

        Outcome restored = form == Form.XSAVES ? b.xrstors(area, c.rfbm()) : b.xrstor(area, c.rfbm());
        assertThat(restored.fault()).isNull();
        for (int i = 0; i < 64; i++) {
            byte[] got = b.register(i);
            if (got == null) {
                continue;
            }
            if ((rfbm & (1L << i)) != 0) {
                assertThat(got).as("RFBM component %d restored", i).isEqualTo(a.register(i));
            } else {
                assertThat(got).as("non-RFBM component %d untouched", i).isEqualTo(bBefore.regs().get(i));
            }
        }
        boolean mxcsrRestored = standard ? (rfbm & 0x6) != 0 : (rfbm & 0x2) != 0;
        assertThat(b.mxcsr()).isEqualTo(mxcsrRestored ? c.mxcsrA() : c.mxcsrB());
        // XINUSE after the restore: 1 for loaded components; init ones may be 0 or 1.
        long loaded = rfbm & area.xstateBv();
        assertThat(b.xinuse() & loaded).isEqualTo(loaded);
        assertThat(b.xmodified()).isEqualTo(rfbm == 0 ? -1L : ~rfbm);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void xsaveThenXrstor(Case c) {
        roundTrip(c, Form.XSAVE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void xsaveoptThenXrstor(Case c) {
        roundTrip(c, Form.XSAVEOPT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void xsavecThenXrstor(Case c) {
        roundTrip(c, Form.XSAVEC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void xsavesThenXrstors(Case c) {
        roundTrip(c, Form.XSAVES);
    }

    /**
     * The modified optimization never loses a modification: XSAVE, XRSTOR, then change some registers, then
     * XSAVEOPT into the same area; a restore of that area gives the current state.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void xsaveoptAfterXrstorFromTheSameAreaSavesEveryModification(Case c) {
        Machine a = machine(c, c.seed(), c.initMask(), c.mxcsrA());
        XsaveArea area = XsaveArea.allocate(a.cpuidD(0).ebx());
        assertThat(a.xsave(area, -1L).ok()).isTrue();
        assertThat(a.xrstor(area, c.rfbm()).ok()).isTrue();
        Random r = new Random(c.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < 64; i++) {
            byte[] reg = a.register(i);
            if (reg != null && r.nextBoolean()) {
                if (r.nextBoolean()) {
                    r.nextBytes(reg);
                } else {
                    reg = Machine.initValue(i, reg.length);
                }
                a.setRegister(i, reg);
            }
        }
        assertThat(a.ldmxcsr(c.mxcsrB()).ok()).isTrue();
        assertThat(a.xsaveopt(area, -1L).ok()).isTrue();
        Machine b = machine(c, ~c.seed(), 0, Machine.MXCSR_RESET);
        assertThat(b.xrstor(area, -1L).ok()).isTrue();
        for (int i = 0; i < 64; i++) {
            if ((c.xcr0() & (1L << i)) != 0) {
                assertThat(b.register(i)).as("component %d", i).isEqualTo(a.register(i));
            }
        }
        assertThat(b.mxcsr()).isEqualTo((c.xcr0() & 0x6) != 0 ? c.mxcsrB() : Machine.MXCSR_RESET);
    }

    /** XSAVE(RFBM) into a zeroed area, then XRSTOR of everything: components outside RFBM are initialized. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void restoringMoreThanWasSavedInitializesTheRest(Case c) {
        Machine a = machine(c, c.seed(), c.initMask(), c.mxcsrA());
        Machine b = machine(c, ~c.seed(), 0, c.mxcsrB());
        XsaveArea area = XsaveArea.allocate(a.cpuidD(0).ebx());
        assertThat(a.xsave(area, c.rfbm()).ok()).isTrue();
        if ((c.rfbm() & c.xcr0() & 0x6) == 0) {
            area.writeInt(24, Machine.MXCSR_RESET);   // MXCSR not saved: the zero there is valid anyway
        }
        assertThat(b.xrstor(area, -1L).ok()).isTrue();
        long rfbm = c.rfbm() & c.xcr0();
        for (int i = 0; i < 64; i++) {
            if ((c.xcr0() & (1L << i)) == 0) {
                continue;
            }
            if ((rfbm & (1L << i)) != 0) {
                assertThat(b.register(i)).isEqualTo(a.register(i));
            } else {
                assertThat(b.isInit(i)).as("component %d initialized", i).isTrue();
            }
        }
    }
}
