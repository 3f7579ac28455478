package dev.kimpact.model;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operations on model trees: {@code based-on} inheritance (deep merge) and patch overlays
 * ({@code changes: {dotted.path: scalar | {add: [...], remove: [...]}}}), both documented in docs/MODELS.md.
 */
public final class Trees {

    private Trees() {
    }

    /** {@code child} over {@code parent}: mappings merge key by key, everything else replaces. */
    public static YNode merge(YNode parent, YNode child) {
        if (parent instanceof YMap p && child instanceof YMap c) {
            Map<String, YNode> entries = new LinkedHashMap<>(p.entries());
            Map<String, Location> keys = new LinkedHashMap<>(p.keyLocations());
            for (Map.Entry<String, YNode> e : c.entries().entrySet()) {
                YNode old = entries.get(e.getKey());
                entries.put(e.getKey(), old == null ? e.getValue() : merge(old, e.getValue()));
                keys.put(e.getKey(), c.keyLocation(e.getKey()));
            }
            return new YMap(entries, keys, c.location());
        }
        return child;
    }

    /**
     * Applies one change at {@code path}: a mapping with {@code add}/{@code remove} edits a list leaf, any other
     * value replaces the leaf. Paths must exist in {@code tree} (or their parent must be a mapping allowing
     * new keys, listed in {@code openMaps}).
     */
    public static YMap applyChange(YMap tree, String path, YNode change, Set<String> openMaps, Location where) {
        String[] parts = path.split("\\.");
        return apply(tree, parts, 0, change, openMaps, where, path);
    }

    private static YMap apply(YMap map, String[] parts, int i, YNode change, Set<String> openMaps, Location where,
                              String path) {
        String key = parts[i];
        YNode current = map.get(key);
        String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, i));
        if (current == null && !(i == parts.length - 1 && openMaps.contains(prefix))) {
            List<String> known = new ArrayList<>();
            for (String k : map.entries().keySet()) {
                known.add(prefix.isEmpty() ? k : prefix + "." + k);
            }
            throw new InputException(where, "patch changes unknown path '" + path + "'",
                    Suggest.nearest(path, known).orElse(null));
        }
        YNode replacement;
        if (i < parts.length - 1) {
            if (!(current instanceof YMap sub)) {
                throw new InputException(where, "patch path '" + path + "': '" + key + "' is not a mapping");
            }
            replacement = apply(sub, parts, i + 1, change, openMaps, where, path);
        } else if (change instanceof YMap edit && (edit.has("add") || edit.has("remove"))) {
            Fields.onlyKeys(edit, List.of("add", "remove"), "list change of '" + path + "'");
            replacement = editList(current, edit, path);
        } else {
            replacement = change;
        }
        Map<String, YNode> entries = new LinkedHashMap<>(map.entries());
        entries.put(key, replacement);
        Map<String, Location> keys = new LinkedHashMap<>(map.keyLocations());
        keys.putIfAbsent(key, where);
        return new YMap(entries, keys, map.location());
    }

    private static YNode editList(YNode current, YMap edit, String path) {
        List<YNode> items = new ArrayList<>();
        if (current instanceof YList l) {
            items.addAll(l.items());
        } else if (current != null && !(current instanceof YScalar s && s.isNull())) {
            throw new InputException(edit.location(), "patch path '" + path + "' is not a list; set it instead");
        }
        List<String> remove = Fields.strings(edit.get("remove"), path + ".remove");
        items.removeIf(n -> n instanceof YScalar s && remove.contains(s.text()));
        for (YNode add : edit.get("add") instanceof YList l ? l.items() : List.<YNode>of()) {
            boolean present = add instanceof YScalar a
                    && items.stream().anyMatch(n -> n instanceof YScalar s && s.text().equals(a.text()));
            if (!present) {
                items.add(add);
            }
        }
        if (edit.get("add") != null && !(edit.get("add") instanceof YList)) {
            throw new InputException(edit.get("add").location(), path + ".add: expected a list");
        }
        return new YList(items, edit.location());
    }
}
