package dev.kimpact.series;

import java.util.List;
import java.util.Map;

/**
 * The in-memory merge of the series' tip with one {@code --against} ref.
 *
 * @param against   the ref as given
 * @param ours      the series' tip (B) commit id
 * @param theirs    the ref's commit id
 * @param bases     merge bases (several for a criss-cross history; none for unrelated histories)
 * @param clean     true if the merge has no conflict
 * @param conflicts conflicting paths, sorted, each with the commits of both sides that touch it
 * @param subjects  the subject line of every commit the conflicts name, by id
 */
public record MergeCheck(String against, String ours, String theirs, List<String> bases, boolean clean,
                         List<Conflict> conflicts, Map<String, String> subjects) {

    public MergeCheck {
        bases = List.copyOf(bases);
        conflicts = List.copyOf(conflicts);
        subjects = Map.copyOf(subjects);
    }

    /**
     * One conflicting path: commits in {@code base..B} ({@code ours}) and {@code base..REF} ({@code theirs})
     * that touch it, oldest first.
     */
    public record Conflict(String path, List<String> ours, List<String> theirs) {
        public Conflict {
            ours = List.copyOf(ours);
            theirs = List.copyOf(theirs);
        }
    }
}
