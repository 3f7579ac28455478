package dev.kimpact.cli;

import dev.kimpact.series.TestRepo;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The repository half of the bad-input corpus ({@link BadInputCorpusTest} has the files): each defect is built in
 * a temporary directory and given to {@code kimpact series}; each must exit 2 with one line
 * {@code kimpact: error: REPO: ...} naming the problem, no stack trace, within {@link BadInputCorpusTest#LIMIT_MS}.
 * Defects that need C git (a shallow clone, a pack) are skipped when git is not installed.
 */
class BadRepositoryTest {

    /** What the test needs to run kimpact against a defect. */
    record Setup(Path repo, String range, List<String> extra, String message, String where) {
        Setup(Path repo, String range, String message) {
            this(repo, range, List.of(), message, repo.toString());
        }

        Setup(Path repo, String range, List<String> extra, String message) {
            this(repo, range, extra, message, repo.toString());
        }
    }

    /** A small history: base (with MAINTAINERS), fpu, mpx on master; kvm forked at base. */
    static final class History {
        final TestRepo r;
        final ObjectId base;
        final ObjectId fpu;
        final ObjectId mpx;

        History(Path dir) throws Exception {
            r = TestRepo.init(dir);
            base = r.commit("master", "base\n", f -> {
                f.put("MAINTAINERS", "X86\nM:\tA U Thor <a@example.org>\nF:\tarch/x86/\n");
                f.put("arch/x86/kvm/x86.c", "one\ntwo\n");
            });
            r.branch("kvm", "master");
            fpu = r.commit("master", "x86/fpu: tidy\n", f -> f.put("arch/x86/kernel/fpu/core.c", "fpu\n"));
            mpx = r.commit("master", "x86: Remove Intel MPX\n", f -> f.put("arch/x86/kvm/x86.c", "one\nTWO\n"));
            r.commit("kvm", "KVM: x86\n", f -> f.put("arch/x86/kvm/x86.c", "one\nkvm\n"));
            r.close();
        }

        Path loose(ObjectId id) {
            return r.dir.resolve(".git/objects/" + id.name().substring(0, 2) + "/" + id.name().substring(2));
        }

        String range() {
            return base.name() + "..master";
        }
    }

    interface Builder {
        Setup build(Path tmp) throws Exception;
    }

    enum Defect {
        NOT_A_REPOSITORY(tmp -> new Setup(Files.createDirectories(tmp.resolve("plain")), "a..b",
                "not a git repository")),
        NO_SUCH_DIRECTORY(tmp -> new Setup(tmp.resolve("nowhere"), "a..b", "no such directory")),
        A_FILE_NOT_A_DIRECTORY(tmp -> new Setup(Files.writeString(tmp.resolve("file"), "x"), "a..b",
                "not a directory")),
        GITDIR_FILE_POINTING_NOWHERE(tmp -> {
            Path d = Files.createDirectories(tmp.resolve("worktree"));
            Files.writeString(d.resolve(".git"), "gitdir: " + tmp.resolve("gone/.git") + "\n");
            return new Setup(d, "a..b", "");
        }),
        GITDIR_FILE_WITH_GARBAGE(tmp -> {
            Path d = Files.createDirectories(tmp.resolve("worktree"));
            Files.writeString(d.resolve(".git"), "\u0000\u0001 not a gitdir line\n");
            return new Setup(d, "a..b", "");
        }),
        MISSING_REF(tmp -> {
            History h = new History(tmp.resolve("repo"));
            return new Setup(h.r.dir, "master..nope", "unknown revision 'nope'");
        }),
        UNBORN_HEAD(tmp -> {
            TestRepo.init(tmp.resolve("empty")).close();
            return new Setup(tmp.resolve("empty"), "..", "unknown revision 'HEAD'");
        }),
        BAD_RANGE_SYNTAX(tmp -> new Setup(new History(tmp.resolve("repo")).r.dir, "master...kvm", "symmetric difference")),
        NOT_A_RANGE(tmp -> new Setup(new History(tmp.resolve("repo")).r.dir, "master", "not of the form A..B")),
        EMPTY_RANGE(tmp -> new Setup(new History(tmp.resolve("repo")).r.dir, "master..master", "is empty")),
        REVERSED_RANGE(tmp -> {
            History h = new History(tmp.resolve("repo"));
            return new Setup(h.r.dir, "master.." + h.base.name(), "is reversed");
        }),
        REVISION_NAMING_A_BLOB(tmp -> new Setup(new History(tmp.resolve("repo")).r.dir, "master:MAINTAINERS..master",
                "not a commit")),
        REVISION_SYNTAX(tmp -> new Setup(new History(tmp.resolve("repo")).r.dir, "master^{bogus}..master",
                "revision 'master^{bogus}'")),
        CORRUPT_LOOSE_OBJECT(tmp -> {
            History h = new History(tmp.resolve("repo"));
            Path loose = h.loose(h.mpx);
            loose.toFile().setWritable(true);
            Files.write(loose, "not zlib at all".getBytes(StandardCharsets.US_ASCII));
            return new Setup(h.r.dir, h.range(), "corrupt object");
        }),
        CORRUPT_COMMIT_CONTENT(tmp -> {
            History h = new History(tmp.resolve("repo"));
            // A well-formed object whose content is not a commit ("tree" with a bad id), under the commit's id.
            byte[] body = "tree not-a-sha\nauthor x\n\nmsg\n".getBytes(StandardCharsets.US_ASCII);
            Path loose = h.loose(h.fpu);
            loose.toFile().setWritable(true);
            Files.write(loose, deflate(("commit " + body.length + "\0").getBytes(StandardCharsets.US_ASCII), body));
            return new Setup(h.r.dir, h.range(), "corrupt object: Invalid id");
        }),
        MISSING_TREE(tmp -> {
            History h = new History(tmp.resolve("repo"));
            ObjectId tree;
            try (RevWalk w = new RevWalk(h.r.repo)) {
                RevCommit c = w.parseCommit(h.mpx);
                tree = c.getTree().getId();
            }
            Files.delete(h.loose(tree));
            return new Setup(h.r.dir, h.range(), "object missing from the repository: Missing tree");
        }),
        MISSING_PARENT_COMMIT(tmp -> {
            History h = new History(tmp.resolve("repo"));
            Files.delete(h.loose(h.fpu));
            return new Setup(h.r.dir, h.range(), "object missing from the repository: Missing commit " + h.fpu.name());
        }),
        CORRUPT_REF(tmp -> {
            History h = new History(tmp.resolve("repo"));
            Files.writeString(h.r.dir.resolve(".git/refs/heads/kvm"), "this is not an object id\n");
            return new Setup(h.r.dir, h.range(), List.of("--against", "kvm"), "kvm");
        }),
        REF_TO_MISSING_OBJECT(tmp -> {
            History h = new History(tmp.resolve("repo"));
            Files.writeString(h.r.dir.resolve(".git/refs/heads/ghost"), "1234567890123456789012345678901234567890\n");
            return new Setup(h.r.dir, h.base.name() + "..ghost", "1234567890123456789012345678901234567890");
        }),
        BROKEN_MAINTAINERS_AT_THE_TIP(tmp -> {
            History h = new History(tmp.resolve("repo"));
            TestRepo r = TestRepo.open(h.r.dir);
            r.commit("master", "maintainers\n", f -> f.put("MAINTAINERS", "X86\nM:\tno address\n"));
            r.close();
            return new Setup(h.r.dir, h.range(), List.of(), "M: entry 'no address' has no e-mail address",
                    "MAINTAINERS@master:2:1");
        }),
        SHALLOW_CLONE(tmp -> {
            History h = new History(tmp.resolve("repo"));
            Path shallow = tmp.resolve("shallow");
            git(tmp, "clone", "-q", "--depth", "1", "file://" + h.r.dir, shallow.toString());
            return new Setup(shallow, "HEAD~2..HEAD", "unknown revision 'HEAD~2' (the repository is a shallow clone");
        }),
        SHALLOW_CLONE_RANGE_BEYOND_ITS_HISTORY(tmp -> {
            History h = new History(tmp.resolve("repo"));
            Path shallow = tmp.resolve("shallow");
            git(tmp, "clone", "-q", "--depth", "1", "file://" + h.r.dir, shallow.toString());
            return new Setup(shallow, h.base.name() + "..HEAD", "object missing from the repository: Missing unknown "
                    + h.base.name() + " (the repository is a shallow clone");
        }),
        TRUNCATED_PACK(tmp -> {
            History h = new History(tmp.resolve("repo"));
            git(h.r.dir, "repack", "-a", "-d", "-q");
            git(h.r.dir, "prune-packed");
            Path pack;
            try (Stream<Path> s = Files.list(h.r.dir.resolve(".git/objects/pack"))) {
                pack = s.filter(p -> p.toString().endsWith(".pack")).findFirst().orElseThrow();
            }
            pack.toFile().setWritable(true);
            byte[] bytes = Files.readAllBytes(pack);
            Files.write(pack, java.util.Arrays.copyOf(bytes, bytes.length / 2));
            return new Setup(h.r.dir, h.range(), "");
        });

        final Builder builder;

        Defect(Builder builder) {
            this.builder = builder;
        }
    }

    static byte[] deflate(byte[] header, byte[] body) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        byte[] in = new byte[header.length + body.length];
        System.arraycopy(header, 0, in, 0, header.length);
        System.arraycopy(body, 0, in, header.length, body.length);
        d.setInput(in);
        d.finish();
        byte[] out = new byte[in.length + 64];
        int n = d.deflate(out);
        d.end();
        return java.util.Arrays.copyOf(out, n);
    }

    static boolean hasGit() {
        try {
            return new ProcessBuilder("git", "--version").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void git(Path dir, String... args) throws Exception {
        assumeTrue(hasGit(), "git is not installed");
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
    }

    @ParameterizedTest
    @EnumSource(Defect.class)
    void oneLineNamingTheRepositoryExitTwo(Defect defect, @TempDir Path tmp) throws Exception {
        Setup s = defect.builder.build(tmp);
        List<String> args = new java.util.ArrayList<>(List.of("series", "--repo", s.repo().toString(), "--range",
                s.range()));
        args.addAll(s.extra());
        long start = System.nanoTime();
        CliRun r = CliRun.of(args.toArray(String[]::new));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.exitCode()).as("%s: %s", defect, r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).as(defect.name()).doesNotContain("Exception", "\tat ").endsWith("\n");
        assertThat(r.err().split("\n", -1)).as("%s: %s", defect, r.err()).hasSize(2);
        assertThat(r.err()).as(defect.name()).startsWith("kimpact: error: " + s.where() + ": ").contains(s.message());
        assertThat(ms).as("%s: milliseconds", defect).isLessThan(BadInputCorpusTest.LIMIT_MS);
    }
}
