package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.function.Function;

import static dev.kimpact.xsave.TestCpus.filled;
import static dev.kimpact.xsave.TestCpus.pattern;
import static org.assertj.core.api.Assertions.assertThat;

/** XSAVE family and XRSTOR family semantics, byte by byte (SDM Vol. 1 §13.7-§13.12, XSAVE.md §3, Part 2 §1). */
class SaveRestoreTest {

    private static final long C = 1L << 63;   // XCOMP_BV[63]: compacted form

    private static Machine clx(long xcr0, long xss) {
        return TestCpus.machine(TestCpus.builtin("cascadelake-server"), xcr0, xss);
    }

    private static Machine spr() {
        return TestCpus.machine(TestCpus.builtin("sapphirerapids"), 0x602E7, 0x100);
    }

    /** Cascade Lake with every user component of 0xFF out of init, MXCSR 0x1FC0, PT set. */
    private static Machine dirtyClx(long xcr0, long xss) {
        Machine m = clx(xcr0, xss);
        byte[] x87 = pattern(160, 0x10);
        m.setRegister(0, x87);
        m.setRegister(1, pattern(256, 0x40));
        m.setRegister(2, pattern(256, 0x80));
        m.setRegister(3, pattern(64, 0x03));
        m.setRegister(4, pattern(64, 0x04));
        m.setRegister(5, pattern(64, 0x05));
        m.setRegister(6, pattern(512, 0x06));
        m.setRegister(7, pattern(1024, 0x07));
        m.setRegister(8, pattern(128, 0x08));
        m.setRegister(9, pattern(8, 0x09));
        assertThat(m.ldmxcsr(0x1FC0).ok()).isTrue();
        return m;
    }

    private static void assertRange(byte[] mem, int from, int to, int value) {
        byte[] expect = filled(to - from, value);
        assertThat(Arrays.copyOfRange(mem, from, to)).as("bytes %d..%d", from, to - 1).isEqualTo(expect);
    }

    // ---- XSAVEC of an init component (amx_test) ----------------------------------------------------------

    @Test
    void xsavecOfInitTiledataClearsXstateBvButKeepsXcompBv() {
        Machine m = spr();
        m.setRegister(17, pattern(64, 1));
        m.setRegister(18, pattern(8192, 2));
        XsaveArea area = new XsaveArea(filled(0x2A80, 0xAA), 0x4000);
        assertThat(m.xsavec(area, 1L << 18).ok()).isTrue();
        assertThat(area.xstateBv()).isEqualTo(1L << 18);
        assertThat(area.xcompBv()).isEqualTo(0x8000000000040000L);
        assertThat(area.slice(576, 8192)).isEqualTo(pattern(8192, 2));   // the only component: at 576

        // TILERELEASE: both back to init.
        m.setRegister(18, new byte[8192]);
        m.setRegister(17, new byte[64]);
        area = new XsaveArea(filled(0x2A80, 0xAA), 0x4000);
        assertThat(m.xsavec(area, 1L << 18).ok()).isTrue();
        assertThat(area.xstateBv()).as("XSTATE_BV[18] = 0 after TILERELEASE").isZero();
        assertThat(area.xcompBv()).as("XCOMP_BV[18] = 1").isEqualTo(0x8000000000040000L);
        assertRange(area.bytes(), 576, 576 + 8192, 0xAA);               // not written
        assertRange(area.bytes(), 0, 512, 0xAA);
        assertRange(area.bytes(), 512 + 16, 576, 0xAA);                  // header reserved bytes untouched

        // With IA32_XFD[18] = 1 and TILEDATA not in init, XSAVEC saves it as if XINUSE[18] = 0.
        m.setRegister(18, pattern(8192, 3));
        assertThat(m.writeXfd(1L << 18).ok()).isTrue();
        area = new XsaveArea(filled(0x2A80, 0xAA), 0x4000);
        assertThat(m.xsavec(area, 1L << 18).ok()).isTrue();
        assertThat(area.xstateBv()).isZero();
        assertThat(area.xcompBv()).isEqualTo(0x8000000000040000L);
        assertRange(area.bytes(), 576, 576 + 8192, 0xAA);
    }

    @Test
    void xsavecWritesTheWholeLayoutAtCompactedOffsets() {
        Machine m = spr();
        m.setRegister(2, pattern(256, 0x20));
        m.setRegister(5, pattern(64, 0x50));
        m.setRegister(9, pattern(8, 0x90));
        m.setRegister(17, pattern(64, 0x17));
        m.setRegister(18, pattern(8192, 0x18));
        XsaveArea area = new XsaveArea(new byte[0x2A80], 0x8000);
        // EDX:EAX = all ones, RFBM = XCR0 = 0x602E7 (PT is in IA32_XSS, not saved by XSAVEC).
        assertThat(m.xsavec(area, -1L).ok()).isTrue();
        assertThat(area.xcompBv()).isEqualTo(0x80000000000602E7L);
        assertThat(area.xstateBv()).isEqualTo(0x60224L);
        assertThat(area.slice(576, 256)).isEqualTo(pattern(256, 0x20));
        assertThat(area.slice(832, 64)).isEqualTo(pattern(64, 0x50));
        assertRange(area.bytes(), 896, 2432, 0);                         // ZMM parts in init: not written
        assertThat(area.slice(2432, 8)).isEqualTo(pattern(8, 0x90));     // PKRU right after Hi16_ZMM
        assertThat(area.slice(2496, 64)).isEqualTo(pattern(64, 0x17));   // TILECFG rounded up to 64
        assertThat(area.slice(2560, 8192)).isEqualTo(pattern(8192, 0x18));
        // MXCSR = 1F80H and XMM in init: SSE not saved, XSTATE_BV[1] = 0.
        assertRange(area.bytes(), 24, 32, 0);
    }

