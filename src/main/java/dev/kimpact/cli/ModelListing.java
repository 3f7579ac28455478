package dev.kimpact.cli;

import dev.kimpact.report.Json;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A command that lists built-in models ({@code cpus}, {@code kernels}, {@code patches}, {@code guests}): one row
 * per model, as JSON (every key) with {@code --format json}, else as text columns; {@code --output} as for every
 * command. A subclass says what it lists and how a row looks ({@link #list}), and which keys are its text columns.
 */
@Formats({OutputOptions.Format.text, OutputOptions.Format.json})
abstract class ModelListing implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    private final List<String> columns;

    /** {@code columns}: the keys shown in text, in order. */
    ModelListing(String... columns) {
        this.columns = List.of(columns);
    }

    /** Adds a row per model to {@code rows}, in the order they are listed. */
    abstract void list(Rows rows);

    /** The rows as text: a header of the upper-cased column keys, then a line per row (null shown as -). */
    String text(List<Map<String, Object>> rows) {
        int[] width = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            width[c] = columns.get(c).length();
            for (Map<String, Object> r : rows) {
                width[c] = Math.max(width[c], String.valueOf(r.get(columns.get(c))).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, columns.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList(), width);
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

    /** What the command prints instead of the listing (e.g. one model derived from a source tree); null to list. */
    String instead(OutputOptions.Format format) {
        return null;
    }

    @Override
    public final Integer call() {
        String single = instead(output.format());
        if (single != null) {
            output.emit(spec.commandLine().getOut(), single);
            return ExitCodes.OK;
        }
        Rows rows = new Rows();
        list(rows);
        output.emit(spec.commandLine().getOut(),
                output.format() == OutputOptions.Format.json ? Json.write(rows.all) : text(rows.all));
        return ExitCodes.OK;
    }

    /** The rows of a listing, in order: one map per model, its keys in the order they are put. */
    static final class Rows {

        private final List<Map<String, Object>> all = new ArrayList<>();

        /** A new, empty row after the others. */
        Map<String, Object> add() {
            Map<String, Object> row = new LinkedHashMap<>();
            all.add(row);
            return row;
        }
    }
}
