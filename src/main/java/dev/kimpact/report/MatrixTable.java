package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text report of a scenario run as several cases ({@code --matrix}): one row per case, in case order, with
 * the case's bindings (those that vary; the ones shared by every case are listed above the table), and one
 * column per rule that fired in any case, most severe first; a cell counts that rule's findings in that case
 * ({@code .} for none). Rule ids head the columns when the table fits in {@value #WIDTH} columns, else numbers
 * with a legend below. Invalid cases are listed after the table with their reason.
 */
final class MatrixTable {

    static final int WIDTH = 120;
    private static final String INDENT = "    ";
    private static final String GAP = "  ";

    private MatrixTable() {
    }

    static void render(ScenarioSection section, Ansi ansi, StringBuilder out) {
        List<Map<String, String>> cases = section.result().cases();
        Map<Map<String, String>, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            rowOf.putIfAbsent(cases.get(i), i);
        }
        List<String> rules = rules(section.findings());
        int[][] counts = new int[cases.size()][rules.size()];
        Map<String, Severity> severity = new HashMap<>();
        for (Finding f : section.findings()) {
            Integer row = rowOf.get(f.bindings());
            if (row != null) {
                counts[row][rules.indexOf(f.rule())]++;
            }
            severity.merge(f.rule(), f.severity(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        List<String> keys = new ArrayList<>();
        for (String key : keys(cases)) {
            String first = cases.get(0).get(key);
            if (cases.stream().allMatch(c -> java.util.Objects.equals(c.get(key), first))) {
                out.append(INDENT).append("with ").append(key).append('=').append(first).append('\n');
            } else {
                keys.add(key);
            }
        }
        List<String> headers = new ArrayList<>(keys);
        int bindingWidth = 0;
        int[] widths = new int[keys.size() + rules.size()];
        for (int k = 0; k < keys.size(); k++) {
            widths[k] = keys.get(k).length();
            for (Map<String, String> c : cases) {
                widths[k] = Math.max(widths[k], String.valueOf(c.get(keys.get(k))).length());
            }
            bindingWidth += widths[k] + GAP.length();
        }
        int ruleWidth = rules.stream().mapToInt(r -> r.length() + GAP.length()).sum();
        boolean numbered = INDENT.length() + bindingWidth + ruleWidth > WIDTH;
        for (int r = 0; r < rules.size(); r++) {
            String h = numbered ? "[" + (r + 1) + "]" : rules.get(r);
            headers.add(h);
            int widest = h.length();
            for (int[] row : counts) {
                widest = Math.max(widest, String.valueOf(row[r]).length());
            }
            widths[keys.size() + r] = widest;
        }
        row(out, headers, widths, keys.size(), null);
        for (int i = 0; i < cases.size(); i++) {
            List<String> cells = new ArrayList<>();
            for (String key : keys) {
                cells.add(String.valueOf(cases.get(i).get(key)));
            }
            List<String> styled = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                int n = counts[i][r];
                cells.add(n == 0 ? "." : String.valueOf(n));
                styled.add(n == 0 ? "." : ansi.severity(severity.get(rules.get(r)), String.valueOf(n)));
            }
            row(out, cells, widths, keys.size(), styled);
        }
        if (rules.isEmpty()) {
            out.append(INDENT).append("no findings in any case\n");
        }
        if (numbered) {
            out.append('\n');
            for (int r = 0; r < rules.size(); r++) {
                out.append(INDENT).append('[').append(r + 1).append("] ")
                        .append(ansi.severity(severity.get(rules.get(r)), severity.get(rules.get(r)).id()))
                        .append(' ').append(rules.get(r)).append('\n');
            }
        }
        invalid(section, ansi, out);
        out.append('\n');
    }

    /** Rules that fired, most severe first, then in order of first finding. */
    static List<String> rules(List<Finding> findings) {
        Map<String, Severity> first = new LinkedHashMap<>();
        for (Finding f : findings) {
            first.putIfAbsent(f.rule(), f.severity());
        }
        List<String> rules = new ArrayList<>(first.keySet());
        rules.sort(Comparator.comparing(first::get));
        return rules;
    }

    private static Set<String> keys(List<Map<String, String>> cases) {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, String> c : cases) {
            keys.addAll(c.keySet());
        }
        return keys;
    }

    /** One row: bindings left-aligned, counts right-aligned; {@code styled} (if given) replaces the count texts. */
    private static void row(StringBuilder out, List<String> cells, int[] widths, int bindings, List<String> styled) {
        StringBuilder line = new StringBuilder(INDENT);
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            String shown = styled != null && c >= bindings ? styled.get(c - bindings) : cell;
            line.append(c < bindings ? shown + pad : pad + shown);
            if (c < cells.size() - 1) {
                line.append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static void invalid(ScenarioSection section, Ansi ansi, StringBuilder out) {
        List<Finding> invalid = section.findings().stream().filter(f -> f.rule().equals("case-invalid")).toList();
        if (invalid.isEmpty()) {
            return;
        }
        out.append('\n').append("invalid cases:\n");
        for (Finding f : invalid) {
            out.append(INDENT).append(ansi.severity(f.severity(), TextReportWriter.bindings(f.bindings())))
                    .append(": ").append(f.message()).append('\n');
            String at = TextReportWriter.at(f);
            if (!at.isEmpty()) {
                out.append(INDENT).append("  ").append(ansi.style(Ansi.DIM, "at: " + at)).append('\n');
            }
        }
    }
}