    // ---- XRSTOR initializes components whose XSTATE_BV bit is 0 -----------------------------------------

    @Test
    void standardXrstorInitializesComponentsNotInXstateBv() {
        Machine m = dirtyClx(0xFF, 0);
        XsaveArea area = XsaveArea.allocate(0xA80);
        area.writeInt(24, 0x1F80);
        // XSTATE_BV = 0: every RFBM component goes to its initial configuration.
        assertThat(m.xrstor(area, -1L).ok()).isTrue();
        byte[] x87Init = new byte[160];
        x87Init[0] = 0x7F;
        x87Init[1] = 0x03;
        assertThat(m.register(0)).isEqualTo(x87Init);
        for (int i = 1; i <= 7; i++) {
            assertThat(m.isInit(i)).as("component %d", i).isTrue();
            assertThat(m.register(i)).isEqualTo(new byte[m.register(i).length]);
        }
        assertThat(m.register(9)).as("PKRU not in XCR0: untouched").isEqualTo(pattern(8, 0x09));
        assertThat(m.mxcsr()).isEqualTo(0x1F80);
        assertThat(m.xgetbv(1).value()).isZero();
    }

    @Test
    void compactedXrstorInitializesEvenComponentsAbsentFromXcompBv() {
        Machine m = dirtyClx(0xFF, 0);
        XsaveArea area = XsaveArea.allocate(576);
        byte[] mem = area.bytes();
        System.arraycopy(pattern(160, 0x61), 0, mem, 0, 160);
        System.arraycopy(pattern(256, 0x62), 0, mem, 160, 256);
        area.writeInt(24, 0x1F00);
        area.writeInt(28, 0x12345678);                 // MXCSR_MASK: ignored by XRSTOR
        area.setXstateBv(0x3);
        area.setXcompBv(C | 0x3);
        assertThat(m.xrstor(area, 0xFF).ok()).isTrue();
        byte[] x87 = pattern(160, 0x61);
        Arrays.fill(x87, 24, 32, (byte) 0);
        assertThat(m.register(0)).isEqualTo(x87);
        assertThat(m.register(1)).isEqualTo(pattern(256, 0x62));
        assertThat(m.mxcsr()).isEqualTo(0x1F00);
        for (int i = 2; i <= 7; i++) {
            assertThat(m.isInit(i)).as("component %d initialized although XCOMP_BV[%d] = 0", i, i).isTrue();
        }
        assertThat(m.xrstorInfo()).isEqualTo(new Machine.XrstorInfo(0, false, 0x1000, C | 0x3));
    }

    @Test
    void xrstorWithZeroRfbmChangesNoRegisterAndSetsEveryXmodifiedBit() {
        Machine m = dirtyClx(0xFF, 0);
        TestCpus.State before = TestCpus.State.of(m);
        XsaveArea area = XsaveArea.allocate(0xA80);
        area.writeInt(24, 0x1F80);
        assertThat(m.xrstor(area, 0x200).ok()).isTrue();     // PKRU not in XCR0: RFBM = 0
        assertThat(m.register(0)).isEqualTo(before.regs().get(0));
        for (int i = 0; i < 10; i++) {
            assertThat(m.register(i)).isEqualTo(before.regs().get(i));
        }
        assertThat(m.mxcsr()).isEqualTo(0x1FC0);
        assertThat(m.xmodified()).isEqualTo(-1L);
        assertThat(m.xinuse()).isEqualTo(before.xinuse());
    }

    // ---- MXCSR -----------------------------------------------------------------------------------------

    @Test
    void standardFormLoadsMxcsrWheneverRfbm1OrRfbm2RegardlessOfXstateBv() {
        for (long rfbm : new long[] {0x2, 0x4, 0x6, 0xFF}) {
            Machine m = dirtyClx(0xFF, 0);
            XsaveArea area = XsaveArea.allocate(0xA80);
            area.writeInt(24, 0x9FC0);
            area.setXstateBv(0);
            assertThat(m.xrstor(area, rfbm).ok()).isTrue();
            assertThat(m.mxcsr()).as("RFBM %x", rfbm).isEqualTo(0x9FC0);
            // XMM registers: initialized only with RFBM[1].
            assertThat(m.isInit(1)).isEqualTo((rfbm & 2) != 0);
        }
        Machine m = dirtyClx(0xFF, 0);
        XsaveArea area = XsaveArea.allocate(0xA80);
        area.writeInt(24, 0x9FC0);
        assertThat(m.xrstor(area, 0x1).ok()).isTrue();
        assertThat(m.mxcsr()).as("RFBM[2:1] = 0: MXCSR untouched").isEqualTo(0x1FC0);
    }

