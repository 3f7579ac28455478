package dev.kimpact.diagram;

import java.util.Locale;

/** A small SVG 1.1 writer: elements with attributes, escaped text, a {@code <title>} on every shape that asks. */
public final class Svg {

    private final StringBuilder body;
    private final int width;
    private final int height;

    public Svg(int width, int height) {
        this(width, height, new StringBuilder());
    }

    private Svg(int width, int height, StringBuilder body) {
        this.width = width;
        this.height = height;
        this.body = body;
    }

    /** The same drawing on a canvas {@code newHeight} tall (for drawings whose height is known only at the end). */
    public Svg resized(int newHeight) {
        return new Svg(width, newHeight, body);
    }

    /** A rectangle with a tooltip. */
    public Svg rect(double x, double y, double w, double h, String style, String title) {
        body.append(String.format(Locale.ROOT, "  <rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s>",
                x, y, w, h, style));
        body.append("<title>").append(escape(title)).append("</title></rect>\n");
        return this;
    }

    /** A polygon (four corners) with a tooltip. */
    public Svg quad(double[] xs, double[] ys, String style, String title) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xs.length; i++) {
            points.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", xs[i], ys[i]));
        }
        body.append("  <polygon points=\"").append(points).append("\" ").append(style).append("><title>")
                .append(escape(title)).append("</title></polygon>\n");
        return this;
    }

    public Svg line(double x1, double y1, double x2, double y2, String style) {
        body.append(String.format(Locale.ROOT, "  <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" %s/>%n",
                x1, y1, x2, y2, style));
        return this;
    }

    /** Text at (x, y); {@code anchor} is start, middle or end. */
    public Svg text(double x, double y, String anchor, String style, String text) {
        body.append(String.format(Locale.ROOT, "  <text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>", x, y, anchor,
                style)).append(escape(text)).append("</text>\n");
        return this;
    }

    /** The document, with a white background and a {@code <title>} of its own. */
    public String document(String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"monospace\" font-size=\"12\">%n",
                width, height, width, height)
                + "  <title>" + escape(title) + "</title>\n"
                + String.format(Locale.ROOT, "  <rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height)
                + body + "</svg>\n";
    }

    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' ? '?' : c);
            }
        }
        return sb.toString();
    }
}
