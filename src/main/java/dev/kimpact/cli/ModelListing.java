package dev.kimpact.cli;

import dev.kimpact.report.Json;

import java.util.List;
import java.util.Map;

/** Renders a list of built-in models (one map per model, insertion-ordered) as text columns or JSON. */
final class ModelListing {

    private ModelListing() {
    }

    /** {@code columns} name the keys shown in text; every key goes to JSON. */
    static String render(List<Map<String, Object>> rows, List<String> columns, OutputOptions.Format format) {
        if (format == OutputOptions.Format.json) {
            return Json.write(rows);
        }
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).length();
            for (Map<String, Object> r : rows) {
                width[c] = Math.max(width[c], String.valueOf(r.get(columns.get(c))).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, columns.stream().map(s -> s.toUpperCase(java.util.Locale.ROOT)).toList(), width);
        for (Map<String, Object> r : rows) {
            line(sb, columns.stream().map(c -> r.get(c) == null ? "-" : String.valueOf(r.get(c))).toList(), width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        for (int c = 0; c < cells.size(); c++) {
            boolean last = c == cells.size() - 1;
            sb.append(last ? cells.get(c) : String.format("%-" + width[c] + "s  ", cells.get(c)));
        }
        sb.append('\n');
    }
}