    @Test
    void compactedFormInitializesMxcsrWhenXstateBv1IsZero() {
        Machine m = dirtyClx(0xFF, 0);
        XsaveArea area = XsaveArea.allocate(0xA00);
        area.writeInt(24, 0x9FC0);
        area.setXcompBv(C | 0x6);
        area.setXstateBv(0x4);
        System.arraycopy(pattern(256, 0x33), 0, area.bytes(), 576, 256);
        assertThat(m.xrstor(area, 0x6).ok()).isTrue();
        assertThat(m.mxcsr()).isEqualTo(0x1F80);
        assertThat(m.register(2)).isEqualTo(pattern(256, 0x33));
        assertThat(m.isInit(1)).isTrue();

        // RFBM[1] = 0: MXCSR neither loaded nor initialized (RFBM[2] is not considered).
        m = dirtyClx(0xFF, 0);
        area.setXstateBv(0x6);
        assertThat(m.xrstor(area, 0x4).ok()).isTrue();
        assertThat(m.mxcsr()).isEqualTo(0x1FC0);

        // RFBM[1] = XSTATE_BV[1] = 1: loaded.
        assertThat(m.xrstor(area, 0x2).ok()).isTrue();
        assertThat(m.mxcsr()).isEqualTo(0x9FC0);
    }

    @Test
    void saveOfMxcsr() {
        // XSAVE: MXCSR and MXCSR_MASK with RFBM[1] or RFBM[2]; never with RFBM = x87 only.
        for (long rfbm : new long[] {0x1, 0x2, 0x4}) {
            Machine m = dirtyClx(0xFF, 0);
            XsaveArea area = new XsaveArea(filled(0xA80, 0xEE), 0x1000);
            assertThat(m.xsave(area, rfbm).ok()).isTrue();
            if (rfbm == 0x1) {
                assertRange(area.bytes(), 24, 32, 0xEE);
                assertThat(area.slice(0, 24)).isEqualTo(pattern(24, 0x10));
                assertThat(area.slice(32, 128)).isEqualTo(Arrays.copyOfRange(pattern(160, 0x10), 32, 160));
            } else {
                assertThat(area.readInt(24)).isEqualTo(0x1FC0);
                assertThat(area.readInt(28)).isEqualTo(0xFFFF);
                assertRange(area.bytes(), 0, 24, 0xEE);
            }
            if (rfbm != 0x2) {
                assertRange(area.bytes(), 160, 416, 0xEE);
            }
        }
        // XSAVEC: MXCSR only with SSE; XSTATE_BV[1] = 1 when MXCSR != 1F80H although the XMM registers are init.
        Machine m = clx(0xFF, 0);
        assertThat(m.ldmxcsr(0x1FC0).ok()).isTrue();
        XsaveArea area = new XsaveArea(filled(0xA00, 0xEE), 0x1000);
        assertThat(m.xsavec(area, 0x4).ok()).isTrue();
        assertRange(area.bytes(), 24, 32, 0xEE);
        assertThat(area.xstateBv()).isZero();
        area = new XsaveArea(filled(0xA00, 0xEE), 0x1000);
        assertThat(m.xsavec(area, 0x6).ok()).isTrue();
        assertThat(area.xstateBv()).isEqualTo(0x2);
        assertThat(area.readInt(24)).isEqualTo(0x1FC0);
        assertThat(area.readInt(28)).isEqualTo(0xFFFF);
        assertRange(area.bytes(), 160, 416, 0);                  // "saves all of state component 1"
        assertRange(area.bytes(), 576, 832, 0xEE);               // AVX in init: not saved
        assertThat(m.ldmxcsr(0x1F80).ok()).isTrue();
        area = new XsaveArea(filled(0xA00, 0xEE), 0x1000);
        assertThat(m.xsavec(area, 0x6).ok()).isTrue();
        assertThat(area.xstateBv()).isZero();
        assertRange(area.bytes(), 0, 512, 0xEE);
    }

    // ---- what the save instructions leave alone ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"xsave", "xsaveopt", "xsavec", "xsaves"})
    void saveLeavesBytes416To511AndHeaderReservedBytesAlone(String insn) {
        Machine m = dirtyClx(0x2FF, 0x100);
        XsaveArea area = new XsaveArea(filled(0xB00, 0x5A), 0x1000);
        Outcome o = switch (insn) {
            case "xsave" -> m.xsave(area, -1L);
            case "xsaveopt" -> m.xsaveopt(area, -1L);
            case "xsavec" -> m.xsavec(area, -1L);
            default -> m.xsaves(area, -1L);
        };
        assertThat(o.ok()).isTrue();
        assertRange(area.bytes(), 416, 512, 0x5A);
        assertRange(area.bytes(), 512 + 16, 576, 0x5A);
        if (insn.startsWith("xsave") && !insn.equals("xsavec") && !insn.equals("xsaves")) {
            assertRange(area.bytes(), 520, 528, 0x5A);           // XSAVE/XSAVEOPT never write XCOMP_BV
            assertThat(area.xstateBv()).isEqualTo(0x5A5A5A5A5A5A5A5AL & ~0x2FFL | 0x2FFL);
            assertThat(area.slice(0xA80, 8)).isEqualTo(pattern(8, 0x09));
        } else {
            assertThat(area.xcompBv()).isEqualTo(insn.equals("xsaves") ? C | 0x3FF : C | 0x2FF);
            assertThat(area.xstateBv()).isEqualTo(insn.equals("xsaves") ? 0x3FF : 0x2FF);
        }
    }

