package dev.kimpact.diagram;

import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.XFeature;

import java.util.ArrayList;
import java.util.List;

/**
 * One box of a drawn XSAVE area: the legacy region (bytes 0..511, x87 and SSE, SDM Vol. 1 §13.4.1), the XSAVE
 * header (bytes 512..575, §13.4.2), an extended component, or the bytes between two components (alignment padding
 * in the compacted form, §13.4.3; the place of components not laid out in the standard form).
 *
 * @param rank   order of the box among the boxes of any layout (legacy, header, then by component index, each
 *               padding box right before its component), so that two layouts can be drawn row by row
 * @param name   what the box holds ({@code legacy}, {@code header}, {@code avx}, {@code padding}, {@code unused})
 * @param note   a short qualifier ({@code x87, sse}, {@code align 64}, {@code supervisor}), possibly empty
 */
public record Region(int rank, String name, String note, int offset, int size, Kind kind) {

    /** What a box holds, for colouring. */
    public enum Kind { LEGACY, HEADER, USER, SUPERVISOR, AMX, PADDING }

    public int end() {
        return offset + size;
    }

    /** An extended state component (index 2 and up), the boxes whose offsets depend on the layout. */
    public boolean isComponent() {
        return kind == Kind.USER || kind == Kind.SUPERVISOR || kind == Kind.AMX;
    }

    /** The boxes of {@code layout} in offset order. */
    public static List<Region> of(Layout layout) {
        List<Region> regions = new ArrayList<>();
        List<String> legacy = new ArrayList<>();
        for (Layout.Slot s : layout.slots()) {
            if (s.index() < 2) {
                legacy.add(s.name());
            }
        }
        regions.add(new Region(0, "legacy", String.join(", ", legacy), 0, Layout.HEADER_OFFSET, Kind.LEGACY));
        regions.add(new Region(1, "header", "XSTATE_BV, XCOMP_BV", Layout.HEADER_OFFSET,
                Layout.EXTENDED_OFFSET - Layout.HEADER_OFFSET, Kind.HEADER));
        List<Layout.Slot> extended = new ArrayList<>();
        for (Layout.Slot s : layout.slots()) {
            if (s.index() >= 2) {
                extended.add(s);
            }
        }
        extended.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        boolean compacted = layout.form() == Layout.Form.COMPACTED;
        int next = Layout.EXTENDED_OFFSET;
        for (Layout.Slot s : extended) {
            int rank = 2 + 2 * s.index();
            if (s.offset() > next) {
                regions.add(compacted
                        ? new Region(rank, "padding", "align 64", next, s.offset() - next, Kind.PADDING)
                        : new Region(rank, "unused", "", next, s.offset() - next, Kind.PADDING));
            }
            regions.add(new Region(rank + 1, s.name(), note(s), s.offset(), s.size(), kind(s)));
            next = Math.max(next, s.end());
        }
        return regions;
    }

    private static Kind kind(Layout.Slot s) {
        if (s.supervisor()) {
            return Kind.SUPERVISOR;
        }
        return (XFeature.MASK_XTILE & (1L << s.index())) != 0 ? Kind.AMX : Kind.USER;
    }

    private static String note(Layout.Slot s) {
        List<String> notes = new ArrayList<>();
        if (s.supervisor()) {
            notes.add("supervisor");
        }
        if (s.align64()) {
            notes.add("align 64");
        }
        return String.join(", ", notes);
    }
}
