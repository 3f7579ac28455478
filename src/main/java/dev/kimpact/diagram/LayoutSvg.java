package dev.kimpact.diagram;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An XSAVE area as SVG, to scale: a bar per layout whose boxes are as tall as their bytes, coloured by
 * {@link Region.Kind}, each with a {@code <title>}, labelled with offset, name and size. Two layouts stand side by
 * side with a band joining each component to itself, red where its offset moved.
 */
public final class LayoutSvg {

    private static final double TOP = 60;
    private static final double BAR_HEIGHT = 640;
    private static final double BAR_WIDTH = 110;
    private static final double LABEL_GAP = 14;
    private static final double LABEL_WIDTH = 280;
    private static final double BAND = 120;

    private LayoutSvg() {
    }

    /** Fill colour of each kind of box. */
    public static String fill(Region.Kind kind) {
        return switch (kind) {
            case LEGACY -> "#9ecae1";
            case HEADER -> "#deebf7";
            case USER -> "#a1d99b";
            case SUPERVISOR -> "#fdae6b";
            case AMX -> "#bcbddc";
            case PADDING -> "#ffffff";
        };
    }

    /** One layout, or two side by side (the first on the left). */
    public static String draw(List<Titled> layouts) {
        if (layouts.isEmpty() || layouts.size() > 2) {
            throw new IllegalArgumentException("one or two layouts, not " + layouts.size());
        }
        int largest = layouts.stream().mapToInt(t -> t.layout().size()).max().orElse(1);
        double scale = BAR_HEIGHT / largest;
        boolean two = layouts.size() == 2;
        double[] barX = two ? new double[] {LABEL_WIDTH, LABEL_WIDTH + BAR_WIDTH + BAND} : new double[] {20};
        int width = (int) (two ? 2 * LABEL_WIDTH + 2 * BAR_WIDTH + BAND : 20 + BAR_WIDTH + LABEL_WIDTH);
        double bottom = TOP + BAR_HEIGHT;
        Svg svg = new Svg(width, 0);
        List<List<Region>> regions = layouts.stream().map(t -> Region.of(t.layout())).toList();
        if (two) {
            bands(svg, regions.get(0), regions.get(1), barX[0] + BAR_WIDTH, barX[1], scale);
        }
        for (int c = 0; c < layouts.size(); c++) {
            Titled t = layouts.get(c);
            boolean labelsLeft = two && c == 0;
            double titleX = labelsLeft ? barX[c] + BAR_WIDTH : barX[c];
            for (int i = 0; i < t.title().size(); i++) {
                svg.text(titleX, 20 + 16 * i, labelsLeft ? "end" : "start", "font-weight=\"bold\"", t.title().get(i));
            }
            Map<Integer, Region> other = new HashMap<>();
            if (two) {
                regions.get(1 - c).forEach(r -> other.put(r.rank(), r));
            }
            double labelY = 0;
            for (Region r : regions.get(c)) {
                double y = TOP + r.offset() * scale;
                double h = r.size() * scale;
                String stroke = r.kind() == Region.Kind.PADDING ? "stroke=\"#636363\" stroke-dasharray=\"3,2\""
                        : "stroke=\"#252525\"";
                svg.rect(barX[c], y, BAR_WIDTH, h, "fill=\"" + fill(r.kind()) + "\" " + stroke + " stroke-width=\"0.5\"",
                        tooltip(r));
                double want = y + h / 2 + 4;
                labelY = Math.max(want, labelY + LABEL_GAP);
                double edge = labelsLeft ? barX[c] : barX[c] + BAR_WIDTH;
                double textX = labelsLeft ? edge - 24 : edge + 24;
                svg.line(edge, y + h / 2, textX + (labelsLeft ? 2 : -2), labelY - 4, "stroke=\"#969696\" stroke-width=\"0.5\"");
                String label = String.format(Locale.ROOT, "0x%03x %s %d", r.offset(), r.name(), r.size());
                Region peer = other.get(r.rank());
                boolean moved = c == 1 && r.isComponent() && peer != null && peer.offset() != r.offset();
                if (moved) {
                    label += " moved " + delta(r.offset() - peer.offset());
                }
                svg.text(textX, labelY, labelsLeft ? "end" : "start", moved ? "fill=\"#cb181d\"" : "fill=\"#252525\"",
                        label);
                bottom = Math.max(bottom, labelY);
            }
            double end = TOP + t.layout().size() * scale;
            svg.text(barX[c] + BAR_WIDTH / 2, end + 14, "middle", "fill=\"#252525\"",
                    String.format(Locale.ROOT, "size %d (0x%x)", t.layout().size(), t.layout().size()));
            bottom = Math.max(bottom, end + 14);
        }
        double legendY = bottom + 24;
        double x = 20;
        for (Region.Kind kind : Region.Kind.values()) {
            String name = kind == Region.Kind.AMX ? "AMX" : kind.name().toLowerCase(Locale.ROOT);
            double itemWidth = 40 + 8 * name.length();
            if (x > 20 && x + itemWidth > width - 10) {
                x = 20;
                legendY += 20;
            }
            svg.rect(x, legendY - 10, 12, 12, "fill=\"" + fill(kind) + "\" stroke=\"#252525\" stroke-width=\"0.5\"",
                    name);
            svg.text(x + 16, legendY, "start", "fill=\"#252525\"", name);
            x += itemWidth;
        }
        Svg sized = svg.resized((int) Math.ceil(legendY + 16));
        String heading = String.join(" / ", layouts.stream().map(t -> String.join(" ", t.title())).toList());
        return sized.document("XSAVE area: " + heading);
    }

    /** A band from each component on the left to the same component on the right. */
    private static void bands(Svg svg, List<Region> left, List<Region> right, double x1, double x2, double scale) {
        Map<Integer, Region> byRank = new HashMap<>();
        right.forEach(r -> byRank.put(r.rank(), r));
        for (Region a : left) {
            Region b = byRank.get(a.rank());
            if (b == null || a.kind() == Region.Kind.PADDING) {
                continue;
            }
            boolean moved = a.offset() != b.offset();
            double[] xs = {x1, x2, x2, x1};
            double[] ys = {TOP + a.offset() * scale, TOP + b.offset() * scale, TOP + b.end() * scale,
                    TOP + a.end() * scale};
            svg.quad(xs, ys, (moved ? "fill=\"#fb6a4a\"" : "fill=\"#bdbdbd\"")
                            + " fill-opacity=\"0.4\" stroke=\"#ffffff\" stroke-width=\"1\"",
                    a.name() + (moved ? String.format(Locale.ROOT, " moved %s (0x%03x -> 0x%03x)",
                            delta(b.offset() - a.offset()), a.offset(), b.offset()) : " at the same offset"));
        }
    }

    private static String tooltip(Region r) {
        String note = r.note().isEmpty() ? "" : " (" + r.note() + ")";
        return String.format(Locale.ROOT, "%s%s: offset 0x%03x..0x%03x, %d bytes, %s", r.name(), note, r.offset(),
                r.end(), r.size(), r.kind().name().toLowerCase(Locale.ROOT));
    }

    static String delta(int d) {
        return (d < 0 ? "-" : "+") + String.format(Locale.ROOT, "0x%x", Math.abs(d));
    }
}
