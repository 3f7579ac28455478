package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.ZipException;

/**
 * What JGit's failures on one repository become. User errors (a bad, ambiguous, unknown or non-commit revision,
 * a missing or corrupt object) are {@link InputException}s located at the repository (exit 2), with a
 * did-you-mean among the refs and a hint when the repository is a shallow clone; any other I/O failure stays an
 * I/O error (exit 3).
 */
final class GitErrors {

    /** What reads objects: JGit's IOExceptions and its unchecked parse failures. */
    @FunctionalInterface
    interface Read<T> {
        T run() throws IOException;
    }

    private final String display;
    private final Repository repo;

    GitErrors(String display, Repository repo) {
        this.display = display;
        this.repo = repo;
    }

    /**
     * Runs a read; a missing or corrupt object becomes an InputException. JGit reports some corrupt objects with
     * unchecked exceptions (a short tree entry: IndexOutOfBoundsException; a bad id in a commit:
     * InvalidObjectIdException, an IllegalArgumentException), so those count as corrupt objects too.
     */
    <T> T read(String what, Read<T> action) {
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

    /** {@code rev} is not revision syntax JGit can parse. */
    InputException badRevision(String rev) {
        return new InputException(Location.of(display), "bad revision '" + rev + "'");
    }

    /** Resolving {@code rev} failed: an ambiguous id, a tree or blob where a commit was needed, or a read error. */
    RuntimeException unresolvable(String rev, IOException e) {
        if (e instanceof AmbiguousObjectException a) {
            return new InputException(Location.of(display), "ambiguous revision '" + rev + "': "
                    + a.getCandidates().size() + " objects start with it; give more digits");
        }
        if (e instanceof IncorrectObjectTypeException) {
            return new InputException(Location.of(display), "revision '" + rev + "' does not name a commit");
        }
        return readError("revision '" + rev + "'", e);
    }

    /** {@code rev} names nothing. */
    InputException unknown(String rev) {
        return new InputException(Location.of(display), "unknown revision '" + rev + "'" + shallowHint(),
                Suggest.nearest(rev, refNames()).orElse(null));
    }

    /** {@code rev} names {@code id}, which is a tree, a blob or a tag of one. */
    InputException notACommit(String rev, ObjectId id) {
        return new InputException(Location.of(display), "revision '" + rev + "' (" + id.name() + ") is not a commit");
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
            String msg = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof CorruptObjectException || t instanceof DataFormatException || t instanceof ZipException
                    || msg.contains("corrupt") || msg.contains("invalid") || msg.contains("packfile")) {
                return new InputException(Location.of(display), "reading " + what + ": corrupt object: "
                        + e.getMessage());
            }
        }
        return new UncheckedIOException(new IOException(display + ": reading " + what + ": " + e.getMessage(), e));
    }
}
