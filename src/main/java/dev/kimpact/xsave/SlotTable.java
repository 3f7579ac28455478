package dev.kimpact.xsave;

import java.util.Arrays;

/**
 * A {@link Layout} as arrays indexed by component number, for the instructions' hot path: where each slot is, and
 * the copy that moves a set of components between an XSAVE area and a machine's register file in as few
 * {@code System.arraycopy} calls as the two layouts allow. Immutable once built; memoised per mask by
 * {@link CpuModel}.
 */
final class SlotTable {

    /** Bytes 24..31 of the legacy region: MXCSR and MXCSR_MASK, not part of the x87 component (SDM §13.4.1). */
    private static final int X87_LOW = 24;
    private static final int X87_HIGH = 32;

    private final Layout layout;
    private final long mask;
    private final int[] offset = new int[64];
    private final int[] size;

    /**
     * @param layout the layout
     * @param size   bytes of each component, indexed by component (the CPU's sizes; shared, not copied)
     */
    SlotTable(Layout layout, int[] size) {
        this.layout = layout;
        this.mask = layout.mask();
        this.size = size;
        Arrays.fill(offset, -1);
        for (Layout.Slot s : layout.slots()) {
            offset[s.index()] = s.offset();
        }
    }

    Layout layout() {
        return layout;
    }

    /** The components laid out. */
    long mask() {
        return mask;
    }

    /** Bytes an area needs to hold every slot (at least 576). */
    int size() {
        return layout.size();
    }

    /** End of component i's slot. */
    int end(int i) {
        return offset[i] + size[i];
    }

    /**
     * Copies the registers of {@code components} (a subset of {@link #mask()}) from a register file laid out by
     * {@code registerOffset} to their slots in {@code area}: XSAVE and its relatives.
     */
    void save(long components, byte[] registers, int[] registerOffset, byte[] area) {
        copy(components, registers, registerOffset, area, offset, size);
    }

    /** Copies the slots of {@code components} (a subset of {@link #mask()}) from {@code area} into the registers. */
    void load(long components, byte[] area, byte[] registers, int[] registerOffset) {
        copy(components, area, offset, registers, registerOffset, size);
    }

    /**
     * Copies component by component in index order, but as one {@code System.arraycopy} per run of components
     * that follow each other without a gap on both sides. x87 leaves bytes 24..31 alone.
     */
    static void copy(long components, byte[] src, int[] srcOffset, byte[] dst, int[] dstOffset, int[] size) {
        long left = components;
        int from = 0;
        int to = 0;
        int run = 0;
        if ((left & 1) != 0) {
            System.arraycopy(src, srcOffset[0], dst, dstOffset[0], X87_LOW);
            from = srcOffset[0] + X87_HIGH;
            to = dstOffset[0] + X87_HIGH;
            run = size[0] - X87_HIGH;
            left &= ~1L;
        }
        while (left != 0) {
            int i = Long.numberOfTrailingZeros(left);
            left &= left - 1;
            int s = srcOffset[i];
            int d = dstOffset[i];
            if (s != from + run || d != to + run) {
                if (run > 0) {
                    System.arraycopy(src, from, dst, to, run);
                }
                from = s;
                to = d;
                run = 0;
            }
            run += size[i];
        }
        if (run > 0) {
            System.arraycopy(src, from, dst, to, run);
        }
    }
}
