package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaf 0xD enumeration and layouts of every CPU model against the values the real processor reported.
 * Every expected number below is written out by hand from XSAVE.md §1/§5 or from the dump file itself,
 * never read back from the model.
 */
class CpuLayoutTest {

    /** One CPUID.(0DH,i) sub-leaf as dumped: EAX = size, EBX = standard offset, ECX bits. */
    record Sub(int index, int size, int offset, int ecx) {
    }

    /**
     * One dump: what it enumerates, the XCR0/IA32_XSS the OS had set when it was dumped (inferred from sub-leaf 0
     * and 1 EBX, see the per-CPU comments) and the EBX values it reported.
     */
    record Dump(String name, boolean builtin, long xcr0Supported, long xssSupported, int d0Ecx, long xcr0, long xss,
                int d0Ebx, int d1Ebx, List<Sub> subs) {
        CpuModel model() {
            return builtin ? TestCpus.builtin(name) : TestCpus.dump(name + ".txt");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Sub> INTEL_AVX512_MPX = List.of(
            new Sub(2, 0x100, 0x240, 0), new Sub(3, 0x40, 0x3C0, 0), new Sub(4, 0x40, 0x400, 0),
            new Sub(5, 0x40, 0x440, 0), new Sub(6, 0x200, 0x480, 0), new Sub(7, 0x400, 0x680, 0),
            new Sub(8, 0x80, 0, 1));

    static Stream<Dump> dumps() {
        return Stream.of(
                // Cascade Lake Gold 5215. SL0 EAX=0x2FF, EBX=0xA80: XCR0=0xFF (0x2FF would give 0xA88, PKRU's end).
                // SL1 EBX: compacted 0xFF = 576+256(avx)=832, +64+64 (MPX)=960, +64=1024, +512=1536, +1024=2560;
                // + PT 128 = 2688 = 0xA80 with XSS=0x100 (XSAVE.md §3.2).
                new Dump("cascadelake-server", true, 0x2FF, 0x100, 0xA88, 0xFF, 0x100, 0xA80, 0xA80, concat(
                        INTEL_AVX512_MPX, List.of(new Sub(9, 8, 0xA80, 0)))),
                // Ice Lake-SP 8351N: no MPX. SL0 EBX=0xA80 -> XCR0=0xE7 (Hi16_ZMM ends at 0x680+0x400=0xA80).
                // SL1 EBX: 576+256=832, opmask ->896, Hi256 ->1408, Hi16 ->2432; + PT 128 = 2560 = 0xA00, XSS=0x100.
                new Dump("icelake-server", true, 0x2E7, 0x100, 0xA88, 0xE7, 0x100, 0xA80, 0xA00, List.of(
                        new Sub(2, 0x100, 0x240, 0), new Sub(5, 0x40, 0x440, 0), new Sub(6, 0x200, 0x480, 0),
                        new Sub(7, 0x400, 0x680, 0), new Sub(8, 0x80, 0, 1), new Sub(9, 8, 0xA80, 0))),
                // Sapphire Rapids w7-2475X. SL0 EBX=0x2B00 = TILEDATA 0xB00+0x2000 -> XCR0=0x602E7.
                // SL1: 2432 (as ICX), PT ->2560, PKRU ->2568, TILECFG aligned to 2624 ->2688, TILEDATA @2688 ->
                // 10880 = 0x2A80 with XSS=0x100.
                new Dump("sapphirerapids", true, 0x602E7, 0xDD00, 0x2B00, 0x602E7, 0x100, 0x2B00, 0x2A80, List.of(
                        new Sub(2, 0x100, 0x240, 0), new Sub(5, 0x40, 0x440, 0), new Sub(6, 0x200, 0x480, 0),
                        new Sub(7, 0x400, 0x680, 0), new Sub(8, 0x80, 0, 1), new Sub(9, 8, 0xA80, 0),
                        new Sub(10, 8, 0, 1), new Sub(11, 0x10, 0, 1), new Sub(12, 0x18, 0, 1),
                        new Sub(14, 0x30, 0, 1), new Sub(15, 0x328, 0, 1),
                        new Sub(17, 0x40, 0xAC0, 2), new Sub(18, 0x2000, 0xB00, 6))),
                // Genoa EPYC 9654: AMD offsets (no MPX hole). SL0 EBX=0x980 = Hi16 0x580+0x400 -> XCR0=0xE7.
                // SL1: 576+256=832, opmask ->896, Hi256 ->1408, Hi16 ->2432; + CET_U 16 = 2448 = 0x990, XSS=0x800.
                new Dump("genoa", true, 0x2E7, 0x1800, 0x988, 0xE7, 0x800, 0x980, 0x990, List.of(
                        new Sub(2, 0x100, 0x240, 0), new Sub(5, 0x40, 0x340, 0), new Sub(6, 0x200, 0x380, 0),
                        new Sub(7, 0x400, 0x580, 0), new Sub(9, 8, 0x980, 0), new Sub(11, 0x10, 0, 1),
                        new Sub(12, 0x18, 0, 1))),
                // Xeon E5-2620 v4 (Broadwell-EP): SL0 = 00000007-00000340-00000340 -> XCR0=7 (576+256); SL1 EAX=1
                // (XSAVEOPT only), EBX=0: no compacted form, no supervisor state.
                new Dump("broadwell-ep", true, 0x7, 0, 0x340, 0x7, 0, 0x340, 0, List.of(new Sub(2, 0x100, 0x240, 0))),
                // i9-7900X: SL0 EAX=0xFF (no PKRU), EBX=0xA80 -> XCR0=0xFF; SL1 EBX=0xA00 = 2560, the compacted 0xFF
                // without PT -> XSS=0 although SL1 ECX=0x100 enumerates PT.
                new Dump("skylake-x", false, 0xFF, 0x100, 0xA80, 0xFF, 0, 0xA80, 0xA00, INTEL_AVX512_MPX),
                // i9-11900K (MPX and AVX-512): SL0 EBX=0xA80 -> XCR0=0xFF. SL1 EBX=0xA80 = 2560 + PT 128 -> XSS=0x100
                // (+HDC 8 would give 0xA88 or 0xA08).
                new Dump("rocketlake", false, 0x2FF, 0x2100, 0xA88, 0xFF, 0x100, 0xA80, 0xA80, concat(
                        INTEL_AVX512_MPX, List.of(new Sub(9, 8, 0xA80, 0), new Sub(13, 8, 0, 1)))),
                // i5-1135G7: SL0 EBX=0xA80 -> XCR0=0xE7; SL1 EBX=0xA00 = 2432 + PT 128 -> XSS=0x100.
                new Dump("tigerlake", false, 0x2E7, 0x3900, 0xA88, 0xE7, 0x100, 0xA80, 0xA00, List.of(
                        new Sub(2, 0x100, 0x240, 0), new Sub(5, 0x40, 0x440, 0), new Sub(6, 0x200, 0x480, 0),
                        new Sub(7, 0x400, 0x680, 0), new Sub(8, 0x80, 0, 1), new Sub(9, 8, 0xA80, 0),
                        new Sub(11, 0x10, 0, 1), new Sub(12, 0x18, 0, 1), new Sub(13, 8, 0, 1))),
                // EPYC 7763: SL0 EAX=0x207, EBX=0x340 = 576+256 -> XCR0=7; SL1 EBX=0x340 -> XSS=0.
                // SL0 ECX=0x988: PKRU at 0x980 + 8.
                new Dump("milan", false, 0x207, 0x1800, 0x988, 0x7, 0, 0x340, 0x340, List.of(
                        new Sub(2, 0x100, 0x240, 0), new Sub(9, 8, 0x980, 0), new Sub(11, 0x10, 0, 1),
                        new Sub(12, 0x18, 0, 1))),
                // EPYC 7742: SL0 EAX=0x207, EBX=0x340 -> XCR0=7; SL1 EBX=0x340, ECX=0 (no supervisor state).
                // SL 09 reports a 0x40-byte component at 0x340 (raw data as dumped; XSAVE.md §1 note):
                // SL0 ECX=0x380 = 0x340+0x40.
                new Dump("rome", false, 0x207, 0, 0x380, 0x7, 0, 0x340, 0x340, List.of(
                        new Sub(2, 0x100, 0x240, 0), new Sub(9, 0x40, 0x340, 0))),
                // Xeon 658X: as Sapphire Rapids plus HWP (16): SL0 EBX=0x2B00 -> XCR0=0x602E7; SL1 EBX=0x2A80 -> XSS=0x100.
                new Dump("graniterapids", false, 0x602E7, 0x1DD00, 0x2B00, 0x602E7, 0x100, 0x2B00, 0x2A80, List.of(
                        new Sub(2, 0x100, 0x240, 0), new Sub(5, 0x40, 0x440, 0), new Sub(6, 0x200, 0x480, 0),
                        new Sub(7, 0x400, 0x680, 0), new Sub(8, 0x80, 0, 1), new Sub(9, 8, 0xA80, 0),
                        new Sub(10, 8, 0, 1), new Sub(11, 0x10, 0, 1), new Sub(12, 0x18, 0, 1),
                        new Sub(14, 0x30, 0, 1), new Sub(15, 0x328, 0, 1), new Sub(16, 8, 0, 1),
                        new Sub(17, 0x40, 0xAC0, 2), new Sub(18, 0x2000, 0xB00, 6))),
                // i5-2400, untagged lines: SL0 = 00000007-00000340-00000340, then AVX 00000100-00000240. XCR0=7 ->
                // 576+256 = 0x340. No sub-leaf 1 line: no XSAVEOPT/XSAVEC/XSAVES, so SL1 EBX = 0.
                new Dump("sandybridge", false, 0x7, 0, 0x340, 0x7, 0, 0x340, 0, List.of(new Sub(2, 0x100, 0x240, 0))),
                // cpuid -r conversion of the Cascade Lake dump: the same numbers as cascadelake-server.
                new Dump("cascadelake-cpuid-r", false, 0x2FF, 0x100, 0xA88, 0xFF, 0x100, 0xA80, 0xA80, concat(
                        INTEL_AVX512_MPX, List.of(new Sub(9, 8, 0xA80, 0)))));
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dumps")
    void enumeratesWhatTheDumpSays(Dump d) {
        CpuModel cpu = d.model();
        assertThat(cpu.hasXsave()).isTrue();
        assertThat(cpu.supportedXcr0()).as("CPUID.(0DH,0):EDX:EAX").isEqualTo(d.xcr0Supported());
        assertThat(cpu.supportedXss()).as("CPUID.(0DH,1):EDX:ECX").isEqualTo(d.xssSupported());
        long enumerated = 0;
        for (Sub s : d.subs()) {
            enumerated |= 1L << s.index();
            assertThat(cpu.size(s.index())).as("size of %d", s.index()).isEqualTo(s.size());
            assertThat(cpu.standardOffset(s.index())).as("standard offset of %d", s.index()).isEqualTo(s.offset());
            assertThat(cpu.supervisor(s.index())).as("supervisor %d", s.index()).isEqualTo((s.ecx() & 1) != 0);
            assertThat(cpu.align64(s.index())).as("align64 %d", s.index()).isEqualTo((s.ecx() & 2) != 0);
            assertThat(cpu.xfdCapable(s.index())).as("xfd %d", s.index()).isEqualTo((s.ecx() & 4) != 0);
        }
        assertThat(enumerated).as("the test lists every enumerated component >= 2")
                .isEqualTo(cpu.supportedAll() & ~0x3L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dumps")
    void standardLayoutOfAllUserComponentsUsesTheDumpOffsets(Dump d) {
        CpuModel cpu = d.model();
        Layout l = Layout.standard(cpu, -1L);
        assertThat(l.form()).isEqualTo(Layout.Form.STANDARD);
        assertThat(l.slot(0)).isEqualTo(new Layout.Slot(0, 0, 160, false, false));
        assertThat(l.slot(1)).isEqualTo(new Layout.Slot(1, 160, 256, false, false));
        long user = 0x3;
        for (Sub s : d.subs()) {
            if ((s.ecx() & 1) == 0) {
                user |= 1L << s.index();
                assertThat(l.slot(s.index())).isEqualTo(
                        new Layout.Slot(s.index(), s.offset(), s.size(), (s.ecx() & 2) != 0, false));
            } else {
                assertThat(l.slot(s.index())).as("supervisor %d has no standard slot", s.index()).isNull();
            }
        }
        assertThat(l.mask()).isEqualTo(user);
        // CPUID.(0DH,0):ECX is the standard size for every supported user component.
        assertThat(l.size()).isEqualTo(d.d0Ecx());
        assertThat(cpu.maxStandardSize()).isEqualTo(d.d0Ecx());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dumps")
    void cpuidEbxForTheDumpTimeXcr0AndXssEqualsTheDump(Dump d) {
        CpuModel cpu = d.model();
        assertThat(cpu.leafD(0, d.xcr0(), d.xss()).ebx()).as("SL0 EBX").isEqualTo(d.d0Ebx());
        assertThat(cpu.leafD(1, d.xcr0(), d.xss()).ebx()).as("SL1 EBX").isEqualTo(d.d1Ebx());
        // ... and they equal what the processor put in the dump.
        assertThat(cpu.raw(0xD, 0).ebx()).isEqualTo(d.d0Ebx());
        assertThat(cpu.raw(0xD, 1).ebx()).isEqualTo(d.d1Ebx());
        // The same through a machine that executed XSETBV and WRMSR IA32_XSS.
        if (cpu.hasXsaves() || d.xss() == 0) {
            Machine m = TestCpus.machine(cpu, d.xcr0(), d.xss());
            assertThat(m.cpuidD(0).ebx()).isEqualTo(d.d0Ebx());
            assertThat(m.cpuidD(1).ebx()).isEqualTo(d.d1Ebx());
            assertThat(m.cpuidD(0).ecx()).isEqualTo(d.d0Ecx());
        }
    }

    @Test
    void cascadeLakeCompactedLayout() {
        Layout l = Layout.compacted(TestCpus.builtin("cascadelake-server"), 0xFF | 0x100);
        assertThat(l.form()).isEqualTo(Layout.Form.COMPACTED);
        assertThat(l.slots()).extracting(Layout.Slot::index, Layout.Slot::offset, Layout.Slot::size).containsExactly(
                tuple(0, 0, 160), tuple(1, 160, 256), tuple(2, 576, 256), tuple(3, 832, 64), tuple(4, 896, 64),
                tuple(5, 960, 64), tuple(6, 1024, 512), tuple(7, 1536, 1024), tuple(8, 2560, 128));
        assertThat(l.size()).isEqualTo(0xA80);
        assertThat(l.slot(8).supervisor()).isTrue();
    }

    @Test
    void sapphireRapidsCompactedLayoutAlignsTheTiles() {
        Layout l = Layout.compacted(TestCpus.builtin("sapphirerapids"), 0x602E7 | 0x100);
        assertThat(l.slots()).extracting(Layout.Slot::index, Layout.Slot::offset, Layout.Slot::size).containsExactly(
                tuple(0, 0, 160), tuple(1, 160, 256), tuple(2, 576, 256), tuple(5, 832, 64), tuple(6, 896, 512),
                tuple(7, 1408, 1024), tuple(8, 2432, 128), tuple(9, 2560, 8), tuple(17, 2624, 64),
                tuple(18, 2688, 8192));
        assertThat(l.size()).isEqualTo(0x2A80);
        // Without PT, PKRU ends at 2440; TILECFG rounds up to 2496, TILEDATA follows at 2560 -> 10752.
        Layout noPt = Layout.compacted(TestCpus.builtin("sapphirerapids"), 0x602E7);
        assertThat(noPt.offsetOf(9)).isEqualTo(2432);
        assertThat(noPt.offsetOf(17)).isEqualTo(2496);
        assertThat(noPt.offsetOf(18)).isEqualTo(2560);
        assertThat(noPt.size()).isEqualTo(10752);
        // Only TILEDATA: the first extended component is at 576.
        assertThat(Layout.compacted(TestCpus.builtin("sapphirerapids"), 1L << 18).offsetOf(18)).isEqualTo(576);
    }

    @Test
    void genoaCompactedLayout() {
        Layout l = Layout.compacted(TestCpus.builtin("genoa"), 0x2E7 | 0x1800);
        assertThat(l.slots()).extracting(Layout.Slot::index, Layout.Slot::offset, Layout.Slot::size).containsExactly(
                tuple(0, 0, 160), tuple(1, 160, 256), tuple(2, 576, 256), tuple(5, 832, 64), tuple(6, 896, 512),
                tuple(7, 1408, 1024), tuple(9, 2432, 8), tuple(11, 2440, 16), tuple(12, 2456, 24));
        assertThat(l.size()).isEqualTo(2480);
    }

    @Test
    void xcr0ThreeIsLegacyAndHeaderOnly() {
        for (String name : List.of("cascadelake-server", "icelake-server", "sapphirerapids", "genoa")) {
            CpuModel cpu = TestCpus.builtin(name);
            assertThat(cpu.leafD(0, 0x3, 0).ebx()).isEqualTo(576);
            assertThat(cpu.leafD(1, 0x3, 0).ebx()).isEqualTo(576);
            assertThat(cpu.leafD(0, 0x7, 0).ebx()).isEqualTo(0x340);
        }
    }

    @Test
    void broadwellEpHasXsaveoptButNoXsavecMpxOrPku() {
        CpuModel cpu = TestCpus.builtin("broadwell-ep");
        assertThat(cpu.raw(0xD, 1)).isEqualTo(new CpuidRegs(0x1, 0, 0, 0));
        assertThat(cpu.hasXsaveopt()).isTrue();
        assertThat(cpu.hasXsavec()).isFalse();
        assertThat(cpu.hasXsaves()).isFalse();
        assertThat(cpu.hasMpx()).isFalse();
        assertThat(cpu.hasPku()).isFalse();
        assertThat(cpu.processor()).isEqualTo("Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz");
    }

    @Test
    void sandyBridgeUntaggedSubleavesAndNoXsavec() {
        CpuModel cpu = TestCpus.dump("sandybridge.txt");
        assertThat(cpu.raw(0xD, 0)).isEqualTo(new CpuidRegs(0x7, 0x340, 0x340, 0));
        assertThat(cpu.raw(0xD, 2)).isEqualTo(new CpuidRegs(0x100, 0x240, 0, 0));
        assertThat(cpu.raw(0xD, 1)).isEqualTo(CpuidRegs.ZERO);
        assertThat(cpu.hasXsave()).isTrue();
        assertThat(cpu.hasAvx()).isTrue();
        assertThat(cpu.hasXsavec()).isFalse();
        assertThat(cpu.hasXsaves()).isFalse();
        assertThat(cpu.hasXgetbv1()).isFalse();
        // Untagged leaf 4 lines count sub-leaves in order.
        assertThat(cpu.raw(4, 3)).isEqualTo(new CpuidRegs(0x1C03C163, 0x02C0003F, 0x00001FFF, 0x6));
        assertThat(cpu.processor()).isEqualTo("Intel(R) Core(TM) i5-2400 CPU @ 3.10GHz");

        Machine m = TestCpus.machine(cpu, 0x7, 0);
        XsaveArea area = XsaveArea.allocate(0x340);
        byte[] before = area.bytes().clone();
        Outcome o = m.xsavec(area, -1L);
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.UD);
        assertThat(o.fault().rule()).contains("XSAVEC");
        assertThat(area.bytes()).isEqualTo(before);
        assertThat(m.xsaves(area, -1L).fault().vector()).isEqualTo(Fault.Vector.UD);
        assertThat(m.xrstors(area, -1L).fault().vector()).isEqualTo(Fault.Vector.UD);
        assertThat(m.xgetbv(1).fault().vector()).isEqualTo(Fault.Vector.GP);
        // XSAVE works and puts AVX at 0x240.
        m.setRegister(2, TestCpus.filled(256, 0x5C));
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(area.slice(0x240, 256)).isEqualTo(TestCpus.filled(256, 0x5C));
        assertThat(area.xstateBv()).isEqualTo(0x4);
        // A compacted header on a CPU without XSAVEC: the standard form runs and bytes 23:8 fault.
        XsaveArea c = XsaveArea.allocate(0x340);
        c.setXcompBv(0x8000000000000007L);
        assertThat(m.xrstor(c, -1L).fault().vector()).isEqualTo(Fault.Vector.GP);
    }

    @Test
    void nehalemHasNoXsave() {
        CpuModel cpu = TestCpus.dump("nehalem.txt");
        assertThat(cpu.hasXsave()).isFalse();
        assertThat(cpu.supportedXcr0()).isZero();
        assertThat(cpu.leafD(0, 1, 0)).isEqualTo(CpuidRegs.ZERO);
        Machine m = new Machine(cpu);
        assertThat(m.osxsave()).isFalse();
        Outcome set = m.xsetbv(0, 1);
        assertThat(set.fault().vector()).isEqualTo(Fault.Vector.UD);
        assertThat(set.fault().rule()).contains("XSAVE[bit 26] = 0");
        assertThat(m.xgetbv(0).fault().vector()).isEqualTo(Fault.Vector.UD);
        // kvm-unit-tests: MOV to CR4 setting OSXSAVE without XSAVE is #GP.
        assertThat(m.setOsxsave(true).fault().vector()).isEqualTo(Fault.Vector.GP);
        assertThat(m.osxsave()).isFalse();
        assertThat(m.xsave(XsaveArea.allocate(4096), -1L).fault().vector()).isEqualTo(Fault.Vector.UD);
        assertThat(m.xrstor(XsaveArea.allocate(4096), -1L).fault().vector()).isEqualTo(Fault.Vector.UD);
    }

    @Test
    void cpuidRawDumpGivesTheSameModelAsTheInstLatx64Dump() {
        CpuModel raw = TestCpus.dump("cascadelake-cpuid-r.txt");
        CpuModel ilx = TestCpus.builtin("cascadelake-server");
        assertThat(raw.leaves()).isEqualTo(ilx.leaves());
        assertThat(raw.processor()).isEqualTo(ilx.processor());
        assertThat(raw.name()).isEqualTo("cascadelake-cpuid-r");
        assertThat(raw.hasMpx()).isTrue();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
