package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

/**
 * The commits of a range, oldest first ({@code git log --reverse --topo-order -M A..B}): each with the paths it
 * touches (rename detection on; a merge lists none, as {@code git log} shows it), its trailers and, for
 * MAINTAINERS K: keywords, its message and changed lines. Blobs are read on a second thread with its own
 * ObjectReader, at most {@link #BIG_FILE} bytes each.
 */
final class CommitWalk {

    /** Files larger than this are not read for K: keywords (JGit's default streaming threshold). */
    private static final int BIG_FILE = 50 * 1024 * 1024;

    private final GitRepository git;

    CommitWalk(GitRepository git) {
        this.git = git;
    }

    /**
     * The commits of the range, oldest first; calls {@code patches} (if not null) with each commit's message
     * and diff, the text MAINTAINERS K: keywords are matched against. An empty range is an error.
     */
    List<Commit> commits(RevisionRange range, BiConsumer<Commit, String> patches) {
        List<Commit> out = git.errors().read("range '" + range.spec() + "'", () -> walk(range, patches));
        if (out.isEmpty()) {
            throw emptyRange(range);
        }
        return out;
    }

    /**
     * The walk. With {@code patches}, a second thread with its own ObjectReader reads the blobs of each commit
     * and calls {@code patches} (in commit order, always from that one thread) while this one goes on walking.
     */
    private List<Commit> walk(RevisionRange range, BiConsumer<Commit, String> patches) throws IOException {
        List<Commit> out = new ArrayList<>();
        ExecutorService worker = patches == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kimpact-patch-text");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> pending = new ArrayList<>();
        ObjectReader reader = git.reader();
        try (RevWalk rw = new RevWalk(reader);
             ObjectReader blobs = patches == null ? null : git.repository().newObjectReader();
             DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            df.setReader(reader, git.repository().getConfig());
            df.setDiffComparator(RawTextComparator.DEFAULT);
            df.setDetectRenames(true);
            rw.markStart(rw.parseCommit(range.to()));
            rw.markUninteresting(rw.parseCommit(range.from()));
            rw.sort(RevSort.TOPO);
            rw.sort(RevSort.REVERSE, true);
            for (RevCommit c : rw) {
                boolean merge = c.getParentCount() > 1;
                List<DiffEntry> entries = List.of();
                if (!merge) {
                    RevCommit parent = c.getParentCount() == 0 ? null : rw.parseCommit(c.getParent(0));
                    entries = df.scan(parent == null ? null : parent.getTree(), c.getTree());
                }
                List<FileChange> files = new ArrayList<>(entries.size());
                for (DiffEntry d : entries) {
                    files.add(change(d));
                }
                String message = c.getFullMessage();
                Commit commit = new Commit(c.name(), c.getShortMessage(), person(c.getAuthorIdent()),
                        date(c.getAuthorIdent()), date(c.getCommitterIdent()), files, Trailers.parse(message), merge);
                out.add(commit);
                if (worker != null) {
                    List<DiffEntry> e = entries;
                    pending.add(worker.submit(() -> {
                        patches.accept(commit, message + "\n" + diffText(blobs, e));
                        return null;
                    }));
                }
            }
            for (Future<?> f : pending) {
                await(f);
            }
        } finally {
            if (worker != null) {
                worker.shutdownNow();
            }
        }
        return out;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading patch text");
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
