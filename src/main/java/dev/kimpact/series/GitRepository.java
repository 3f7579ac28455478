package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.RawParseUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A git repository a series is read from, opened with JGit and never written to: finds it as {@code git -C DIR}
 * does, resolves revisions and {@code A..B} ranges, and reads a file at a revision. Its one ObjectReader serves
 * every walk and diff ({@link CommitWalk}, {@link TrialMerge}; ECOSYSTEM.md §3); {@link GitErrors} turns JGit's
 * failures into kimpact's.
 */
final class GitRepository implements AutoCloseable {

    private final String display;
    private final Repository repo;
    private final ObjectReader reader;
    private final RevWalk walk;
    private final GitErrors errors;

    private GitRepository(String display, Repository repo) {
        this.display = display;
        this.repo = repo;
        this.reader = repo.newObjectReader();
        this.walk = new RevWalk(reader);
        this.errors = new GitErrors(display, repo);
    }

    /** Opens the repository at (or above, as {@code git -C DIR} finds it) {@code dir}. */
    static GitRepository open(Path dir) {
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
            return new GitRepository(display, builder.build());
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException(Location.of(display), "cannot open git repository: " + e.getMessage());
        }
    }

    /** The repository path as given: where its errors point. */
    String display() {
        return display;
    }

    Repository repository() {
        return repo;
    }

    ObjectReader reader() {
        return reader;
    }

    GitErrors errors() {
        return errors;
    }

    /** Parses and resolves {@code A..B}; an empty A or B means HEAD, as in git. */
    RevisionRange range(String spec) {
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
        return new RevisionRange(spec, fromRev, toRev, from, to);
    }

    /**
     * Where the series {@code A..B} starts: the (first) merge base of A and B, which is A itself when B descends
     * from it, as {@code git diff A...B} takes it; A when they have no common history.
     */
    RevCommit mergeBase(RevisionRange r) {
        return errors.read("merge base of " + r.spec(), () -> {
            try (RevWalk w = new RevWalk(reader)) {
                w.setRevFilter(RevFilter.MERGE_BASE);
                w.markStart(w.parseCommit(r.from()));
                w.markStart(w.parseCommit(r.to()));
                RevCommit base = w.next();
                return base == null ? r.from() : walk.parseCommit(base);
            }
        });
    }

    /** The commit a revision names (tags peeled). */
    RevCommit commit(String rev) {
        ObjectId id;
        try {
            id = repo.resolve(rev);
        } catch (RevisionSyntaxException e) {
            throw errors.badRevision(rev);
        } catch (IOException e) {
            throw errors.unresolvable(rev, e);
        }
        if (id == null) {
            throw errors.unknown(rev);
        }
        ObjectId found = id;
        return errors.read("revision '" + rev + "'", () -> {
            try {
                RevCommit c = walk.parseCommit(found);
                c.getTree(); // a commit whose body cannot be parsed fails here, not later
                return c;
            } catch (IncorrectObjectTypeException e) {
                throw errors.notACommit(rev, found);
            }
        });
    }

    /** The text of {@code path} at commit {@code at}, if it is a file there (at most {@link Maintainers#MAX_BYTES}). */
    Optional<String> file(RevCommit at, String path) {
        return errors.read(path + " at " + at.name(), () -> file(reader, walk.parseCommit(at).getTree(), path, at.name()));
    }

    /**
     * The text of {@code path} in {@code tree} as {@code reader} sees it (which may be objects made in memory, not
     * in the repository) at revision {@code rev}, if it is a file there (at most {@link Maintainers#MAX_BYTES}).
     */
    Optional<String> file(ObjectReader reader, AnyObjectId tree, String path, String rev) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(reader, path, tree)) {
            if (tw == null || (tw.getRawMode(0) & 0170000) != 0100000) {
                return Optional.empty();
            }
            ObjectLoader loader = reader.open(tw.getObjectId(0), Constants.OBJ_BLOB);
            if (loader.getSize() > Maintainers.MAX_BYTES) {
                throw new InputException(Location.of(display), path + " at " + rev + " is larger than "
                        + (Maintainers.MAX_BYTES >> 20) + " MiB");
            }
            return Optional.of(RawParseUtils.decode(loader.getCachedBytes(Maintainers.MAX_BYTES)));
        }
    }

    @Override
    public void close() {
        walk.close();
        reader.close();
        repo.close();
    }
}
