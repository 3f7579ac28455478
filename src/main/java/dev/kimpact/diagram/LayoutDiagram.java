package dev.kimpact.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * An XSAVE area as ASCII art for a mail, at most {@value #WIDTH} columns: offsets in hex on the left of each
 * boundary, one box per {@link Region}. Two layouts are drawn side by side, a row per box, so a component sits on
 * the same line in both; a component whose offset differs is marked {@code moved +0x80} (right minus left).
 */
public final class LayoutDiagram {

    public static final int WIDTH = 72;

    /** Inner widths of a box: alone, and in one of two columns. */
    private static final int WIDE = 47;
    private static final int NARROW = 17;
    /** Where the right column starts. */
    private static final int RIGHT = 28;

    private LayoutDiagram() {
    }

    /** One layout, one box per line pair, with each box's size and notes. */
    public static List<String> draw(Titled layout) {
        List<String> lines = new ArrayList<>(layout.title());
        List<Region> regions = Region.of(layout.layout());
        for (Region r : regions) {
            lines.add(hex(r.offset()) + " +" + "-".repeat(WIDE) + "+");
            lines.add(" ".repeat(7) + "|" + String.format(Locale.ROOT, " %-10s %-20s %7d bytes ",
                    cut(r.name(), 10), cut(r.note(), 20), r.size()) + "|");
        }
        lines.add(hex(layout.layout().size()) + " +" + "-".repeat(WIDE) + "+");
        lines.add(size(layout.layout().size()));
        return lines;
    }

    /** {@code left} and {@code right} side by side, components that moved marked with the delta. */
    public static List<String> sideBySide(Titled left, Titled right) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(left.title().size(), right.title().size()); i++) {
            lines.add(pair(i < left.title().size() ? cut(left.title().get(i), RIGHT - 2) : "",
                    i < right.title().size() ? cut(right.title().get(i), WIDTH - RIGHT) : ""));
        }
        TreeMap<Integer, Region[]> rows = new TreeMap<>();
        List<Region> a = Region.of(left.layout());
        List<Region> b = Region.of(right.layout());
        a.forEach(r -> rows.computeIfAbsent(r.rank(), k -> new Region[2])[0] = r);
        b.forEach(r -> rows.computeIfAbsent(r.rank(), k -> new Region[2])[1] = r);
        Region[] previous = new Region[2];
        for (Region[] row : rows.values()) {
            lines.add(pair(border(row[0], previous[0]), border(row[1], previous[1])));
            String content = pair(content(row[0]), content(row[1]));
            if (row[0] != null && row[1] != null && row[0].isComponent() && row[0].offset() != row[1].offset()) {
                content = content + " moved " + LayoutSvg.delta(row[1].offset() - row[0].offset());
            }
            lines.add(content);
            previous = row;
        }
        lines.add(pair(border(null, previous[0]), border(null, previous[1])));
        int sizeA = left.layout().size();
        int sizeB = right.layout().size();
        String sizes = pair(size(sizeA), size(sizeB));
        lines.add(sizeA == sizeB ? sizes : sizes + " " + LayoutSvg.delta(sizeB - sizeA));
        return lines;
    }

    /** The line above {@code r}, which closes the box drawn before it; nothing where the column has no box. */
    private static String border(Region r, Region previous) {
        if (r == null && previous == null) {
            return "";
        }
        return hex(r != null ? r.offset() : previous.end()) + " +" + "-".repeat(NARROW) + "+";
    }

    private static String content(Region r) {
        if (r == null) {
            return "";
        }
        return " ".repeat(7) + "|" + String.format(Locale.ROOT, " %-9s%6d ", cut(r.name(), 9), r.size()) + "|";
    }

    private static String pair(String left, String right) {
        String line = right.isEmpty() ? left : String.format("%-" + RIGHT + "s%s", left, right);
        return line.stripTrailing();
    }

    private static String size(int size) {
        return String.format(Locale.ROOT, "       size %d (%s)", size, hexDigits(size));
    }

    private static String hex(int offset) {
        return String.format("%6s", hexDigits(offset));
    }

    private static String hexDigits(int value) {
        return String.format(Locale.ROOT, "0x%03x", value);
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }
}