    @Test
    void xsaveStandardFormLeavesTheMpxHoleAndGapsAlone() {
        Machine m = spr();
        for (int i : new int[] {2, 5, 6, 7, 9, 17, 18}) {
            m.setRegister(i, filled(m.register(i).length, 0x11 * (i % 15 + 1)));
        }
        XsaveArea area = new XsaveArea(filled(0x2B00, 0x5A), 0x1000);
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertRange(area.bytes(), 0x3C0, 0x440, 0x5A);          // the former MPX area
        assertRange(area.bytes(), 0xA88, 0xAC0, 0x5A);          // between PKRU and TILECFG
        assertRange(area.bytes(), 0x440, 0x480, 0x66);          // opmask (5): 0x11 * 6
        assertRange(area.bytes(), 0xB00, 0x2B00, 0x44);         // TILEDATA (18): 0x11 * 4
        assertThat(area.xstateBv()).isEqualTo(0x5A5A5A5A5A5E5AFCL);   // 0x5A.. & ~0x602E7 | 0x602E4
    }

    @Test
    void xsaveReadModifyWritesXstateBv() {
        Machine m = clx(0x2FF, 0);
        m.setRegister(1, pattern(256, 1));                          // XINUSE = {sse}
        XsaveArea area = XsaveArea.allocate(0xA88);
        area.setXstateBv(0xFFFF_FFFF_FFFF_FFFFL);
        assertThat(m.xsave(area, 0x7).ok()).isTrue();
        assertThat(area.xstateBv()).isEqualTo(0xFFFF_FFFF_FFFF_FFFAL);
        area.setXstateBv(0x8000_0000_0000_0300L);
        m.setRegister(9, pattern(8, 1));
        assertThat(m.xsave(area, 0x200).ok()).isTrue();
        assertThat(area.xstateBv()).isEqualTo(0x8000_0000_0000_0300L);
        m.setRegister(9, new byte[8]);
        assertThat(m.xsave(area, 0x201).ok()).isTrue();
        assertThat(area.xstateBv()).isEqualTo(0x8000_0000_0000_0100L);
        // RFBM bits outside XCR0 do not count: XCR0 = 0x3, EDX:EAX = all ones.
        assertThat(m.xsetbv(0, 0x3).ok()).isTrue();
        area.setXstateBv(0x7C);
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(area.xstateBv()).isEqualTo(0x7E);
        // XSAVEC and XSAVES write XSTATE_BV without reading it.
        area.setXstateBv(0x7C);
        assertThat(m.xsavec(area, -1L).ok()).isTrue();
        assertThat(area.xstateBv()).isEqualTo(0x2);
        assertThat(area.xcompBv()).isEqualTo(C | 0x3);
    }

    // ---- XSAVEOPT ------------------------------------------------------------------------------------------

    @Test
    void xsaveoptInitOptimizationSkipsInitComponents() {
        Machine m = clx(0xFF, 0);
        m.setRegister(5, pattern(64, 0x55));
        XsaveArea area = new XsaveArea(filled(0xA80, 0xCC), 0x1000);
        assertThat(m.xsaveopt(area, -1L).ok()).isTrue();
        assertRange(area.bytes(), 0, 24, 0xCC);                     // x87 in init: skipped
        assertRange(area.bytes(), 32, 416, 0xCC);                   // XMM in init: skipped
        assertThat(area.readInt(24)).isEqualTo(0x1F80);             // MXCSR always saved
        assertThat(area.readInt(28)).isEqualTo(0xFFFF);
        assertRange(area.bytes(), 0x240, 0x440, 0xCC);
        assertThat(area.slice(0x440, 64)).isEqualTo(pattern(64, 0x55));
        assertRange(area.bytes(), 0x480, 0xA80, 0xCC);
        assertThat(area.xstateBv()).isEqualTo(0xCCCCCCCCCCCCCCCCL & ~0xFFL | 0x20L);

        // XSAVE writes them all, init values included.
        area = new XsaveArea(filled(0xA80, 0xCC), 0x1000);
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(area.readInt(0)).isEqualTo(0x0000037F);
        assertRange(area.bytes(), 4, 24, 0);
        assertRange(area.bytes(), 32, 416, 0);
        assertRange(area.bytes(), 0x240, 0x340, 0);
        assertRange(area.bytes(), 0x340, 0x3C0, 0xCC);              // the 128 bytes before BNDREGS: no component
        assertRange(area.bytes(), 0x3C0, 0x440, 0);
        assertThat(area.xstateBv()).isEqualTo(0xCCCCCCCCCCCCCCCCL & ~0xFFL | 0x20L);
    }

