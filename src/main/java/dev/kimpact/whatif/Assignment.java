package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;
import dev.kimpact.yaml.YamlReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code PATH=VALUE} of {@code --set} (or one value of a {@code --matrix} dimension): where in the scenario
 * document, the value as a YAML node, and the text the user wrote.
 *
 * @param path   dotted path as written ({@code hosts.new.kernel})
 * @param value  the value, parsed as YAML flow text, every node located at {@code origin}
 * @param text   the value as written (stripped): what a case's bindings show
 * @param origin where the user wrote it: errors about the value point here ({@code --set hosts.new.kernel=4.99})
 */
public record Assignment(String path, YNode value, String text, Location origin) {

    /** Parses {@code PATH=VALUE} given to {@code option} ({@code --set}). */
    public static Assignment parse(String option, String argument) {
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            throw new InputException(Location.of(option + " " + argument),
                    "expected PATH=VALUE, e.g. hosts.new.kernel=4.22");
        }
        return of(option, argument.substring(0, eq).strip(), argument.substring(eq + 1).strip());
    }

    /** The assignment of {@code valueText} to {@code path}, parsed as YAML. */
    public static Assignment of(String option, String path, String valueText) {
        Location origin = Location.of(option + " " + path + "=" + valueText);
        segments(path, origin);
        List<YNode> docs = new YamlReader().readAll(origin.file(), valueText);
        if (docs.size() > 1) {
            throw new InputException(origin, "the value must be one YAML value, not a stream of documents");
        }
        YNode value = docs.isEmpty() ? new YScalar("", true, origin) : relocate(docs.get(0), origin);
        return new Assignment(path, value, valueText, origin);
    }

    /** The path's segments ({@code hosts}, {@code new}, {@code kernel}). */
    public List<String> segments() {
        return segments(path, origin);
    }

    /** {@code path} split at dots; an empty path or segment is an error at {@code origin}. */
    static List<String> segments(String path, Location origin) {
        List<String> out = List.of(path.split("\\.", -1));
        if (path.isEmpty() || out.contains("")) {
            throw new InputException(origin, "bad path '" + path + "': expected dotted keys such as hosts.new.kernel");
        }
        return out;
    }

    /** {@code node} with every location replaced by {@code at}. */
    static YNode relocate(YNode node, Location at) {
        if (node instanceof YMap m) {
            Map<String, YNode> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
                entries.put(e.getKey(), relocate(e.getValue(), at));
                keys.put(e.getKey(), at);
            }
            return new YMap(entries, keys, at);
        }
        if (node instanceof YList l) {
            List<YNode> items = new ArrayList<>();
            for (YNode item : l.items()) {
                items.add(relocate(item, at));
            }
            return new YList(items, at);
        }
        YScalar s = (YScalar) node;
        return new YScalar(s.text(), s.isNull(), at);
    }
}
