package dev.kimpact.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt names: the nearest candidate by edit distance, if it is near enough. */
public final class Suggest {

    private Suggest() {
    }

    public static Optional<String> nearest(String input, Collection<String> candidates) {
        if (input == null || candidates.isEmpty()) {
            return Optional.empty();
        }
        String needle = input.toLowerCase(Locale.ROOT);
        // Accept up to a third of the input's length in edits (at least 1, at most 4).
        int limit = Math.max(1, Math.min(4, input.length() / 3 + 1));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = candidate.toLowerCase(Locale.ROOT);
            if (Math.abs(c.length() - needle.length()) > limit && !(c.startsWith(needle) && needle.length() >= 3)) {
                continue;   // the distance is at least the difference in length: no need to compute it
            }
            int d = c.startsWith(needle) && needle.length() >= 3 ? 1 : distance(needle, c);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** Damerau-Levenshtein (optimal string alignment) distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