    @Test
    void xsaveoptModifiedOptimizationSkipsComponentsUnmodifiedSinceXrstorFromTheSameAddress() {
        Machine m = dirtyClx(0xFF, 0);
        XsaveArea area = XsaveArea.allocate(0xA80);
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(m.xrstor(area, -1L).ok()).isTrue();
        assertThat(m.xmodified()).isEqualTo(~0xFFL);
        assertThat(m.xrstorInfo()).isEqualTo(new Machine.XrstorInfo(0, false, 0x1000, 0));

        byte[] scribbled = area.bytes();
        Arrays.fill(scribbled, 0, 24, (byte) 0xEE);
        Arrays.fill(scribbled, 24, 32, (byte) 0xEE);
        Arrays.fill(scribbled, 0x240, 0x340, (byte) 0xEE);
        Arrays.fill(scribbled, 0x680, 0xA80, (byte) 0xEE);
        assertThat(m.xsaveopt(area, -1L).ok()).isTrue();
        assertRange(area.bytes(), 0, 24, 0xEE);                     // not modified: not rewritten
        assertRange(area.bytes(), 0x240, 0x340, 0xEE);
        assertRange(area.bytes(), 0x680, 0xA80, 0xEE);
        assertThat(area.readInt(24)).isEqualTo(0x1FC0);             // MXCSR is always saved
        assertThat(area.xstateBv()).isEqualTo(0xFF);

        // Modify AVX: only AVX is rewritten.
        m.setRegister(2, pattern(256, 0xA0));
        assertThat(m.xsaveopt(area, -1L).ok()).isTrue();
        assertThat(area.slice(0x240, 256)).isEqualTo(pattern(256, 0xA0));
        assertRange(area.bytes(), 0, 24, 0xEE);
        assertRange(area.bytes(), 0x680, 0xA80, 0xEE);

        // Another linear address: no optimization.
        XsaveArea other = new XsaveArea(area.bytes().clone(), 0x2000);
        assertThat(m.xsaveopt(other, -1L).ok()).isTrue();
        assertThat(other.slice(0x680, 1024)).isEqualTo(pattern(1024, 0x07));
        assertThat(other.slice(0, 24)).isEqualTo(pattern(24, 0x10));

        // Another CPL: no optimization.
        XsaveArea copy = new XsaveArea(area.bytes().clone(), 0x1000);
        m.setCpl(3);
        assertThat(m.xsaveopt(copy, -1L).ok()).isTrue();
        assertThat(copy.slice(0x680, 1024)).isEqualTo(pattern(1024, 0x07));
        m.setCpl(0);

        // VMX non-root differs: no optimization.
        copy = new XsaveArea(area.bytes().clone(), 0x1000);
        m.setVmxNonRoot(true);
        assertThat(m.xsaveopt(copy, -1L).ok()).isTrue();
        assertThat(copy.slice(0x680, 1024)).isEqualTo(pattern(1024, 0x07));
        m.setVmxNonRoot(false);

        // XSAVE never uses it.
        copy = new XsaveArea(area.bytes().clone(), 0x1000);
        assertThat(m.xsave(copy, -1L).ok()).isTrue();
        assertThat(copy.slice(0x680, 1024)).isEqualTo(pattern(1024, 0x07));
    }

    @Test
    void xsaveoptModifiedOptimizationNeedsAStandardXrstorCoveringTheComponent() {
        // XRSTOR with RFBM = 0x3 marks AVX (RFBM[2] = 0) modified.
        Machine m = dirtyClx(0xFF, 0);
        XsaveArea area = XsaveArea.allocate(0xA80);
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(m.xrstor(area, 0x3).ok()).isTrue();
        assertThat(m.xmodified()).isEqualTo(~0x3L);
        Arrays.fill(area.bytes(), 0x240, 0x340, (byte) 0xEE);
        Arrays.fill(area.bytes(), 160, 416, (byte) 0xEE);
        assertThat(m.xsaveopt(area, -1L).ok()).isTrue();
        assertThat(area.slice(0x240, 256)).isEqualTo(pattern(256, 0x80));
        assertRange(area.bytes(), 160, 416, 0xEE);

        // After a compacted XRSTOR from the same address (z != 0): no modified optimization.
        m = dirtyClx(0xFF, 0);
        area = XsaveArea.allocate(0xA80);
        assertThat(m.xsavec(area, -1L).ok()).isTrue();
        assertThat(m.xrstor(area, -1L).ok()).isTrue();
        assertThat(m.xrstorInfo().xcompBv()).isEqualTo(C | 0xFF);
        XsaveArea std = new XsaveArea(filled(0xA80, 0xEE), 0x1000);
        assertThat(m.xsaveopt(std, -1L).ok()).isTrue();
        assertThat(std.slice(0x680, 1024)).isEqualTo(pattern(1024, 0x07));

        // Quirk off: an implementation may always save.
        CpuModel noOpt = TestCpus.builtin("cascadelake-server").withQuirks(Quirks.DEFAULT.withModifiedOptimization(false));
        Machine n = TestCpus.machine(noOpt, 0xFF, 0);
        n.setRegister(7, pattern(1024, 0x07));
        area = XsaveArea.allocate(0xA80);
        assertThat(n.xsave(area, -1L).ok()).isTrue();
        assertThat(n.xrstor(area, -1L).ok()).isTrue();
        Arrays.fill(area.bytes(), 0x680, 0xA80, (byte) 0xEE);
        assertThat(n.xsaveopt(area, -1L).ok()).isTrue();
        assertThat(area.slice(0x680, 1024)).isEqualTo(pattern(1024, 0x07));
    }

