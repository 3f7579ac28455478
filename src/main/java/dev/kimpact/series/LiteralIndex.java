package dev.kimpact.series;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several {@link LiteralPrefilter}s asked about one text in one pass over it: each literal is filed under its
 * first two characters, and each position of the text looks up only the literals that start with the two
 * characters there (rather than every literal searched for in the whole text). For the K: regexes of a
 * kernel-sized MAINTAINERS, asked about every changed line of a series.
 */
final class LiteralIndex {

    private record Entry(int id, String literal) {
    }

    private final BitSet always = new BitSet();
    private final Map<Integer, List<Entry>> byFirstTwo = new HashMap<>();

    /** The prefilters, identified by their position in {@code prefilters}. */
    LiteralIndex(List<LiteralPrefilter> prefilters) {
        for (int id = 0; id < prefilters.size(); id++) {
            List<String> literals = prefilters.get(id).literals();
            if (literals == null || literals.stream().anyMatch(l -> l.length() < 2)) {
                always.set(id);
                continue;
            }
            for (String literal : literals) {
                byFirstTwo.computeIfAbsent(key(literal, 0), k -> new ArrayList<>()).add(new Entry(id, literal));
            }
        }
    }

    /** The ids of the prefilters whose {@link LiteralPrefilter#mayFind} is true for {@code text}. */
    BitSet mayFind(String text) {
        BitSet out = (BitSet) always.clone();
        for (int i = 0; i + 1 < text.length(); i++) {
            List<Entry> filed = byFirstTwo.get(key(text, i));
            if (filed != null) {
                for (Entry e : filed) {
                    if (!out.get(e.id()) && text.startsWith(e.literal(), i)) {
                        out.set(e.id());
                    }
                }
            }
        }
        return out;
    }

    private static int key(String s, int at) {
        return s.charAt(at) << 16 | s.charAt(at + 1);
    }
}
