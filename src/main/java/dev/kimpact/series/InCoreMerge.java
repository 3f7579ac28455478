package dev.kimpact.series;

import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ResolveMerger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Merges two commits the way {@code git merge-tree --write-tree} does, but without writing anything: JGit's
 * recursive merger in core (no index, no work tree, no ref), fed a {@link MemoryInserter} so that the merged
 * blobs, the result tree and any virtual merge base stay in memory (and read from it: a side may be in memory
 * too, the tip of a mailed series).
 */
final class InCoreMerge {

    /** Whether the merge is clean, and the paths that are not. */
    record Outcome(boolean clean, List<String> conflicts) {
        Outcome {
            conflicts = List.copyOf(conflicts);
        }
    }

    private InCoreMerge() {
    }

    static Outcome merge(MemoryInserter inserter, Config config, AnyObjectId ours, AnyObjectId theirs)
            throws IOException {
        ResolveMerger merger = (ResolveMerger) MergeStrategy.RECURSIVE.newMerger(inserter, config);
        boolean clean = merger.merge(ours, theirs);
        TreeSet<String> paths = new TreeSet<>();
        if (!clean) {
            paths.addAll(merger.getUnmergedPaths());
            Map<String, ResolveMerger.MergeFailureReason> failing = merger.getFailingPaths();
            if (failing != null) {
                paths.addAll(failing.keySet());
            }
        }
        return new Outcome(clean, new ArrayList<>(paths));
    }
}