    @Test
    void xsavesModifiedOptimizationNeedsTheSameRfbm() {
        Machine m = dirtyClx(0xFF, 0x100);
        XsaveArea area = XsaveArea.allocate(0xA80);
        assertThat(m.xsaves(area, -1L).ok()).isTrue();
        assertThat(area.xcompBv()).isEqualTo(C | 0x1FF);
        assertThat(m.xrstors(area, -1L).ok()).isTrue();
        assertThat(m.xrstorInfo()).isEqualTo(new Machine.XrstorInfo(0, false, 0x1000, C | 0x1FF));
        Arrays.fill(area.bytes(), 2560, 2688, (byte) 0xEE);          // PT slot
        assertThat(m.xsaves(area, -1L).ok()).isTrue();
        assertRange(area.bytes(), 2560, 2688, 0xEE);
        // XSAVEC never uses it.
        assertThat(m.xsetbv(0, 0xFF).ok()).isTrue();
        XsaveArea c = new XsaveArea(area.bytes().clone(), 0x1000);
        Arrays.fill(c.bytes(), 1536, 2560, (byte) 0xEE);
        assertThat(m.xsavec(c, -1L).ok()).isTrue();
        assertThat(c.slice(1536, 1024)).isEqualTo(pattern(1024, 0x07));
        // A different RFBM (z[62:0] != RFBM): everything in RFBM is written, at the new offsets.
        XsaveArea d = XsaveArea.allocate(0xA80);
        d.setXstateBv(0);
        assertThat(m.xsaves(d, 0x100).ok()).isTrue();
        assertThat(d.slice(576, 128)).isEqualTo(pattern(128, 0x08));
    }

    // ---- faults: each leaves the machine (and the area) exactly as it was -----------------------------------

    private static Machine primed() {
        Machine m = dirtyClx(0x7, 0x100);
        // A successful XRSTOR first, so that XMODIFIED and XRSTOR_INFO are not at their reset values.
        XsaveArea a = XsaveArea.allocate(0xA80);
        assertThat(m.xsave(a, 0x1).ok()).isTrue();
        assertThat(m.xrstor(a, 0x1).ok()).isTrue();
        m.setRegister(2, pattern(256, 0x77));
        return m;
    }

    private static Fault assertFaultChangesNothing(Machine m, XsaveArea area, Function<Machine, Outcome> insn,
                                                   Fault.Vector vector, String ruleFragment) {
        TestCpus.State before = TestCpus.State.of(m);
        byte[] mem = area.bytes().clone();
        Outcome o = insn.apply(m);
        assertThat(o.faulted()).as("expected %s (%s)", vector, ruleFragment).isTrue();
        assertThat(o.fault().vector()).isEqualTo(vector);
        assertThat(o.fault().rule()).contains(ruleFragment);
        assertThat(TestCpus.State.of(m)).isEqualTo(before);
        assertThat(area.bytes()).isEqualTo(mem);
        return o.fault();
    }

    /** A valid standard-form image of the primed machine with XCR0 = 7. */
    private static XsaveArea standardImage(Machine m) {
        XsaveArea a = XsaveArea.allocate(0xA80);
        assertThat(m.snapshot().xsave(a, -1L).ok()).isTrue();
        return a;
    }

    private static XsaveArea compactedImage(Machine m, long rfbm) {
        XsaveArea a = XsaveArea.allocate(0xA80);
        assertThat(m.snapshot().xsaves(a, rfbm).ok()).isTrue();
        return a;
    }

    @Test
    void misalignedAreaIsGp() {
        Machine m = primed();
        XsaveArea good = standardImage(m);
        for (long addr : new long[] {0x1008, 0x1010, 0x1020, 0x1001, 0x103F}) {
            XsaveArea bad = new XsaveArea(good.bytes().clone(), addr);
            assertFaultChangesNothing(m, bad, x -> x.xrstor(bad, -1L), Fault.Vector.GP, "64-byte");
            assertFaultChangesNothing(m, bad, x -> x.xrstors(bad, -1L), Fault.Vector.GP, "64-byte");
            assertFaultChangesNothing(m, bad, x -> x.xsave(bad, -1L), Fault.Vector.GP, "64-byte");
            assertFaultChangesNothing(m, bad, x -> x.xsaveopt(bad, -1L), Fault.Vector.GP, "64-byte");
            assertFaultChangesNothing(m, bad, x -> x.xsavec(bad, -1L), Fault.Vector.GP, "64-byte");
            assertFaultChangesNothing(m, bad, x -> x.xsaves(bad, -1L), Fault.Vector.GP, "64-byte");
        }
    }

