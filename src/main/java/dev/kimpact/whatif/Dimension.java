package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One {@code --matrix PATH=V1,V2,...}: a path and the values it takes, in the order given. Values are split at
 * commas outside brackets, braces and quotes, so {@code hosts.new.patches=[],[a, b]} has two values. The single
 * value {@code all} names every built-in model the path can take ({@link AllValues}).
 */
public record Dimension(String path, List<Assignment> values) {

    public static final String OPTION = "--matrix";

    public Dimension {
        values = List.copyOf(values);
    }

    /**
     * Parses {@code PATH=V1,V2,...}; {@code all} expands through {@code all} (path segments and the origin to the
     * list of names).
     */
    public static Dimension parse(String argument, BiFunction<List<String>, Location, List<String>> all) {
        int eq = argument.indexOf('=');
        Location origin = Location.of(OPTION + " " + argument);
        if (eq <= 0) {
            throw new InputException(origin, "expected PATH=V1,V2,..., e.g. hosts.new.kernel=4.20,4.21 or cpu=all");
        }
        String path = argument.substring(0, eq).strip();
        List<String> texts = split(argument.substring(eq + 1), origin);
        if (texts.size() == 1 && texts.get(0).equals("all")) {
            texts = all.apply(Assignment.segments(path, origin), origin);
        }
        Set<String> seen = new HashSet<>();
        List<Assignment> values = new ArrayList<>();
        for (String t : texts) {
            if (!seen.add(t)) {
                throw new InputException(origin, "value '" + t + "' given twice");
            }
            values.add(Assignment.of(OPTION, path, t));
        }
        return new Dimension(path, values);
    }

    /** The comma-separated values of {@code text}, split outside [], {} and quotes; none may be empty. */
    static List<String> split(String text, Location origin) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(text.substring(start).strip());
        if (out.contains("")) {
            throw new InputException(origin, "empty value in the list (values are separated by commas)");
        }
        return out;
    }
}
