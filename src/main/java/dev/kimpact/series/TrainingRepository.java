package dev.kimpact.series;

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
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * The small repository the training run of the launcher's class-data archive ({@code cli.ClassDataTraining},
 * docs/PERFORMANCE.md "Start-up") runs {@code series} on, so that the JGit classes of a range, a walk with
 * renames and keywords, and a conflicting in-memory merge are archived. {@link #RANGE} is two commits on
 * {@code base}; {@link #AGAINST} is one commit on {@code base} that conflicts with them.
 */
public final class TrainingRepository {

    /** The series: two commits, one acked by the X86 maintainer, one touching a K: keyword. */
    public static final String RANGE = "base..master";

    /** The branch that conflicts with the series. */
    public static final String AGAINST = "other";

    private TrainingRepository() {
    }

    /**
     * Creates the repository in {@code dir}, every commit with {@code maintainers} as its MAINTAINERS. Written with
     * the object API (no index, no work tree, no hooks: nothing of the user's git configuration runs).
     */
    public static void create(Path dir, String maintainers) throws IOException {
        PersonIdent who = new PersonIdent("T", "t@example.org", Instant.parse("2018-12-01T10:00:00Z"), ZoneOffset.UTC);
        try (Repository repo = FileRepositoryBuilder.create(dir.resolve(".git").toFile())) {
            repo.create();
            ObjectId base = commit(repo, who, null, "base\n", Map.of("MAINTAINERS", maintainers,
                    "arch/x86/kvm/x86.c", "a\n"));
            ref(repo, "refs/heads/base", base);
            ObjectId one = commit(repo, who, base, "x86/fpu: one\n\nAcked-by: T G <tglx@kernel.org>\n",
                    Map.of("MAINTAINERS", maintainers, "arch/x86/kvm/x86.c", "a\n", "arch/x86/kernel/fpu/core.c", "b\n"));
            ObjectId two = commit(repo, who, one, "KVM: x86: two\n\nSigned-off-by: P <p@example.org>\n",
                    Map.of("MAINTAINERS", maintainers, "arch/x86/kvm/x86.c", "kvm_vcpu_load\n",
                            "arch/x86/kernel/fpu/core.c", "b\n"));
            ref(repo, "refs/heads/master", two);
            ref(repo, "refs/heads/" + AGAINST, commit(repo, who, base, "other\n", Map.of("MAINTAINERS", maintainers,
                    "arch/x86/kvm/x86.c", "other\n")));
        }
    }

    private static ObjectId commit(Repository repo, PersonIdent who, ObjectId parent, String message,
                                   Map<String, String> files) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder b = index.builder();
            for (String path : new TreeMap<>(files).keySet()) {
                DirCacheEntry e = new DirCacheEntry(path);
                e.setFileMode(FileMode.REGULAR_FILE);
                e.setObjectId(ins.insert(Constants.OBJ_BLOB, files.get(path).getBytes(StandardCharsets.UTF_8)));
                b.add(e);
            }
            b.finish();
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(index.writeTree(ins));
            if (parent != null) {
                c.setParentId(parent);
            }
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(message);
            ObjectId id = ins.insert(c);
            ins.flush();
            return id;
        }
    }

    private static void ref(Repository repo, String name, ObjectId id) throws IOException {
        RefUpdate u = repo.updateRef(name);
        u.setNewObjectId(id);
        u.forceUpdate();
    }
}