    @Test
    void standardFormXstateBvMustBeInXcr0NotRfbm() {
        Machine m = primed();
        XsaveArea a = standardImage(m);
        a.setXstateBv(0x8 | 0x7);
        assertFaultChangesNothing(m, a, x -> x.xrstor(a, 0x7), Fault.Vector.GP, "not set in XCR0");
        a.setXstateBv(1L << 63);
        assertFaultChangesNothing(m, a, x -> x.xrstor(a, 0x7), Fault.Vector.GP, "not set in XCR0");
        // The check is against XCR0: a bit in XCR0 but not in RFBM is fine.
        a.setXstateBv(0x7);
        assertThat(m.xrstor(a, 0x3).ok()).isTrue();
        assertThat(m.register(2)).as("AVX not in RFBM: kept").isEqualTo(pattern(256, 0x77));
    }

    @Test
    void standardFormChecksHeaderBytes23To8ButNot63To24() {
        Machine m = primed();
        for (int b = 8; b < 24; b++) {
            XsaveArea a = standardImage(m);
            a.bytes()[512 + b] = (byte) 0x01;
            assertFaultChangesNothing(m, a, x -> x.xrstor(a, -1L), Fault.Vector.GP, "bytes 23:8");
        }
        XsaveArea a = standardImage(m);
        a.setXcompBv(0x3);                                   // nonzero XCOMP_BV without bit 63: standard form
        assertFaultChangesNothing(m, a, x -> x.xrstor(a, -1L), Fault.Vector.GP, "bytes 23:8");

        XsaveArea ok = standardImage(m);
        Arrays.fill(ok.bytes(), 512 + 24, 576, (byte) 0xFF);
        Machine want = m.snapshot();
        assertThat(m.xrstor(ok, -1L).ok()).isTrue();
        assertThat(m.register(2)).isEqualTo(want.register(2));
    }

    @Test
    void compactedFormHeaderFaults() {
        Machine m = primed();
        // XCOMP_BV bit not in XCR0 (XRSTOR) or XCR0 | IA32_XSS (XRSTORS).
        XsaveArea a = compactedImage(m, 0x7);
        a.setXcompBv(C | 0xF);
        assertFaultChangesNothing(m, a, x -> x.xrstor(a, -1L), Fault.Vector.GP, "not set in XCR0");
        assertFaultChangesNothing(m, a, x -> x.xrstors(a, -1L), Fault.Vector.GP, "not set in XCR0 | IA32_XSS");
        // PT (in IA32_XSS): XRSTORS accepts it, compacted XRSTOR does not.
        XsaveArea pt = compactedImage(m, 0x107);
        assertThat(pt.xcompBv()).isEqualTo(C | 0x107);
        assertFaultChangesNothing(m, pt, x -> x.xrstor(pt, -1L), Fault.Vector.GP, "not set in XCR0");
        assertThat(m.snapshot().xrstors(pt, -1L).ok()).isTrue();
        // ... and XRSTORS fails once IA32_XSS no longer has PT.
        Machine noPt = m.snapshot();
        assertThat(noPt.writeXss(0).ok()).isTrue();
        assertFaultChangesNothing(noPt, pt, x -> x.xrstors(pt, -1L), Fault.Vector.GP, "not set in XCR0 | IA32_XSS");

        // XSTATE_BV bit not in XCOMP_BV.
        XsaveArea b = compactedImage(m, 0x3);
        b.setXstateBv(0x7);
        assertFaultChangesNothing(m, b, x -> x.xrstor(b, -1L), Fault.Vector.GP, "not set in XCOMP_BV");
        assertFaultChangesNothing(m, b, x -> x.xrstors(b, -1L), Fault.Vector.GP, "not set in XCOMP_BV");

        // Bytes 63:16 must all be 0.
        for (int i = 16; i < 64; i++) {
            XsaveArea c = compactedImage(m, 0x7);
            c.bytes()[512 + i] = (byte) 0x80;
            assertFaultChangesNothing(m, c, x -> x.xrstor(c, -1L), Fault.Vector.GP, "bytes 63:16");
            assertFaultChangesNothing(m, c, x -> x.xrstors(c, -1L), Fault.Vector.GP, "bytes 63:16");
        }
    }

    @Test
    void xrstorsNeedsTheCompactedForm() {
        Machine m = primed();
        XsaveArea std = standardImage(m);
        assertThat(std.xcompBv()).isZero();
        assertFaultChangesNothing(m, std, x -> x.xrstors(std, -1L), Fault.Vector.GP, "XCOMP_BV[63] = 0");
        XsaveArea a = compactedImage(m, 0x7);
        a.setXcompBv(0x7);
        assertFaultChangesNothing(m, a, x -> x.xrstors(a, -1L), Fault.Vector.GP, "XCOMP_BV[63] = 0");
    }

