package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.RawParseUtils;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;

/**
 * Reads a patch series out of a git repository with JGit, and never writes to it: resolves revisions and
 * ranges, walks {@code A..B} oldest first ({@code git log --reverse --topo-order}) with the touched paths
 * (rename detection on) and trailers, reads a file at a revision, and merges in memory ({@link InCoreMerge}).
 * One ObjectReader serves every walk and diff (ECOSYSTEM.md §3). User errors (not a repository, unknown
 * revision, empty or reversed range, corrupt objects) are {@link InputException}s located at the repository.
 */
public final class GitSeriesReader implements AutoCloseable {

    /** A resolved {@code A..B}. */
    public record Range(String spec, String fromRev, String toRev, RevCommit from, RevCommit to) {
    }

    /** Files larger than this are not read for K: keywords (JGit's default streaming threshold). */
    private static final int BIG_FILE = 50 * 1024 * 1024;

    private final String display;
    private final Repository repo;
    private final ObjectReader reader;
    private final RevWalk walk;

    private GitSeriesReader(String display, Repository repo) {
        this.display = display;
        this.repo = repo;
        this.reader = repo.newObjectReader();
        this.walk = new RevWalk(reader);
    }

    /** Opens the repository at (or above, as {@code git -C DIR} finds it) {@code dir}. */
    public static GitSeriesReader open(Path dir) {
        String display = dir.toString();
        if (!Files.exists(dir)) {
            throw new InputException(Location.of(display), "no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new InputException(Location.of(display), "not a directory");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
        builder.findGitDir(dir.toAbsolutePath().toFile());
        // JGit's build() throws IllegalArgumentException when nothing was found (ECOSYSTEM.md §2.3).
        if (builder.getGitDir() == null) {
            throw new InputException(Location.of(display), "not a git repository (or any of its parent directories)");
        }
        try {
            return new GitSeriesReader(display, builder.build());
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(Location.of(display), "cannot open git repository: " + e.getMessage());
        }
    }

    public String display() {
        return display;
    }

    public Repository repository() {
        return repo;
    }

    /** Parses and resolves {@code A..B}; an empty A or B means HEAD, as in git. */
    public Range range(String spec) {
        if (spec.contains("...")) {
            throw new InputException(Location.of(display), "range '" + spec
                    + "' is a symmetric difference; give A..B (the commits of B that are not in A)");
        }
        int dots = spec.indexOf("..");
        if (dots < 0) {
            throw new InputException(Location.of(display), "range '" + spec + "' is not of the form A..B");
        }
        String fromRev = spec.substring(0, dots).isEmpty() ? Constants.HEAD : spec.substring(0, dots);
        String toRev = spec.substring(dots + 2).isEmpty() ? Constants.HEAD : spec.substring(dots + 2);
        RevCommit from = commit(fromRev);
        RevCommit to = commit(toRev);
        return new Range(spec, fromRev, toRev, from, to);
    }

    /** The commit a revision names (tags peeled). */
    public RevCommit commit(String rev) {
        ObjectId id;
        try {
            id = repo.resolve(rev);
        } catch (RevisionSyntaxException e) {
            throw new InputException(Location.of(display), "bad revision '" + rev + "'");
        } catch (AmbiguousObjectException e) {
            throw new InputException(Location.of(display), "ambiguous revision '" + rev + "': "
                    + e.getCandidates().size() + " objects start with it; give more digits");
        } catch (IncorrectObjectTypeException e) {
            throw new InputException(Location.of(display), "revision '" + rev + "' does not name a commit");
        } catch (IOException e) {
            throw readError("revision '" + rev + "'", e);
        }
        if (id == null) {
            throw new InputException(Location.of(display), "unknown revision '" + rev + "'" + shallowHint(),
                    Suggest.nearest(rev, refNames()).orElse(null));
        }
        ObjectId found = id;
        return read("revision '" + rev + "'", () -> {
            try {
                RevCommit c = walk.parseCommit(found);
                c.getTree(); // a commit whose body cannot be parsed fails here, not later
                return c;
            } catch (IncorrectObjectTypeException e) {
                throw new InputException(Location.of(display), "revision '" + rev + "' (" + found.name()
                        + ") is not a commit");
            }
        });
    }

    private List<String> refNames() {
        List<String> names = new ArrayList<>();
        try {
            for (Ref r : repo.getRefDatabase().getRefs()) {
                names.add(Repository.shortenRefName(r.getName()));
            }
        } catch (IOException e) {
            // no suggestion then
        }
        return names;
    }

    /**
     * The commits of the range, oldest first; calls {@code patches} (if not null) with each commit's message
     * and diff, the text MAINTAINERS K: keywords are matched against.
     */
    public List<Commit> commits(Range range, BiConsumer<Commit, String> patches) {
        List<Commit> out = read("range '" + range.spec() + "'", () -> walk(range, patches));
        if (out.isEmpty()) {
            throw emptyRange(range);
        }
        return out;
    }

    /**
     * The walk. With {@code patches}, a second thread with its own ObjectReader reads the blobs of each commit
     * and calls {@code patches} (in commit order, always from that one thread) while this one goes on walking.
     */
    private List<Commit> walk(Range range, BiConsumer<Commit, String> patches) throws IOException {
        List<Commit> out = new ArrayList<>();
        ExecutorService worker = patches == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kimpact-patch-text");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> pending = new ArrayList<>();
        try (RevWalk rw = new RevWalk(reader);
             ObjectReader blobs = patches == null ? null : repo.newObjectReader();
             DiffFormatter df = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            df.setReader(reader, repo.getConfig());
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

    private InputException emptyRange(Range range) {
        if (!range.from().equals(range.to())) {
            return new InputException(Location.of(display), "range '" + range.spec() + "' is reversed: "
                    + range.toRev() + " is an ancestor of " + range.fromRev() + " (did you mean '"
                    + range.toRev() + ".." + range.fromRev() + "'?)");
        }
        return new InputException(Location.of(display), "range '" + range.spec() + "' is empty: "
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

    static Person person(PersonIdent id) {
        return new Person(id.getName(), id.getEmailAddress());
    }

    static OffsetDateTime date(PersonIdent id) {
        return OffsetDateTime.ofInstant(id.getWhenAsInstant(), id.getZoneOffset());
    }

    /** The text of {@code path} at commit {@code at}, if it is a file there. */
    public Optional<String> file(RevCommit at, String path) {
        return read(path + " at " + at.name(), () -> {
            try (TreeWalk tw = TreeWalk.forPath(reader, path, walk.parseCommit(at).getTree())) {
                if (tw == null || (tw.getRawMode(0) & 0170000) != 0100000) {
                    return Optional.empty();
                }
                ObjectLoader loader = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB);
                if (loader.getSize() > Maintainers.MAX_BYTES) {
                    throw new InputException(Location.of(display), path + " at " + at.name() + " is larger than "
                            + (Maintainers.MAX_BYTES >> 20) + " MiB");
                }
                return Optional.of(RawParseUtils.decode(loader.getCachedBytes(Maintainers.MAX_BYTES)));
            }
        });
    }

    /** Merges the tip {@code ours} with {@code against} in memory and lists the conflicts with their commits. */
    public MergeCheck merge(RevCommit ours, String against) {
        RevCommit theirs = commit(against);
        return read("merge with '" + against + "'", () -> {
            InCoreMerge.Outcome outcome = InCoreMerge.merge(repo, ours, theirs);
            List<String> bases = mergeBases(ours, theirs);
            List<MergeCheck.Conflict> conflicts = new ArrayList<>();
            Map<String, String> subjects = new LinkedHashMap<>();
            if (!outcome.clean()) {
                Map<String, List<String>> ourSide = touching(ours, theirs, outcome.conflicts(), subjects);
                Map<String, List<String>> theirSide = touching(theirs, ours, outcome.conflicts(), subjects);
                for (String path : outcome.conflicts()) {
                    conflicts.add(new MergeCheck.Conflict(path, ourSide.getOrDefault(path, List.of()),
                            theirSide.getOrDefault(path, List.of())));
                }
            }
            return new MergeCheck(against, ours.name(), theirs.name(), bases, outcome.clean(), conflicts, subjects);
        });
    }

    private List<String> mergeBases(RevCommit a, RevCommit b) throws IOException {
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
    private Map<String, List<String>> touching(RevCommit tip, RevCommit hide, Collection<String> paths,
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

    /** What reads objects: JGit's IOExceptions and its unchecked parse failures. */
    @FunctionalInterface
    private interface Read<T> {
        T run() throws IOException;
    }

    /**
     * Runs a read; a missing or corrupt object becomes an InputException. JGit reports some corrupt objects with
     * unchecked exceptions (a short tree entry: IndexOutOfBoundsException; a bad id in a commit:
     * InvalidObjectIdException, an IllegalArgumentException), so those count as corrupt objects too.
     */
    private <T> T read(String what, Read<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw readError(what, e);
        } catch (RevWalkException e) {
            // RevWalk's iterator wraps the IOException of a missing or corrupt commit in this unchecked one.
            throw e.getCause() instanceof IOException io ? readError(what, io)
                    : new InputException(Location.of(display), "reading " + what + ": " + e.getMessage());
        } catch (LargeObjectException e) {
            throw new InputException(Location.of(display), "reading " + what + ": an object too large to read in "
                    + "memory (" + e.getMessage() + ")");
        } catch (IllegalArgumentException | IndexOutOfBoundsException | IllegalStateException e) {
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new InputException(Location.of(display), "reading " + what + ": corrupt object" + detail);
        }
    }

    /** " (the repository is a shallow clone ...)" when it is one: the likely reason a commit is missing. */
    private String shallowHint() {
        try {
            if (!repo.getObjectDatabase().getShallowCommits().isEmpty()) {
                return " (the repository is a shallow clone: its history stops at "
                        + repo.getObjectDatabase().getShallowCommits().size() + " commit(s); deepen it with "
                        + "'git fetch --deepen N' or '--unshallow')";
            }
        } catch (IOException e) {
            // no hint then
        }
        return "";
    }

    /** A read failure: a missing or corrupt object is bad input (exit 2), anything else an I/O error (exit 3). */
    private RuntimeException readError(String what, IOException e) {
        if (e instanceof MissingObjectException) {
            return new InputException(Location.of(display), "reading " + what + ": object missing from the"
                    + " repository: " + e.getMessage() + shallowHint());
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String msg = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof CorruptObjectException || t instanceof DataFormatException || t instanceof ZipException
                    || msg.contains("corrupt") || msg.contains("invalid") || msg.contains("packfile")) {
                return new InputException(Location.of(display), "reading " + what + ": corrupt object: "
                        + e.getMessage());
            }
        }
        return new UncheckedIOException(new IOException(display + ": reading " + what + ": " + e.getMessage(), e));
    }

    @Override
    public void close() {
        walk.close();
        reader.close();
        repo.close();
    }
}
