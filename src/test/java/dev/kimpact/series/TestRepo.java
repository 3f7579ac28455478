package dev.kimpact.series;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A small repository built in a test's temporary directory with JGit's object API: every commit is a full
 * snapshot (path to content) edited from its first parent's, with fixed dates, so ids are reproducible.
 */
public final class TestRepo implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2018-12-01T10:00:00Z");

    /** A file body of six lines: enough context for git to tell an edit of one line from an edit of another. */
    public static final String SIX_LINES = "line one\nline two\nline three\nline four\nline five\nline six\n";

    public final Path dir;
    public final Repository repo;
    private final Map<ObjectId, Map<String, String>> snapshots = new HashMap<>();
    private int clock;

    private TestRepo(Path dir, Repository repo) {
        this.dir = dir;
        this.repo = repo;
    }

    public static TestRepo init(Path dir) throws Exception {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("master").call()) {
            return new TestRepo(dir, git.getRepository());
        }
    }

    /** An existing repository (its commits' snapshots are not known: edits start from an empty tree). */
    public static TestRepo open(Path dir) throws Exception {
        try (Git git = Git.open(dir.toFile())) {
            return new TestRepo(dir, git.getRepository());
        }
    }

    public static PersonIdent person(String name, String email, Instant when) {
        return new PersonIdent(name, email, when, ZoneOffset.ofHours(1));
    }

    /** A commit on {@code branch} (created at its first commit), one hour after the previous one. */
    public ObjectId commit(String branch, String message, Consumer<Map<String, String>> edit) throws IOException {
        Instant when = T0.plusSeconds(3600L * ++clock);
        PersonIdent p = person("Ann Author", "ann@example.org", when);
        return commit(branch, message, StandardCharsets.UTF_8, p, p, edit, List.of());
    }

    public ObjectId commitAt(String branch, String message, Instant when, Consumer<Map<String, String>> edit)
            throws IOException {
        PersonIdent p = person("Ann Author", "ann@example.org", when);
        return commit(branch, message, StandardCharsets.UTF_8, p, p, edit, List.of());
    }

    /** A merge of {@code other} into {@code branch}: the first parent's files, edited. */
    public ObjectId merge(String branch, String other, String message, Consumer<Map<String, String>> edit)
            throws IOException {
        Instant when = T0.plusSeconds(3600L * ++clock);
        PersonIdent p = person("Ann Author", "ann@example.org", when);
        return commit(branch, message, StandardCharsets.UTF_8, p, p, edit, List.of(repo.resolve(other)));
    }

    public ObjectId commit(String branch, String message, Charset encoding, PersonIdent author, PersonIdent committer,
                    Consumer<Map<String, String>> edit, List<ObjectId> extraParents) throws IOException {
        ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
        Map<String, String> files = new TreeMap<>(tip == null ? Map.of() : snapshots.getOrDefault(tip, Map.of()));
        edit.accept(files);
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder b = dc.builder();
            for (Map.Entry<String, String> e : files.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(FileMode.REGULAR_FILE);
                entry.setObjectId(ins.insert(Constants.OBJ_BLOB, e.getValue().getBytes(StandardCharsets.UTF_8)));
                b.add(entry);
            }
            b.finish();
            CommitBuilder cb = new CommitBuilder();
            cb.setTreeId(dc.writeTree(ins));
            List<ObjectId> parents = new ArrayList<>();
            if (tip != null) {
                parents.add(tip);
            }
            parents.addAll(extraParents);
            cb.setParentIds(parents);
            cb.setAuthor(author);
            cb.setCommitter(committer);
            cb.setEncoding(encoding);
            cb.setMessage(message);
            ObjectId id = ins.insert(cb);
            ins.flush();
            snapshots.put(id, files);
            RefUpdate ru = repo.updateRef(Constants.R_HEADS + branch);
            ru.setNewObjectId(id);
            ru.setRefLogMessage("test", false);
            ru.forceUpdate();
            return id;
        }
    }

    /** Creates {@code name} at {@code from}. */
    public void branch(String name, String from) throws IOException {
        ObjectId id = repo.resolve(from);
        RefUpdate ru = repo.updateRef(Constants.R_HEADS + name);
        ru.setNewObjectId(id);
        ru.forceUpdate();
    }

    public String path() {
        return dir.toString();
    }

    @Override
    public void close() {
        repo.close();
    }
}
