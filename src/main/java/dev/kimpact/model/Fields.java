package dev.kimpact.model;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;
import dev.kimpact.xsave.Masks;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Typed access to YAML trees with located, suggestive errors: the one place that says "expected X". */
public final class Fields {

    private Fields() {
    }

    /** Rejects keys of {@code map} not in {@code allowed}, suggesting the nearest allowed key. */
    public static void onlyKeys(YMap map, Collection<String> allowed, String what) {
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                throw new InputException(map.keyLocation(key), "unknown key '" + key + "' in " + what
                        + " (expected one of: " + String.join(", ", allowed) + ")",
                        Suggest.nearest(key, allowed).orElse(null));
            }
        }
    }

    public static YMap map(YNode node, String what) {
        if (node instanceof YMap m) {
            return m;
        }
        throw new InputException(node.location(), what + ": expected a mapping, found a " + node.kind());
    }

    public static YMap requireMap(YMap parent, String key, String what) {
        return map(require(parent, key, what), what + "." + key);
    }

    public static YNode require(YMap map, String key, String what) {
        YNode n = map.get(key);
        if (n == null || (n instanceof YScalar s && s.isNull())) {
            throw new InputException(map.location(), what + ": missing required key '" + key + "'");
        }
        return n;
    }

    public static String string(YNode node, String what) {
        if (node instanceof YScalar s && !s.isNull()) {
            return s.text();
        }
        throw new InputException(node.location(), what + ": expected a scalar, found a "
                + (node instanceof YScalar ? "null" : node.kind()));
    }

    public static String string(YMap map, String key, String dflt, String what) {
        YNode n = map.get(key);
        return n == null || (n instanceof YScalar s && s.isNull()) ? dflt : string(n, what + "." + key);
    }

    public static boolean bool(YNode node, String what) {
        String t = string(node, what).toLowerCase(Locale.ROOT);
        return switch (t) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new InputException(node.location(), what + ": expected true or false, found '" + t + "'");
        };
    }

    public static boolean bool(YMap map, String key, boolean dflt, String what) {
        YNode n = map.get(key);
        return n == null ? dflt : bool(n, what + "." + key);
    }

    public static LocalDate date(YMap map, String key, String what) {
        YNode n = map.get(key);
        if (n == null) {
            return null;
        }
        String t = string(n, what + "." + key);
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new InputException(n.location(), what + "." + key + ": expected a date YYYY-MM-DD, found '" + t + "'");
        }
    }

    public static List<String> strings(YNode node, String what) {
        List<String> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (node instanceof YList l) {
            for (YNode item : l.items()) {
                out.add(string(item, what));
            }
            return out;
        }
        if (node instanceof YScalar s && s.isNull()) {
            return out;
        }
        throw new InputException(node.location(), what + ": expected a list, found a " + node.kind());
    }

    /** A component mask written as a list of names or as one scalar (hex, decimal, comma list). */
    public static long mask(YNode node, String what) {
        try {
            if (node instanceof YList l) {
                long m = 0;
                for (YNode item : l.items()) {
                    m |= maskScalar(item, what);
                }
                return m;
            }
            return maskScalar(node, what);
        } catch (InputException e) {
            throw e.at(node.location());
        }
    }

    private static long maskScalar(YNode item, String what) {
        String t = string(item, what);
        try {
            return Masks.parse(t);
        } catch (InputException e) {
            throw new InputException(item.location(), what + ": " + e.getMessage(), e.suggestion());
        }
    }

    /** One of {@code allowed} (exact), else a located error with a suggestion. */
    public static String choice(YNode node, List<String> allowed, String what) {
        String t = string(node, what);
        if (allowed.contains(t)) {
            return t;
        }
        throw new InputException(node.location(), what + ": '" + t + "' is not one of " + String.join(", ", allowed),
                Suggest.nearest(t, allowed).orElse(null));
    }
}
