package dev.kimpact.series;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The trial merge linux-next makes of each tree with the others, for the series: its tip merged with an
 * {@code --against} ref in memory ({@link InCoreMerge}: nothing is written), the merge bases, and for each
 * conflicting path the commits of both sides since the base that change it.
 */
final class TrialMerge {

    private final GitRepository git;
    private final SeriesCache.Scope cache;
    private final ObjectReader reader;
    private final Supplier<MemoryInserter> inserter;
    private final UnaryOperator<String> name;

    TrialMerge(GitRepository git) {
        this(git, SeriesCache.disabled().scope(git));
    }

    /** With a cache: a merge of two commit ids made by an earlier run is taken from it. */
    TrialMerge(GitRepository git, SeriesCache.Scope cache) {
        this(git, cache, git.reader(), () -> new MemoryInserter(git.repository()), UnaryOperator.identity());
    }

    /**
     * For a mailed series applied in memory: its tip is one side of each merge, and the conflicts name its
     * patches by their mails' ids. Such merges are not cached: the same patches mailed again (with other
     * Message-IDs) make the same commit ids, and a stored merge would name the other mails.
     */
    TrialMerge(GitRepository git, AppliedMbox series) {
        this(git, SeriesCache.disabled().scope(git), series.reader(), series::mergeInserter, series::mailId);
    }

    private TrialMerge(GitRepository git, SeriesCache.Scope cache, ObjectReader reader,
                       Supplier<MemoryInserter> inserter, UnaryOperator<String> name) {
        this.git = git;
        this.cache = cache;
        this.reader = reader;
        this.inserter = inserter;
        this.name = name;
    }

    /** Merges the tip {@code ours} with {@code against} in memory and lists the conflicts with their commits. */
    MergeCheck check(ObjectId ours, String against) {
        RevCommit theirs = git.commit(against);
        Optional<MergeCheck> known = cache.merge(ours.name(), theirs.name(), against);
        if (known.isPresent()) {
            return known.get();
        }
        MergeCheck made = merge(ours, theirs, against);
        cache.putMerge(made);
        return made;
    }

    private MergeCheck merge(ObjectId ours, RevCommit theirs, String against) {
        return git.errors().read("merge with '" + against + "'", () -> {
            InCoreMerge.Outcome outcome = InCoreMerge.merge(inserter.get(), git.repository().getConfig(), ours,
                    theirs);
            List<String> bases = mergeBases(ours, theirs);
            List<MergeCheck.Conflict> conflicts = new ArrayList<>();
            Map<String, String> subjects = new LinkedHashMap<>();
            if (!outcome.clean()) {
                Map<String, List<String>> ourSide = touching(ours, theirs, outcome.conflicts(), subjects);
                Map<String, List<String>> theirSide = touching(theirs, ours, outcome.conflicts(), subjects);
                for (String path : outcome.conflicts()) {
                    conflicts.add(new MergeCheck.Conflict(path,
                            ourSide.getOrDefault(path, List.of()).stream().map(name).toList(),
                            theirSide.getOrDefault(path, List.of())));
                }
            }
            Map<String, String> named = new LinkedHashMap<>();
            subjects.forEach((id, subject) -> named.put(name.apply(id), subject));
            return new MergeCheck(against, name.apply(ours.name()), theirs.name(), bases, outcome.clean(), conflicts,
                    named);
        });
    }

    private List<String> mergeBases(ObjectId a, RevCommit b) throws IOException {
        List<String> bases = new ArrayList<>();
        try (RevWalk w = new RevWalk(reader)) {
            w.setRevFilter(RevFilter.MERGE_BASE);
            w.markStart(w.parseCommit(a));
            w.markStart(w.parseCommit(b));
            for (RevCommit c : w) {
                bases.add(c.name());
            }
        }
        bases.sort(null);
        return bases;
    }

    /** For each of {@code paths}, the non-merge commits of {@code hide..tip} that change it, oldest first. */
    private Map<String, List<String>> touching(ObjectId tip, ObjectId hide, Collection<String> paths,
                                               Map<String, String> subjects) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (paths.isEmpty()) {
            return out;
        }
        TreeFilter filter = AndTreeFilter.create(PathFilterGroup.createFromStrings(new TreeSet<>(paths)),
                TreeFilter.ANY_DIFF);
        try (RevWalk w = new RevWalk(reader)) {
            w.setRewriteParents(false);
            w.setTreeFilter(filter);
            w.markStart(w.parseCommit(tip));
            w.markUninteresting(w.parseCommit(hide));
            w.sort(RevSort.TOPO);
            w.sort(RevSort.REVERSE, true);
            for (RevCommit c : w) {
                if (c.getParentCount() > 1) {
                    continue;
                }
                try (TreeWalk tw = new TreeWalk(reader)) {
                    tw.setRecursive(true);
                    tw.setFilter(filter.clone());
                    if (c.getParentCount() == 0) {
                        tw.addTree(new EmptyTreeIterator());
                    } else {
                        tw.addTree(w.parseCommit(c.getParent(0)).getTree());
                    }
                    tw.addTree(c.getTree());
                    while (tw.next()) {
                        out.computeIfAbsent(tw.getPathString(), k -> new ArrayList<>()).add(c.name());
                        subjects.put(c.name(), c.getShortMessage());
                    }
                }
            }
        }
        return out;
    }
}
