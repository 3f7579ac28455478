package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * The commits of a range, oldest first ({@code git log --reverse --topo-order -M A..B}): each with the paths it
 * touches (rename detection on; a merge lists none, as {@code git log} shows it), its trailers and, for
 * MAINTAINERS K: keywords, its message and changed lines. The walk itself is one thread; the per-commit work
 * (tree diff, renames, blobs of at most {@link #BIG_FILE} bytes, trailers) runs on up to {@link #THREADS}
 * threads, each with its own ObjectReader. With a {@link SeriesCache.Scope}, a range read before is not walked
 * again, and commits another range read are not diffed again.
 */
final class CommitWalk {

    /** Files larger than this are not read for K: keywords (JGit's default streaming threshold). */
    private static final int BIG_FILE = 50 * 1024 * 1024;

    /** Threads diffing commits: the machine's processors, at most four (the walk feeds them, and blobs are small). */
    private static final int THREADS = Math.max(1, Math.min(4,
            Runtime.getRuntime().availableProcessors()));

    private final GitRepository git;
    private final SeriesCache.Scope cache;

    CommitWalk(GitRepository git) {
        this(git, SeriesCache.disabled().scope(git));
    }

    CommitWalk(GitRepository git, SeriesCache.Scope cache) {
        this.git = git;
        this.cache = cache;
    }

    /**
     * The commits of the range, oldest first; calls {@code patches} (if not null; in commit order, from this
     * thread) with each commit's message and diff, the text MAINTAINERS K: keywords are matched against. An empty
     * range is an error.
     */
    List<Commit> commits(RevisionRange range, BiConsumer<Commit, String> patches) {
        List<SeriesCache.Facts> facts = git.errors().read("range '" + range.spec() + "'",
                () -> facts(range, patches != null));
        if (facts.isEmpty()) {
            throw emptyRange(range);
        }
        List<Commit> out = new ArrayList<>(facts.size());
        for (SeriesCache.Facts f : facts) {
            out.add(f.commit());
            if (patches != null) {
                patches.accept(f.commit(), f.patchText());
            }
        }
        return out;
    }

    /** What the cache's entries depend on besides commit ids: JGit's rename detection settings. */
    private String settings() {
        return "renames=" + git.repository().getConfig().get(DiffConfig.KEY).getRenameLimit();
    }

    private List<SeriesCache.Facts> facts(RevisionRange range, boolean needText) throws IOException {
        String from = range.from().name();
        String to = range.to().name();
        String settings = settings();
        Optional<List<SeriesCache.Facts>> hit = cache.range(from, to, settings, needText);
        if (hit.isPresent()) {
            return hit.get();
        }
        List<RevCommit> commits = walk(range);
        if (commits.isEmpty()) {
            return List.of();
        }
        Map<String, SeriesCache.Facts> known = cache.known(settings, needText);
        SeriesCache.Facts[] out = new SeriesCache.Facts[commits.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            out[i] = known.get(commits.get(i).name());
            if (out[i] == null) {
                todo.add(i);
            }
        }
        diffAll(commits, todo, out, needText);
        List<SeriesCache.Facts> list = List.of(out);
        cache.putRange(from, to, settings, needText, list);
        return list;
    }

    /** The commits of the range in {@code git log --reverse --topo-order} order, each first parent parsed. */
    private List<RevCommit> walk(RevisionRange range) throws IOException {
        List<RevCommit> out = new ArrayList<>();
        try (RevWalk rw = new RevWalk(git.reader())) {
            rw.markStart(rw.parseCommit(range.to()));
            rw.markUninteresting(rw.parseCommit(range.from()));
            rw.sort(RevSort.TOPO);
            rw.sort(RevSort.REVERSE, true);
            for (RevCommit c : rw) {
                if (c.getParentCount() == 1) {
                    rw.parseHeaders(c.getParent(0)); // its tree, read by the diffing threads
                }
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Fills {@code out[i]} for each {@code i} of {@code todo}, on up to {@link #THREADS} threads. Each thread
     * takes a contiguous run of commits: neighbours share trees and delta bases, which each thread's
     * ObjectReader keeps in its own cache.
     */
    private void diffAll(List<RevCommit> commits, List<Integer> todo, SeriesCache.Facts[] out, boolean needText)
            throws IOException {
        if (todo.isEmpty()) {
            return;
        }
        int threads = Math.min(THREADS, Math.max(1, todo.size() / 256));
        List<Callable<Void>> tasks = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            List<Integer> part = todo.subList(todo.size() * t / threads, todo.size() * (t + 1) / threads);
            tasks.add(() -> {
                try (ObjectReader reader = git.repository().newObjectReader();
                     DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
                    df.setReader(reader, git.repository().getConfig());
                    df.setDiffComparator(RawTextComparator.DEFAULT);
                    df.setDetectRenames(true);
                    for (int i : part) {
                        out[i] = facts(commits.get(i), df, reader, needText);
                    }
                }
                return null;
            });
        }
        if (threads == 1) {
            call(tasks.get(0));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "kimpact-commit-diff");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> pending = new ArrayList<>();
            for (Callable<Void> task : tasks.subList(1, threads)) {
                pending.add(pool.submit(task));
            }
            call(tasks.get(0));
            for (Future<Void> f : pending) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void call(Callable<Void> task) throws IOException {
        try {
            task.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One commit's facts: its paths (a merge has none), trailers and, with {@code needText}, its patch text. */
    private static SeriesCache.Facts facts(RevCommit c, DiffFormatter df, ObjectReader reader, boolean needText)
            throws IOException {
        boolean merge = c.getParentCount() > 1;
        List<DiffEntry> entries = List.of();
        if (!merge) {
            RevCommit parent = c.getParentCount() == 0 ? null : c.getParent(0);
            entries = df.scan(parent == null ? null : parent.getTree(), c.getTree());
        }
        List<FileChange> files = new ArrayList<>(entries.size());
        for (DiffEntry d : entries) {
            files.add(change(d));
        }
        String message = c.getFullMessage();
        Commit commit = new Commit(c.name(), c.getShortMessage(), person(c.getAuthorIdent()),
                date(c.getAuthorIdent()), date(c.getCommitterIdent()), files, Trailers.parse(message), merge);
        return new SeriesCache.Facts(commit, needText ? message + "\n" + diffText(reader, entries) : null);
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while diffing commits");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        }
    }

    private InputException emptyRange(RevisionRange range) {
        if (!range.from().equals(range.to())) {
            return new InputException(Location.of(git.display()), "range '" + range.spec() + "' is reversed: "
                    + range.toRev() + " is an ancestor of " + range.fromRev() + " (did you mean '"
                    + range.toRev() + ".." + range.fromRev() + "'?)");
        }
        return new InputException(Location.of(git.display()), "range '" + range.spec() + "' is empty: "
                + range.fromRev() + " and " + range.toRev() + " are the same commit");
    }

    /**
     * The changed lines of a commit, {@code -old} and {@code +new} under a {@code diff --git} line per file
     * ({@link ChangedLines}): what K: keywords are matched against. Binary files and submodules have no lines.
     */
    private static String diffText(ObjectReader reader, List<DiffEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (DiffEntry d : entries) {
            byte[] a = blob(reader, d.getOldId().toObjectId(), d.getOldMode());
            byte[] b = blob(reader, d.getNewId().toObjectId(), d.getNewMode());
            String oldPath = d.getChangeType() == DiffEntry.ChangeType.ADD ? d.getNewPath() : d.getOldPath();
            String newPath = d.getChangeType() == DiffEntry.ChangeType.DELETE ? d.getOldPath() : d.getNewPath();
            sb.append("diff --git a/").append(oldPath).append(" b/").append(newPath).append('\n');
            if (a != null && b != null) {
                ChangedLines.append(sb, a, b);
            }
        }
        return sb.toString();
    }

    /** A blob's bytes: empty for a missing side (added or deleted file), null for binaries and submodules. */
    private static byte[] blob(ObjectReader reader, ObjectId id, FileMode mode) throws IOException {
        if (mode == FileMode.MISSING || ObjectId.zeroId().equals(id)) {
            return new byte[0];
        }
        if (mode.getObjectType() != Constants.OBJ_BLOB) {
            return null;
        }
        ObjectLoader loader = reader.open(id, Constants.OBJ_BLOB);
        if (loader.getSize() > BIG_FILE) {
            return null;        // like a binary: no lines to match (getCachedBytes would throw)
        }
        byte[] bytes = loader.getCachedBytes(BIG_FILE);
        return RawText.isBinary(bytes) ? null : bytes;
    }

    private static FileChange change(DiffEntry d) {
        return switch (d.getChangeType()) {
            case ADD -> new FileChange(d.getNewPath(), null, FileChange.Change.ADD);
            case MODIFY -> new FileChange(d.getNewPath(), null, FileChange.Change.MODIFY);
            case DELETE -> new FileChange(d.getOldPath(), null, FileChange.Change.DELETE);
            case RENAME -> new FileChange(d.getNewPath(), d.getOldPath(), FileChange.Change.RENAME);
            case COPY -> new FileChange(d.getNewPath(), d.getOldPath(), FileChange.Change.COPY);
        };
    }

    private static Person person(PersonIdent id) {
        return new Person(id.getName(), id.getEmailAddress());
    }

    private static OffsetDateTime date(PersonIdent id) {
        return OffsetDateTime.ofInstant(id.getWhenAsInstant(), id.getZoneOffset());
    }
}