    @Test
    void reservedMxcsrBitsAreGp() {
        Machine m = primed();
        for (long rfbm : new long[] {0x2, 0x4, 0x7}) {
            XsaveArea a = standardImage(m);
            a.writeInt(24, 0x0001_1F80);
            assertFaultChangesNothing(m, a, x -> x.xrstor(a, rfbm), Fault.Vector.GP, "reserved bits of MXCSR");
        }
        XsaveArea a = standardImage(m);
        a.writeInt(24, 0x0001_1F80);
        assertThat(m.snapshot().xrstor(a, 0x1).ok()).as("MXCSR not loaded with RFBM[2:1] = 0").isTrue();

        XsaveArea c = compactedImage(m, 0x7);
        assertThat(c.xstateBv() & 0x2).isEqualTo(0x2);
        c.writeInt(24, 0x8000_0000);
        assertFaultChangesNothing(m, c, x -> x.xrstor(c, -1L), Fault.Vector.GP, "reserved bits of MXCSR");
        assertFaultChangesNothing(m, c, x -> x.xrstors(c, -1L), Fault.Vector.GP, "reserved bits of MXCSR");
        // Compacted with XSTATE_BV[1] = 0: MXCSR is not read, it becomes 1F80H.
        c.setXstateBv(c.xstateBv() & ~0x2L);
        Machine n = m.snapshot();
        assertThat(n.xrstor(c, -1L).ok()).isTrue();
        assertThat(n.mxcsr()).isEqualTo(0x1F80);
        // LDMXCSR agrees.
        assertThat(m.ldmxcsr(0x10000).fault().vector()).isEqualTo(Fault.Vector.GP);
        assertThat(m.mxcsr()).isEqualTo(0x1FC0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void supervisorInstructionsAtCplAboveZeroAreGp(int cpl) {
        Machine m = primed();
        XsaveArea c = compactedImage(m, 0x107);
        m.setCpl(cpl);
        assertFaultChangesNothing(m, c, x -> x.xrstors(c, -1L), Fault.Vector.GP, "CPL > 0");
        assertFaultChangesNothing(m, c, x -> x.xsaves(c, -1L), Fault.Vector.GP, "CPL > 0");
        assertThat(m.writeXss(0).fault().vector()).isEqualTo(Fault.Vector.GP);
        // The user instructions work at any CPL.
        XsaveArea s = standardImage(m);
        assertThat(m.xsave(s, -1L).ok()).isTrue();
        assertThat(m.xrstor(s, -1L).ok()).isTrue();
        assertThat(m.xrstorInfo().cpl()).isEqualTo(cpl);
    }

    @Test
    void cr0TsIsNm() {
        Machine m = primed();
        XsaveArea s = standardImage(m);
        m.setCr0Ts(true);
        assertFaultChangesNothing(m, s, x -> x.xrstor(s, -1L), Fault.Vector.NM, "CR0.TS");
        assertFaultChangesNothing(m, s, x -> x.xsave(s, -1L), Fault.Vector.NM, "CR0.TS");
    }

    @Test
    void areaTooSmallIsPageFaultWithNothingChanged() {
        Machine m = primed();
        XsaveArea full = standardImage(m);
        XsaveArea small = new XsaveArea(Arrays.copyOf(full.bytes(), 0x300), 0x1000);   // AVX ends at 0x340
        assertFaultChangesNothing(m, small, x -> x.xrstor(small, -1L), Fault.Vector.PF, "XSAVE area");
        assertFaultChangesNothing(m, small, x -> x.xsave(small, -1L), Fault.Vector.PF, "XSAVE area");
        // XSTATE_BV[2] = 0: AVX is initialized, not read, so the short area is enough.
        small.setXstateBv(0x3);
        assertThat(m.xrstor(small, -1L).ok()).isTrue();
        assertThat(m.isInit(2)).isTrue();
    }

    @Test
    void xfdArmedComponentIsNmOnLoadAndInitOnSave() {
        Machine m = spr();
        m.setRegister(18, pattern(8192, 5));
        XsaveArea area = XsaveArea.allocate(0x2B00);
        assertThat(m.xsave(area, -1L).ok()).isTrue();
        assertThat(area.xstateBv() & (1L << 18)).isNotZero();
        assertThat(m.writeXfd(1L << 18).ok()).isTrue();
        assertFaultChangesNothing(m, area, x -> x.xrstor(area, -1L), Fault.Vector.NM, "IA32_XFD");
        // XSAVE saves the initial configuration with XSTATE_BV[18] = 0 (SDM §13.14).
        XsaveArea out = new XsaveArea(filled(0x2B00, 0xEE), 0x1000);
        assertThat(m.xsave(out, -1L).ok()).isTrue();
        assertThat(out.xstateBv() & (1L << 18)).isZero();
        assertRange(out.bytes(), 0xB00, 0x2B00, 0);
        // Initializing (XSTATE_BV[18] = 0) is fine.
        area.setXstateBv(area.xstateBv() & ~(1L << 18));
        assertThat(m.xrstor(area, -1L).ok()).isTrue();
        assertThat(m.isInit(18)).isTrue();
        // Writing the tiles with XFD armed is #NM.
        assertThat(m.write(XFeature.XTILEDATA, pattern(8192, 1)).fault().vector()).isEqualTo(Fault.Vector.NM);
    }
}
