package dev.kimpact.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Evidence (a map whose values may be scalars, lists or nested maps) as indented {@code key: value} lines for
 * the human formats. A list of scalars stays on one line ({@code [a, b]}); maps and lists of maps nest.
 */
public final class EvidenceLines {

    /** One line: its nesting depth (0 for top-level keys) and its text. */
    public record Line(int depth, String text) {
    }

    private EvidenceLines() {
    }

    public static List<Line> of(Map<String, ?> evidence) {
        List<Line> lines = new ArrayList<>();
        map(evidence, 0, lines);
        return lines;
    }

    private static void map(Map<?, ?> map, int depth, List<Line> lines) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            entry(String.valueOf(e.getKey()), e.getValue(), depth, lines);
        }
    }

    private static void entry(String label, Object value, int depth, List<Line> lines) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            lines.add(new Line(depth, label + ":"));
            map(m, depth + 1, lines);
        } else if (value instanceof Collection<?> c && !isFlat(c)) {
            lines.add(new Line(depth, label + ":"));
            int i = 0;
            for (Object item : c) {
                entry("[" + i++ + "]", item, depth + 1, lines);
            }
        } else {
            lines.add(new Line(depth, label + ": " + scalar(value)));
        }
    }

    private static boolean isFlat(Collection<?> c) {
        return c.stream().noneMatch(v -> v instanceof Map<?, ?> m && !m.isEmpty()
                || v instanceof Collection<?> l && !l.isEmpty());
    }

    /** A scalar, an empty map or a flat list as one piece of text. */
    public static String scalar(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(EvidenceLines::scalar).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return "{}";
        }
        if (value instanceof byte[] bytes) {
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        }
        return String.valueOf(value);
    }
}
