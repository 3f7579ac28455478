package dev.kimpact.xsave;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each component lives in an XSAVE area (SDM §13.4). The standard form places component i at
 * CPUID.(0DH,i):EBX; the compacted form packs the components of XCOMP_BV in index order from byte 576,
 * rounding up to 64 where CPUID.(0DH,i):ECX[1] says so (§13.4.3).
 *
 * @param form  standard or compacted
 * @param mask  the components laid out (XCR0-like mask for standard, XCOMP_BV[62:0] for compacted)
 * @param slots one slot per laid-out component, in index order (x87 and SSE in the legacy region)
 * @param size  bytes an area must have to hold all slots (at least 576)
 */
public record Layout(Form form, long mask, List<Slot> slots, int size) {

    public static final int HEADER_OFFSET = 512;
    public static final int EXTENDED_OFFSET = 576;

    public enum Form { STANDARD, COMPACTED }

    /** Component {@code index} at {@code offset}, {@code size} bytes. */
    public record Slot(int index, int offset, int size, boolean align64, boolean supervisor) {
        public String name() {
            return XFeature.nameOf(index);
        }

        public int end() {
            return offset + size;
        }
    }

    public Layout {
        slots = Collections.unmodifiableList(new ArrayList<>(slots));
    }

    /** Standard form for the user components of {@code mask} that the CPU supports. */
    public static Layout standard(CpuModel cpu, long mask) {
        List<Slot> slots = new ArrayList<>();
        int size = EXTENDED_OFFSET;
        long laid = 0;
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) == 0 || !cpu.supports(i) || cpu.supervisor(i)) {
                continue;
            }
            Slot s = new Slot(i, cpu.standardOffset(i), cpu.size(i), cpu.align64(i), false);
            slots.add(s);
            laid |= 1L << i;
            if (i >= 2) {
                size = Math.max(size, s.end());
            }
        }
        return new Layout(Form.STANDARD, laid, slots, size);
    }

    /** Compacted form for XCOMP_BV[62:0] = {@code xcompBv} (bit 63 ignored). */
    public static Layout compacted(CpuModel cpu, long xcompBv) {
        List<Slot> slots = new ArrayList<>();
        long laid = 0;
        int next = EXTENDED_OFFSET;
        for (int i = 0; i < 63; i++) {
            if ((xcompBv & (1L << i)) == 0) {
                continue;
            }
            if (i < 2) {
                slots.add(new Slot(i, cpu.standardOffset(i), cpu.size(i), false, false));
                laid |= 1L << i;
                continue;
            }
            if (!cpu.supports(i)) {
                continue;
            }
            boolean align = cpu.align64(i);
            int offset = align ? (next + 63) & ~63 : next;
            Slot s = new Slot(i, offset, cpu.size(i), align, cpu.supervisor(i));
            slots.add(s);
            laid |= 1L << i;
            next = s.end();
        }
        return new Layout(Form.COMPACTED, laid, slots, next);
    }

    public Slot slot(int index) {
        for (Slot s : slots) {
            if (s.index() == index) {
                return s;
            }
        }
        return null;
    }

    public int offsetOf(int index) {
        Slot s = slot(index);
        return s == null ? -1 : s.offset();
    }
}
