package dev.kimpact.xsave;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the emulator on seeded random machines, areas and instructions (each case is its seed: a
 * failure names it, and {@link #world(long)} rebuilds it):
 *
 * <ul>
 *   <li>memory: a save writes only the bytes of the components it saves, MXCSR/MXCSR_MASK and the header
 *       fields it owns; a restore reads only the legacy region, the header and the slots it loads (bytes
 *       elsewhere can be anything). An {@link XsaveArea} is a whole byte array, so "an area inside a larger
 *       buffer" cannot be expressed: instead an area one byte too small (or any size below what the
 *       instruction touches) must fault #PF and leave memory and machine unchanged;</li>
 *   <li>a faulting instruction changes nothing: every register, the control state and the area;</li>
 *   <li>save, restore, save again gives the same bytes for the components in XSTATE_BV, and the same
 *       XSTATE_BV.</li>
 * </ul>
 */
class EmulatorInvariantProperties {

    private static final int CASES = 300;

    static LongStream seeds() {
        return new SplittableRandom(0x58524553L).longs(CASES);      // "XRES"
    }

    enum Save { XSAVE, XSAVEOPT, XSAVEC, XSAVES }

    /** A random machine on a random built-in CPU, with its random registers. */
    record World(CpuModel cpu, Machine machine, long xcr0, long xss, SplittableRandom r) {
    }

    static World world(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> names = CpuCatalog.BUILTIN;
        Quirks q = Quirks.DEFAULT.withXinuse(Quirks.XinuseTracking.values()[r.nextInt(2)])
                .withModifiedOptimization(r.nextBoolean());
        CpuModel cpu = TestCpus.builtin(names.get(r.nextInt(names.size()))).withQuirks(q);
        long xcr0 = RoundTripProperties.xcr0(cpu, r.nextLong());
        long xss = r.nextLong() & cpu.supportedXss();
        Machine m = TestCpus.machine(cpu, xcr0, xss);
        for (int i = 0; i < 64; i++) {
            byte[] reg = m.register(i);
            if (reg != null && r.nextInt(4) != 0) {
                for (int b = 0; b < reg.length; b++) {
                    reg[b] = (byte) r.nextInt(256);
                }
                m.setRegister(i, reg);
            }
        }
        assertThat(m.ldmxcsr(r.nextInt(3) == 0 ? Machine.MXCSR_RESET : r.nextInt(0x10000)).ok()).isTrue();
        return new World(cpu, m, xcr0, xss, r);
    }

    static Save save(World w) {
        List<Save> possible = new java.util.ArrayList<>(List.of(Save.XSAVE));
        if (w.cpu().hasXsaveopt()) {
            possible.add(Save.XSAVEOPT);
        }
        if (w.cpu().hasXsavec()) {
            possible.add(Save.XSAVEC);
        }
        if (w.cpu().hasXsaves()) {
            possible.add(Save.XSAVES);
        }
        return possible.get(w.r().nextInt(possible.size()));
    }

    static boolean compacted(Save s) {
        return s == Save.XSAVEC || s == Save.XSAVES;
    }

    static Outcome run(Machine m, Save s, XsaveArea a, long rfbm) {
        return switch (s) {
            case XSAVE -> m.xsave(a, rfbm);
            case XSAVEOPT -> m.xsaveopt(a, rfbm);
            case XSAVEC -> m.xsavec(a, rfbm);
            case XSAVES -> m.xsaves(a, rfbm);
        };
    }

    static Outcome restore(Machine m, Save s, XsaveArea a, long rfbm) {
        return s == Save.XSAVES ? m.xrstors(a, rfbm) : m.xrstor(a, rfbm);
    }

    /** The layout a save with {@code rfbm} (already masked by what is enabled) uses. */
    static Layout layout(World w, Save s, long rfbm) {
        return compacted(s) ? Layout.compacted(w.cpu(), rfbm) : Layout.standard(w.cpu(), rfbm);
    }

    static long enabled(World w, Save s) {
        return w.xcr0() | (s == Save.XSAVES ? w.xss() : 0);
    }

    static long rfbm(SplittableRandom r) {
        return r.nextInt(3) == 0 ? -1L : r.nextLong();
    }

    static byte[] junk(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Header bytes a restore checks must be zero, so that junk elsewhere does not change its outcome. */
    static void cleanHeader(byte[] mem) {
        Arrays.fill(mem, Layout.HEADER_OFFSET, Layout.EXTENDED_OFFSET, (byte) 0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aSaveWritesOnlyWhatItSaves(long seed) {
        World w = world(seed);
        Save s = save(w);
        long rfbm = rfbm(w.r()) & enabled(w, s);
        Layout layout = layout(w, s, rfbm);
        int size = Math.max(Layout.EXTENDED_OFFSET, layout.size());      // exactly what the instruction needs
        byte[] mem = junk(w.r(), size);
        cleanHeader(mem);
        byte[] before = mem.clone();
        TestCpus.State state = TestCpus.State.of(w.machine());
        XsaveArea area = new XsaveArea(mem, 0x10_0000L + 64L * w.r().nextInt(1000));
        Outcome o = run(w.machine(), s, area, rfbm);
        assertThat(o.fault()).as("%s of %d bytes", s, size).isNull();
        assertThat(TestCpus.State.of(w.machine())).as("a save changes no register").isEqualTo(state);

        BitSet writable = new BitSet(size);
        for (Layout.Slot slot : layout.slots()) {
            if (slot.index() == 0) {
                writable.set(0, 24);
                writable.set(32, 160);
            } else {
                writable.set(slot.offset(), slot.end());
            }
        }
        writable.set(24, 32);                                               // MXCSR, MXCSR_MASK
        writable.set(Layout.HEADER_OFFSET, Layout.HEADER_OFFSET + (compacted(s) ? 16 : 8));   // XSTATE_BV (XCOMP_BV)
        for (int i = 0; i < size; i++) {
            if (mem[i] != before[i]) {
                assertThat(writable.get(i)).as("%s with RFBM %s wrote byte %d, outside what it saves", s,
                        Masks.describe(rfbm), i).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRestoreReadsOnlyWhatItLoads(long seed) {
        World w = world(seed);
        Save s = save(w);
        long rfbm = rfbm(w.r());
        long enabled = enabled(w, s);
        Layout saved = layout(w, s, rfbm & enabled);
        XsaveArea area = new XsaveArea(new byte[Math.max(Layout.EXTENDED_OFFSET, saved.size())], 0x20_0000L);
        assertThat(run(w.machine().snapshot(), s, area, rfbm).ok()).isTrue();

        // Which bytes the restore may read: legacy region and header, and the slots it loads.
        long xstateBv = area.xstateBv();
        long load = rfbm & enabled & xstateBv;
        Layout restoring = compacted(s) ? Layout.compacted(w.cpu(), area.xcompBv()) : Layout.standard(w.cpu(), w.xcr0());
        BitSet readable = new BitSet();
        readable.set(0, 416);                                                 // x87, MXCSR, XMM0-15
        readable.set(Layout.HEADER_OFFSET, Layout.EXTENDED_OFFSET);
        for (Layout.Slot slot : restoring.slots()) {
            if ((load & (1L << slot.index())) != 0 && slot.index() >= 2) {
                readable.set(slot.offset(), slot.end());
            }
        }
        Machine a = TestCpus.machine(w.cpu(), w.xcr0(), w.xss());            // a fresh machine, same XCRs
        Machine b = a.snapshot();
        byte[] scribbled = area.bytes().clone();
        for (int i = 0; i < scribbled.length; i++) {
            if (!readable.get(i)) {
                scribbled[i] = (byte) w.r().nextInt(256);
            }
        }
        Outcome oa = restore(a, s, area, rfbm);
        Outcome ob = restore(b, s, new XsaveArea(scribbled, area.address()), rfbm);
        assertThat(ob).as("outcome with bytes it does not load scribbled").isEqualTo(oa);
        assertThat(TestCpus.State.of(b)).as("%s restore with RFBM %s read a byte it does not load", s,
                Masks.describe(rfbm)).isEqualTo(TestCpus.State.of(a));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anAreaTooSmallFaultsPageAndChangesNothing(long seed) {
        World w = world(seed);
        Save s = save(w);
        long rfbm = -1L;
        Layout layout = layout(w, s, enabled(w, s));
        int needed = Math.max(Layout.EXTENDED_OFFSET, layout.size());
        int size = w.r().nextBoolean() ? needed - 1 : w.r().nextInt(needed);
        byte[] mem = junk(w.r(), size);
        byte[] before = mem.clone();
        TestCpus.State state = TestCpus.State.of(w.machine());
        XsaveArea area = new XsaveArea(mem, 0x30_0000L);
        Outcome o = run(w.machine(), s, area, rfbm);
        assertThat(o.faulted()).as("%s into %d of %d bytes", s, size, needed).isTrue();
        assertThat(o.fault().vector()).isEqualTo(Fault.Vector.PF);
        assertThat(mem).isEqualTo(before);
        assertThat(TestCpus.State.of(w.machine())).isEqualTo(state);

        // A restore that needs bytes past the end: save into a big enough area, then restore from a cut copy.
        XsaveArea full = new XsaveArea(new byte[needed], 0x30_0000L);
        assertThat(run(w.machine().snapshot(), s, full, rfbm).ok()).isTrue();
        long load = enabled(w, s) & full.xstateBv();
        int end = Layout.EXTENDED_OFFSET;
        Layout restoring = compacted(s) ? Layout.compacted(w.cpu(), full.xcompBv()) : Layout.standard(w.cpu(), w.xcr0());
        for (Layout.Slot slot : restoring.slots()) {
            if ((load & (1L << slot.index())) != 0) {
                end = Math.max(end, slot.end());
            }
        }
        byte[] cut = Arrays.copyOf(full.bytes(), w.r().nextBoolean() ? end - 1 : w.r().nextInt(end));
        byte[] cutBefore = cut.clone();
        Outcome r = restore(w.machine(), s, new XsaveArea(cut, full.address()), rfbm);
        assertThat(r.faulted()).as("restore from %d of %d bytes", cut.length, end).isTrue();
        assertThat(r.fault().vector()).isEqualTo(Fault.Vector.PF);
        assertThat(cut).isEqualTo(cutBefore);
        assertThat(TestCpus.State.of(w.machine())).isEqualTo(state);
    }

    /** One random instruction with random operands; faults are common (wrong CPL, CR0.TS, junk headers, ...). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aFaultChangesNothing(long seed) {
        World w = world(seed);
        SplittableRandom r = w.r();
        Machine m = w.machine();
        // Control state that makes faults likely, each one in a few cases.
        if (r.nextBoolean() && w.cpu().hasXfd()) {
            assertThat(m.writeXfd(XFeature.XTILEDATA.mask()).ok()).isTrue();    // loading TILEDATA is then #NM
        }
        if (r.nextInt(6) == 0) {
            m.setCpl(1 + r.nextInt(3));
        }
        if (r.nextInt(8) == 0) {
            m.setCr0Ts(true);
        }
        if (r.nextInt(10) == 0) {
            m.setOsxsave(false);
        }
        m.setVmxNonRoot(r.nextBoolean());
        for (int tries = 0; tries < 20; tries++) {
            int size = r.nextInt(4) == 0 ? r.nextInt(2 * Layout.EXTENDED_OFFSET) : 12 * 1024;
            byte[] mem = junk(r, size);
            if (r.nextBoolean() && size >= Layout.EXTENDED_OFFSET) {    // a plausible area: gets past the header checks
                cleanHeader(mem);
                new XsaveArea(mem, 0).writeInt(24, r.nextInt(0x10000));     // a valid MXCSR
                new XsaveArea(mem, 0).setXstateBv(r.nextLong() & (r.nextBoolean() ? w.xcr0() : -1L));
                new XsaveArea(mem, 0).setXcompBv(r.nextBoolean() ? 0 : (1L << 63) | (r.nextLong() & enabled(w, Save.XSAVES)));
            }
            long address = switch (r.nextInt(8)) {
                case 0 -> 0x40_0000L + 1 + r.nextInt(63);             // misaligned
                case 1 -> 0x0000_8000_0000_0000L - 64L * r.nextInt(4);  // non-canonical (or its end is)
                default -> 0x40_0000L;
            };
            XsaveArea area = new XsaveArea(mem, address);
            byte[] before = mem.clone();
            TestCpus.State state = TestCpus.State.of(m);
            long operand = rfbm(r);
            String insn;
            Outcome o;
            switch (r.nextInt(10)) {
                case 0 -> { insn = "XSAVE"; o = m.xsave(area, operand); }
                case 1 -> { insn = "XSAVEOPT"; o = m.xsaveopt(area, operand); }
                case 2 -> { insn = "XSAVEC"; o = m.xsavec(area, operand); }
                case 3 -> { insn = "XSAVES"; o = m.xsaves(area, operand); }
                case 4, 5 -> { insn = "XRSTOR"; o = m.xrstor(area, operand); }
                case 6 -> { insn = "XRSTORS"; o = m.xrstors(area, operand); }
                case 7 -> { insn = "XSETBV"; o = m.xsetbv(r.nextInt(4) == 0 ? r.nextLong() : 0, r.nextLong() & (r.nextBoolean() ? w.cpu().supportedXcr0() : -1L)); }
                case 8 -> { insn = "WRMSR IA32_XSS"; o = m.writeXss(r.nextLong() & (r.nextBoolean() ? w.cpu().supportedXss() : -1L)); }
                default -> { insn = "LDMXCSR"; o = m.ldmxcsr(r.nextInt()); }
            }
            if (o.faulted()) {
                assertThat(TestCpus.State.of(m)).as("%s faulted (%s) but changed the machine", insn, o.fault())
                        .isEqualTo(state);
                assertThat(mem).as("%s faulted (%s) but wrote memory", insn, o.fault()).isEqualTo(before);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void saveRestoreSaveIsIdempotent(long seed) {
        World w = world(seed);
        Save s = save(w);
        long rfbm = rfbm(w.r());
        Machine m = w.machine();
        int size = Math.max(Layout.EXTENDED_OFFSET, layout(w, s, enabled(w, s)).size());
        XsaveArea a = new XsaveArea(new byte[size], 0x50_0000L);
        assertThat(run(m, s, a, rfbm).ok()).isTrue();
        byte[] first = a.bytes().clone();
        assertThat(restore(m, s, a, rfbm).ok()).isTrue();
        TestCpus.State restored = TestCpus.State.of(m);
        // Again into the same area (where XSAVEOPT/XSAVES may skip unmodified components) ...
        assertThat(run(m, s, a, rfbm).ok()).isTrue();
        // ... and into a fresh one elsewhere (no modified optimization possible).
        XsaveArea b = new XsaveArea(new byte[size], 0x60_0000L);
        assertThat(run(m, s, b, rfbm).ok()).isTrue();
        assertThat(TestCpus.State.of(m)).as("saves change no register").isEqualTo(restored);

        long bv = new XsaveArea(first, 0).xstateBv();
        assertThat(a.xstateBv()).as("XSTATE_BV, same area").isEqualTo(bv);
        assertThat(b.xstateBv()).as("XSTATE_BV, fresh area").isEqualTo(bv);
        Layout layout = compacted(s) ? Layout.compacted(w.cpu(), a.xcompBv()) : Layout.standard(w.cpu(), w.xcr0());
        for (Layout.Slot slot : layout.slots()) {
            if ((bv & (1L << slot.index())) == 0) {
                continue;
            }
            int from = slot.index() == 0 ? 0 : slot.offset();
            int to = slot.index() == 0 ? 160 : slot.end();
            for (XsaveArea again : List.of(a, b)) {
                byte[] x = Arrays.copyOfRange(first, from, to);
                byte[] y = Arrays.copyOfRange(again.bytes(), from, to);
                if (slot.index() == 0) {         // bytes 24..31 are MXCSR/MXCSR_MASK, not x87 state
                    Arrays.fill(x, 24, 32, (byte) 0);
                    Arrays.fill(y, 24, 32, (byte) 0);
                }
                assertThat(y).as("%s component %s after save, restore, save (%s area)", s, slot.name(),
                        again == a ? "same" : "fresh").isEqualTo(x);
            }
        }
    }
}
