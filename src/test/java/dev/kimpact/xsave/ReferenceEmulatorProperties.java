package dev.kimpact.xsave;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's save and restore path (one register file, slot tables, one copy per contiguous run of
 * components, XRSTOR_INFO kept as fields) against {@link Reference}: a straightforward model written from SDM
 * Vol. 1 §13.7–§13.12 that keeps every component in its own array, walks {@link Layout#slots()} of a freshly
 * computed layout component by component and predicts whether the instruction faults.
 *
 * <p>For every CPU model shipped (the built-in ones and the dumps under src/test/resources/cpuid) and seeded random
 * quirks, XCR0, IA32_XSS, IA32_XFD, CPL, register contents (init or not), MXCSR: sequences of random XSAVE,
 * XSAVEOPT, XSAVEC, XSAVES, XRSTOR and XRSTORS with random EDX:EAX on a few areas (two at the same address, so the
 * modified optimization applies) whose bytes are what earlier saves left, scribbled on, or random headers. After
 * every instruction: the same fault or success, the same bytes in the area and the same registers, XINUSE,
 * XMODIFIED, XRSTOR_INFO and MXCSR.
 */
class ReferenceEmulatorProperties {

    private static final int SEQUENCES_PER_MODEL = 40;
    private static final int STEPS = 24;

    static Stream<String> models() throws Exception {
        List<String> names = new ArrayList<>(CpuCatalog.BUILTIN);
        try (Stream<Path> dumps = Files.list(TestCpus.dumpPath("sandybridge.txt").getParent())) {
            dumps.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        return names.stream();
    }

    private static CpuModel model(String name) {
        return name.endsWith(".txt") ? TestCpus.dump(name) : TestCpus.builtin(name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void sameAsReference(String name) {
        CpuModel base = model(name);
        if (!base.hasXsave()) {
            return;     // Nehalem: every instruction is #UD, nothing to compare
        }
        SplittableRandom seeds = new SplittableRandom(name.hashCode());
        int succeeded = 0;
        for (int n = 0; n < SEQUENCES_PER_MODEL; n++) {
            succeeded += sequence(base, seeds.nextLong());
        }
        // The generator must mostly produce instructions that complete, or it would test only the fault checks.
        assertThat(succeeded).as("successful instructions").isGreaterThan(SEQUENCES_PER_MODEL * STEPS / 3);
    }

    /** One seeded sequence; returns how many of its instructions completed. */
    private static int sequence(CpuModel base, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Quirks q = Quirks.DEFAULT.withXinuse(Quirks.XinuseTracking.values()[r.nextInt(2)])
                .withModifiedOptimization(r.nextBoolean());
        CpuModel cpu = base.withQuirks(q);
        Machine m = TestCpus.machine(cpu, RoundTripProperties.xcr0(cpu, r.nextLong()),
                r.nextLong() & cpu.supportedXss());
        if (cpu.hasXfd() && r.nextInt(3) == 0) {
            long capable = 0;
            for (int i = 0; i < 64; i++) {
                capable |= cpu.xfdCapable(i) ? 1L << i : 0;
            }
            assertThat(m.writeXfd(r.nextLong() & capable).ok()).isTrue();
        }
        for (int i = 0; i < 64; i++) {
            if (m.register(i) != null && r.nextInt(3) != 0) {
                scribble(m, i, r);
            }
        }
        assertThat(m.ldmxcsr(r.nextInt(3) == 0 ? Machine.MXCSR_RESET : r.nextInt(0x10000)).ok()).isTrue();
        int size = Math.max(Layout.standard(cpu, -1L).size(), Layout.compacted(cpu, cpu.supportedAll()).size());
        XsaveArea[] areas = {
            new XsaveArea(new byte[size], 0x1000), new XsaveArea(new byte[size], 0x1000),
            new XsaveArea(new byte[size], 0x2000),
            // Too small for the larger components: #PF for some saves and restores, not all.
            new XsaveArea(new byte[Math.max(576, size / 2) & ~63], 0x3000),
        };
        int succeeded = 0;
        for (int step = 0; step < STEPS; step++) {
            XsaveArea area = areas[r.nextInt(areas.length)];
            disturb(m, area, r);
            int op = r.nextInt(6);
            if (!supported(cpu, op) && r.nextInt(4) != 0) {
                op = r.nextBoolean() ? 0 : 4;      // mostly instructions the CPU has: #UD is one check
            }
            long edxEax = switch (r.nextInt(4)) {
                case 0 -> -1L;
                case 1 -> m.xcr0() | m.xss();
                default -> r.nextLong();
            };
            String what = "seed " + Long.toHexString(seed) + " step " + step + " op " + op + " edx:eax "
                    + Long.toHexString(edxEax) + " on " + cpu.name() + " " + q;
            Reference ref = new Reference(m);
            byte[] expected = area.bytes().clone();
            boolean refOk = op < 4 ? ref.save(op, expected, area.address(), edxEax)
                    : ref.restore(op == 5, expected, area.address(), edxEax);
            Outcome o = switch (op) {
                case 0 -> m.xsave(area, edxEax);
                case 1 -> m.xsaveopt(area, edxEax);
                case 2 -> m.xsavec(area, edxEax);
                case 3 -> m.xsaves(area, edxEax);
                case 4 -> m.xrstor(area, edxEax);
                default -> m.xrstors(area, edxEax);
            };
            assertThat(o.ok()).as(what + ": " + o.fault()).isEqualTo(refOk);
            assertThat(area.bytes()).as(what + ": area").isEqualTo(expected);
            assertThat(TestCpus.State.of(m)).as(what + ": machine").isEqualTo(ref.state(m));
            succeeded += o.ok() ? 1 : 0;
        }
        return succeeded;
    }

    /** Whether the CPU has save (0 XSAVE .. 3 XSAVES) or restore (4 XRSTOR, 5 XRSTORS) instruction {@code op}. */
    private static boolean supported(CpuModel cpu, int op) {
        return switch (op) {
            case 1 -> cpu.hasXsaveopt();
            case 2 -> cpu.hasXsavec();
            case 3, 5 -> cpu.hasXsaves();
            default -> true;
        };
    }

    /** Between instructions: a register write, CPL, or the area's bytes and header changed now and then. */
    private static void disturb(Machine m, XsaveArea area, SplittableRandom r) {
        switch (r.nextInt(10)) {
            case 0 -> {
                int i = r.nextInt(20);
                if (m.register(i) != null) {
                    scribble(m, i, r);
                }
            }
            case 1 -> {
                int i = r.nextInt(20);
                if (m.register(i) != null) {
                    m.setRegister(i, Machine.initValue(i, m.register(i).length));
                }
            }
            case 2 -> m.setCpl(m.cpl() == 0 && r.nextInt(3) == 0 ? 3 : 0);
            case 3 -> area.bytes()[r.nextInt(area.length())] ^= (byte) (1 + r.nextInt(255));
            case 4 -> area.setXstateBv(r.nextBoolean() ? r.nextLong() : r.nextLong() & (m.xcr0() | m.xss()));
            case 5 -> area.setXcompBv(r.nextBoolean() ? (m.xcr0() | 1L << 63) : r.nextLong());
            case 6 -> area.writeInt(24, r.nextBoolean() ? Machine.MXCSR_RESET : r.nextInt());
            default -> {
            }
        }
    }

    private static void scribble(Machine m, int i, SplittableRandom r) {
        byte[] v = m.register(i);
        for (int b = 0; b < v.length; b++) {
            v[b] = (byte) r.nextInt(256);
        }
        m.setRegister(i, v);
    }

    /**
     * The reference: the machine's state before an instruction, with one array per component, and the instruction
     * applied the plain way (SDM Vol. 1 §13.7–§13.12; docs/EMULATOR.md §1.3 and §1.4 for what the SDM leaves
     * open). Layouts are computed afresh ({@link Layout#standard}, {@link Layout#compacted}), never memoised.
     */
    static final class Reference {
        private final CpuModel cpu;
        private final long xcr0;
        private final long xss;
        private final long xfd;
        private final int cpl;
        private final boolean vmxNonRoot;
        private final byte[][] regs = new byte[64][];
        private long xinuse;
        private long xmodified;
        private Machine.XrstorInfo info;
        private int mxcsr;

        Reference(Machine m) {
            cpu = m.cpu();
            xcr0 = m.xcr0();
            xss = m.xss();
            xfd = m.xfd();
            cpl = m.cpl();
            vmxNonRoot = m.inVmxNonRoot();
            for (int i = 0; i < 64; i++) {
                regs[i] = m.register(i);
            }
            xinuse = m.xinuse();
            xmodified = m.xmodified();
            info = m.xrstorInfo();
            mxcsr = m.mxcsr();
        }

        /** The machine's state as the reference predicts it: {@code m}'s control state, the reference's rest. */
        TestCpus.State state(Machine m) {
            return new TestCpus.State(m.xcr0(), m.xss(), m.xfd(), m.cpl(), m.osxsave(), mxcsr, xinuse, xmodified,
                    info, Arrays.asList(regs), m.cr0Ts(), m.inVmxNonRoot(), m.cr4Pke());
        }

        private boolean infoIs(long address, long xcompBv) {
            return info != null && info.cpl() == cpl && info.vmxNonRoot() == vmxNonRoot && info.address() == address
                    && info.xcompBv() == xcompBv;
        }

        /** XSAVE (0), XSAVEOPT (1), XSAVEC (2), XSAVES (3) into {@code mem}; false if it faults. */
        boolean save(int op, byte[] mem, long address, long edxEax) {
            if (!supported(cpu, op) || op == 3 && cpl != 0) {
                return false;
            }
            long rfbm = edxEax & (xcr0 | (op == 3 ? xss : 0));
            long inuse = xinuse & ~(xfd & xcr0);
            if (op < 2) {
                Layout l = Layout.standard(cpu, rfbm);
                if (mem.length < l.size()) {
                    return false;
                }
                boolean opt = op == 1;
                boolean modOpt = opt && cpu.quirks().modifiedOptimization() && infoIs(address, 0);
                for (Layout.Slot s : l.slots()) {
                    long bit = 1L << s.index();
                    if (opt && (inuse & bit) == 0 || modOpt && (xmodified & bit) == 0) {
                        continue;
                    }
                    byte[] value = (xfd & xcr0 & bit) != 0 ? Machine.initValue(s.index(), s.size()) : regs[s.index()];
                    put(mem, s, value);
                }
                if ((rfbm & 0x6) != 0) {
                    putInt(mem, 24, mxcsr);
                    putInt(mem, 28, cpu.quirks().mxcsrMask());
                }
                putLong(mem, 512, (getLong(mem, 512) & ~rfbm) | (inuse & rfbm));
                return true;
            }
            long xstateBv = rfbm & inuse;
            if ((rfbm & 2) != 0 && mxcsr != Machine.MXCSR_RESET) {
                xstateBv |= 2;
            }
            long xcompBv = rfbm | 1L << 63;
            Layout l = Layout.compacted(cpu, rfbm);
            if (mem.length < l.size()) {
                return false;
            }
            boolean modOpt = op == 3 && cpu.quirks().modifiedOptimization() && infoIs(address, xcompBv);
            for (Layout.Slot s : l.slots()) {
                long bit = 1L << s.index();
                if ((xstateBv & bit) != 0 && !(modOpt && (xmodified & bit) == 0)) {
                    put(mem, s, regs[s.index()]);
                }
            }
            if ((xstateBv & 2) != 0) {
                putInt(mem, 24, mxcsr);
                putInt(mem, 28, cpu.quirks().mxcsrMask());
            }
            putLong(mem, 512, xstateBv);
            putLong(mem, 520, xcompBv);
            return true;
        }

        /** XRSTOR or XRSTORS from {@code mem}; false if it faults. */
        boolean restore(boolean xrstors, byte[] mem, long address, long edxEax) {
            if (!supported(cpu, xrstors ? 5 : 4) || xrstors && cpl != 0) {
                return false;
            }
            long xstateBv = getLong(mem, 512);
            long xcompBv = getLong(mem, 520);
            boolean compacted = xrstors || cpu.hasXsavec() && xcompBv < 0;
            long enabled = xcr0 | (xrstors ? xss : 0);
            if (compacted) {
                if (xcompBv >= 0 || (xcompBv & ~(1L << 63) & ~enabled) != 0 || (xstateBv & ~xcompBv) != 0
                        || !zero(mem, 528, 576)) {
                    return false;
                }
            } else if (xcompBv < 0 && !cpu.hasXsavec() || (xstateBv & ~xcr0) != 0 || !zero(mem, 520, 536)) {
                return false;
            }
            long rfbm = edxEax & enabled;
            Layout l = compacted ? Layout.compacted(cpu, xcompBv) : Layout.standard(cpu, xcr0);
            for (Layout.Slot s : l.slots()) {
                if ((rfbm & xstateBv & (1L << s.index())) != 0 && s.end() > mem.length) {
                    return false;
                }
            }
            boolean readsMxcsr = compacted ? (rfbm & xstateBv & 2) != 0 : (rfbm & 6) != 0;
            int newMxcsr = getInt(mem, 24);
            if (readsMxcsr && (newMxcsr & ~cpu.quirks().mxcsrMask()) != 0
                    || (rfbm & xstateBv & xfd & xcr0) != 0) {
                return false;
            }
            boolean precise = cpu.quirks().xinuse() == Quirks.XinuseTracking.PRECISE;
            for (int i = 0; i < 64; i++) {
                long bit = 1L << i;
                if ((rfbm & bit) == 0 || regs[i] == null) {
                    continue;
                }
                if ((xstateBv & bit) != 0) {
                    Layout.Slot s = l.slot(i);
                    if (i == 0) {
                        System.arraycopy(mem, 0, regs[0], 0, 24);
                        System.arraycopy(mem, 32, regs[0], 32, 128);
                    } else {
                        System.arraycopy(mem, s.offset(), regs[i], 0, s.size());
                    }
                    xinuse |= precise ? bit : 0;
                } else {
                    regs[i] = Machine.initValue(i, regs[i].length);
                    xinuse &= precise ? ~bit : -1L;
                }
            }
            if (readsMxcsr) {
                mxcsr = newMxcsr;
            } else if (compacted && (rfbm & 2) != 0) {
                mxcsr = Machine.MXCSR_RESET;
            }
            xmodified = rfbm != 0 ? ~rfbm : -1L;
            info = new Machine.XrstorInfo(cpl, vmxNonRoot, address, compacted ? xcompBv : 0);
            return true;
        }

        private static void put(byte[] mem, Layout.Slot s, byte[] value) {
            if (s.index() == 0) {
                System.arraycopy(value, 0, mem, 0, 24);
                System.arraycopy(value, 32, mem, 32, 128);
            } else {
                System.arraycopy(value, 0, mem, s.offset(), s.size());
            }
        }

        private static boolean zero(byte[] mem, int from, int to) {
            for (int i = from; i < to; i++) {
                if (mem[i] != 0) {
                    return false;
                }
            }
            return true;
        }

        private static long getLong(byte[] b, int at) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[at + i] & 0xFF);
            }
            return v;
        }

        private static int getInt(byte[] b, int at) {
            int v = 0;
            for (int i = 3; i >= 0; i--) {
                v = v << 8 | (b[at + i] & 0xFF);
            }
            return v;
        }

        private static void putLong(byte[] b, int at, long v) {
            for (int i = 0; i < 8; i++) {
                b[at + i] = (byte) (v >>> 8 * i);
            }
        }

        private static void putInt(byte[] b, int at, int v) {
            for (int i = 0; i < 4; i++) {
                b[at + i] = (byte) (v >>> 8 * i);
            }
        }
    }
}
