package dev.kimpact.report;

import dev.kimpact.diagram.Svg;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --format svg} of a run: per scenario, a heat map of its cases (rows, in case order) against the rules that
 * fired (columns, most severe first, as in the text table): each cell counts that rule's findings in that case,
 * darker for more, with a {@code <title>} saying so. A plain run is one row.
 */
public final class SvgReportWriter implements ReportWriter {

    private static final double CELL_WIDTH = 48;
    private static final double CELL_HEIGHT = 22;
    private static final double CHAR = 7.3;
    private static final double HEADER = 190;

    @Override
    public String write(Report report, WriterOptions options) {
        List<ScenarioSection> sections = ScenarioSection.of(report);
        double labelWidth = 160;
        int columns = 1;
        for (ScenarioSection s : sections) {
            for (Map<String, String> c : cases(s)) {
                labelWidth = Math.max(labelWidth, label(c).length() * CHAR + 20);
            }
            columns = Math.max(columns, MatrixTable.rules(s.findings()).size());
        }
        int width = (int) Math.ceil(labelWidth + columns * CELL_WIDTH + 140);
        Svg svg = new Svg(width, 0);
        double y = 24;
        for (ScenarioSection section : sections) {
            y = section(svg, section, labelWidth, y) + 30;
        }
        svg.text(10, y, "start", "fill=\"#252525\"", SummaryLine.of(report));
        return svg.resized((int) Math.ceil(y + 14)).document("kimpact findings per case and rule");
    }

    /** Draws one scenario's heat map from {@code top}; returns where it ends. */
    private static double section(Svg svg, ScenarioSection section, double labelWidth, double top) {
        String title = section.name().isEmpty() ? "(no scenario)" : section.name();
        if (section.result() != null && section.result().file() != null) {
            title += " (" + section.result().file() + ")";
        }
        svg.text(10, top, "start", "font-weight=\"bold\"", title);
        List<Map<String, String>> cases = cases(section);
        List<String> rules = MatrixTable.rules(section.findings());
        Map<Map<String, String>, Integer> rowOf = new HashMap<>();
        for (int i = 0; i < cases.size(); i++) {
            rowOf.putIfAbsent(cases.get(i), i);
        }
        int[][] counts = new int[cases.size()][rules.size()];
        int most = 0;
        for (Finding f : section.findings()) {
            Integer row = rowOf.get(f.bindings());
            if (row != null) {
                most = Math.max(most, ++counts[row][rules.indexOf(f.rule())]);
            }
        }
        double gridTop = top + (rules.isEmpty() ? 30 : HEADER);
        for (int r = 0; r < rules.size(); r++) {
            double x = labelWidth + r * CELL_WIDTH + CELL_WIDTH / 2;
            svg.text(x, gridTop - 8, "start", String.format(Locale.ROOT,
                    "transform=\"rotate(-50 %.1f %.1f)\" fill=\"#252525\"", x, gridTop - 8), rules.get(r));
        }
        if (rules.isEmpty()) {
            svg.text(labelWidth, gridTop - 8, "start", "fill=\"#252525\"", "no findings");
        }
        for (int c = 0; c < cases.size(); c++) {
            double y = gridTop + c * CELL_HEIGHT;
            String label = label(cases.get(c));
            svg.text(labelWidth - 8, y + CELL_HEIGHT / 2 + 4, "end", "fill=\"#252525\"", label);
            for (int r = 0; r < rules.size(); r++) {
                int n = counts[c][r];
                double x = labelWidth + r * CELL_WIDTH;
                svg.rect(x, y, CELL_WIDTH, CELL_HEIGHT, "fill=\"" + colour(n, most)
                        + "\" stroke=\"#ffffff\" stroke-width=\"1\"", label + ": " + rules.get(r) + ": "
                        + SummaryLine.plural(n, "finding"));
                if (n > 0) {
                    svg.text(x + CELL_WIDTH / 2, y + CELL_HEIGHT / 2 + 4, "middle",
                            n * 2 > most ? "fill=\"#ffffff\"" : "fill=\"#252525\"", Integer.toString(n));
                }
            }
        }
        return gridTop + cases.size() * CELL_HEIGHT;
    }

    private static List<Map<String, String>> cases(ScenarioSection section) {
        return section.result() == null || section.result().cases().isEmpty() ? List.of(Map.of())
                : section.result().cases();
    }

    private static String label(Map<String, String> bindings) {
        return bindings.isEmpty() ? "(as written)" : TextReportWriter.bindings(bindings);
    }

    /** White for none, then from light to dark red as the count nears the largest one. */
    static String colour(int n, int most) {
        if (n == 0) {
            return "#f0f0f0";
        }
        double t = most <= 1 ? 1 : (n - 1) / (double) (most - 1);
        int[] light = {0xfc, 0xbb, 0xa1};
        int[] dark = {0xa5, 0x0f, 0x15};
        StringBuilder sb = new StringBuilder("#");
        for (int i = 0; i < 3; i++) {
            sb.append(String.format("%02x", (int) Math.round(light[i] + t * (dark[i] - light[i]))));
        }
        return sb.toString();
    }
}
