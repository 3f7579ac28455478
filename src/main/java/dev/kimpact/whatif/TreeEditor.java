package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads and replaces the node at a dotted path of a scenario document, before binding (so the binder still
 * validates everything, with did-you-mean). A segment is a mapping key; in a list it is an entry's {@code name}
 * (or {@code id}) or a 0-based index. Keys and names may themselves contain dots ({@code guests.linux-5.6.kernel}):
 * the longest run of segments that names something wins. A path may end in, or pass through, keys the document
 * lacks only where the scenario schema allows them ({@link Schema}); anything else unknown is an error at the
 * assignment's origin, suggesting the nearest key or name of that level.
 */
public final class TreeEditor {

    private TreeEditor() {
    }

    /** {@code doc} with {@code a}'s value at {@code a}'s path. */
    public static YMap set(YMap doc, Assignment a) {
        return (YMap) walk(doc, Schema.TOP, a.segments(), 0, "", a.origin(), old -> a.value());
    }

    /** The node at {@code path} of {@code doc}; empty when the document lacks it but may have it. */
    public static Optional<YNode> get(YMap doc, String path, Location origin) {
        List<YNode> found = new ArrayList<>(1);
        walk(doc, Schema.TOP, Assignment.segments(path, origin), 0, "", origin, old -> {
            if (old != null) {
                found.add(old);
            }
            return old;
        });
        return found.stream().findFirst();
    }

    /** A child of a mapping or list: its key (or index), the segments it consumed up to {@code end}, the node. */
    private record Child(String key, int index, int end, YNode node) {
    }

    private static YNode walk(YNode node, Schema level, List<String> segs, int i, String walked, Location origin,
                              UnaryOperator<YNode> leaf) {
        if (i == segs.size()) {
            return leaf.apply(node);
        }
        YNode here = node == null || node instanceof YScalar s && s.isNull() ? null : node;
        if (here instanceof YScalar s) {
            throw new InputException(origin, "'" + walked + "' is a scalar ('" + s.text() + "'), so it has no '"
                    + segs.get(i) + "'");
        }
        Child child = here == null ? null : find(here, segs, i);
        if (child != null) {
            YNode replaced = walk(child.node(), level.child(child.key()), segs, child.end(), join(walked, child.key()),
                    origin, leaf);
            return replace(here, child, replaced, origin);
        }
        String key = segs.get(i);
        if ((here == null || here instanceof YMap) && level.keys().contains(key)) {
            YNode created = walk(null, level.child(key), segs, i + 1, join(walked, key), origin, leaf);
            if (created == null) {
                return node;    // a lookup of an absent key
            }
            YMap map = here == null ? new YMap(Map.of(), Map.of(), origin) : (YMap) here;
            return withEntry(map, key, created, origin);
        }
        throw unknown(here, level, key, walked, origin);
    }

    private static String join(String walked, String key) {
        return walked.isEmpty() ? key : walked + "." + key;
    }

    /** The child that the longest run of segments from {@code i} names, or null. */
    private static Child find(YNode node, List<String> segs, int i) {
        for (int end = segs.size(); end > i; end--) {
            String key = String.join(".", segs.subList(i, end));
            if (node instanceof YMap m && m.has(key)) {
                return new Child(key, -1, end, m.get(key));
            }
            if (node instanceof YList l) {
                List<YNode> items = l.items();
                for (int k = 0; k < items.size(); k++) {
                    if (key.equals(entryName(items.get(k)))) {
                        return new Child(key, k, end, items.get(k));
                    }
                }
            }
        }
        if (node instanceof YList l && segs.get(i).matches("\\d{1,9}")) {
            int k = Integer.parseInt(segs.get(i));
            if (k < l.items().size()) {
                return new Child(segs.get(i), k, i + 1, l.items().get(k));
            }
        }
        return null;
    }

    /** The {@code name:} (or {@code id:}) of a list entry, or null. */
    private static String entryName(YNode item) {
        if (item instanceof YMap m) {
            for (String key : List.of("name", "id")) {
                if (m.get(key) instanceof YScalar s && !s.isNull()) {
                    return s.text();
                }
            }
        }
        return null;
    }

    private static YNode replace(YNode parent, Child child, YNode value, Location origin) {
        if (parent instanceof YMap m) {
            return withEntry(m, child.key(), value, origin);
        }
        YList l = (YList) parent;
        List<YNode> items = new ArrayList<>(l.items());
        items.set(child.index(), value);
        return new YList(items, l.location());
    }

    private static YMap withEntry(YMap m, String key, YNode value, Location origin) {
        Map<String, YNode> entries = new LinkedHashMap<>(m.entries());
        entries.put(key, value);
        Map<String, Location> keys = new LinkedHashMap<>(m.keyLocations());
        keys.putIfAbsent(key, origin);
        return new YMap(entries, keys, m.location());
    }

    private static InputException unknown(YNode here, Schema level, String key, String walked, Location origin) {
        String where = walked.isEmpty() ? "the scenario" : walked;
        if (here instanceof YList l) {
            List<String> names = new ArrayList<>();
            for (YNode item : l.items()) {
                String n = entryName(item);
                if (n != null) {
                    names.add(n);
                }
            }
            String noun = level.entryNoun() != null ? level.entryNoun() : "entry";
            String range = l.items().isEmpty() ? "it is empty" : "indexes 0.." + (l.items().size() - 1);
            return new InputException(origin, "no " + noun + " '" + key + "' in " + where + " ("
                    + (names.isEmpty() ? "" : "names: " + String.join(", ", names) + "; ") + range + ")",
                    Suggest.nearest(key, names).orElse(null));
        }
        List<String> existing = here instanceof YMap m ? new ArrayList<>(m.entries().keySet()) : List.of();
        if (level.entryNoun() != null) {
            return new InputException(origin, "no " + level.entryNoun() + " '" + key + "' in " + where
                    + " (names: " + String.join(", ", existing) + ")", Suggest.nearest(key, existing).orElse(null));
        }
        Set<String> candidates = new LinkedHashSet<>(existing);
        candidates.addAll(level.keys());
        List<String> addable = new ArrayList<>(level.keys());
        addable.removeAll(existing);
        StringBuilder msg = new StringBuilder("no key '").append(key).append("' in ").append(where).append(" (");
        msg.append(existing.isEmpty() ? "it has no keys" : "keys: " + String.join(", ", existing));
        if (!addable.isEmpty()) {
            msg.append("; may be added: ").append(String.join(", ", addable));
        }
        msg.append(')');
        return new InputException(origin, msg.toString(), Suggest.nearest(key, candidates).orElse(null));
    }
}
