package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class GitSeriesReaderTest {

    @TempDir
    Path tmp;

    static final String BODY = "line one\nline two\nline three\nline four\nline five\nline six\n";

    @Test
    void walksOldestFirstWithFilesRenamesAndTrailers() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId base = r.commit("master", "base\n", f -> {
                f.put("arch/x86/kvm/x86.c", BODY);
                f.put("README", "readme\n");
            });
            ObjectId c1 = r.commit("master", "x86/fpu: add core\n\nBody.\n\nacked-BY: Thomas Gleixner <TGLX@kernel.org>\n"
                    + "Signed-Off-By :  Ann Author  <ann@example.org>\n", f -> f.put("arch/x86/kernel/fpu/core.c", "core\n"));
            ObjectId c2 = r.commit("master", "KVM: x86: rename\n", f -> {
                f.put("arch/x86/kvm/x86_new.c", f.remove("arch/x86/kvm/x86.c") + "line seven\n");
            });
            ObjectId c3 = r.commit("master", "docs: drop readme\n", f -> f.remove("README"));
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                GitSeriesReader.Range range = g.range(base.name() + "..master");
                List<String> patches = new ArrayList<>();
                List<Commit> commits = g.commits(range, (c, text) -> patches.add(text));
                assertThat(commits).extracting(Commit::id).containsExactly(c1.name(), c2.name(), c3.name());
                Commit first = commits.get(0);
                assertThat(first.subject()).isEqualTo("x86/fpu: add core");
                assertThat(first.author()).isEqualTo(new Person("Ann Author", "ann@example.org"));
                assertThat(first.date().toString()).isEqualTo("2018-12-01T13:00+01:00");
                assertThat(first.files()).containsExactly(
                        new FileChange("arch/x86/kernel/fpu/core.c", null, FileChange.Change.ADD));
                assertThat(first.trailers()).extracting(Trailer::key, Trailer::email).containsExactly(
                        tuple("Acked-by", "TGLX@kernel.org"), tuple("Signed-off-by", "ann@example.org"));
                assertThat(commits.get(1).files()).containsExactly(
                        new FileChange("arch/x86/kvm/x86_new.c", "arch/x86/kvm/x86.c", FileChange.Change.RENAME));
                assertThat(commits.get(2).files()).containsExactly(
                        new FileChange("README", null, FileChange.Change.DELETE));
                assertThat(patches.get(0)).contains("diff --git a/arch/x86/kernel/fpu/core.c b/arch/x86/kernel/fpu/core.c\n+core\n");
            }
        }
    }

    @Test
    void rootCommitInTheRange() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId root = r.commit("master", "root\n", f -> f.put("a.c", "a\n"));
            ObjectId next = r.commit("master", "second\n", f -> f.put("b.c", "b\n"));
            ObjectId other = r.commit("unrelated", "orphan root\n", f -> f.put("z.c", "z\n"));
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                List<Commit> commits = g.commits(g.range("unrelated..master"), null);
                assertThat(commits).extracting(Commit::id).containsExactly(root.name(), next.name());
                assertThat(commits.get(0).files()).containsExactly(new FileChange("a.c", null, FileChange.Change.ADD));
                assertThat(other).isNotNull();
            }
        }
    }

    @Test
    void mergeCommitInTheRangeListsNoFilesLikeGitLog() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId base = r.commit("master", "base\n", f -> f.put("a.c", "a\n"));
            r.branch("topic", "master");
            ObjectId t1 = r.commit("topic", "topic work\n", f -> f.put("t.c", "t\n"));
            ObjectId m1 = r.commit("master", "master work\n", f -> f.put("m.c", "m\n"));
            ObjectId merge = r.merge("master", "topic", "Merge branch 'topic'\n", f -> f.put("t.c", "t\n"));
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                List<Commit> commits = g.commits(g.range(base.name() + "..master"), null);
                assertThat(commits).extracting(Commit::id).containsExactlyInAnyOrder(t1.name(), m1.name(), merge.name());
                assertThat(commits.get(2).id()).isEqualTo(merge.name());
                assertThat(commits.get(2).merge()).isTrue();
                assertThat(commits.get(2).files()).isEmpty();
            }
        }
    }

    @Test
    void latin1MessageAndEmptyMessage() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId base = r.commit("master", "base\n", f -> f.put("a.c", "a\n"));
            PersonIdent jose = new PersonIdent("José Müller", "jose@example.org", Instant.parse("2018-12-11T09:00:00Z"),
                    ZoneOffset.ofHours(-5));
            r.commit("master", "Café: réparer\n\nSigned-off-by: José Müller <jose@example.org>\n",
                    StandardCharsets.ISO_8859_1, jose, jose, f -> f.put("a.c", "b\n"), List.of());
            r.commit("master", "", StandardCharsets.UTF_8, jose, jose, f -> f.put("c.c", "c\n"), List.of());
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                List<Commit> commits = g.commits(g.range(base.name() + ".."), null);
                assertThat(commits.get(0).subject()).isEqualTo("Café: réparer");
                assertThat(commits.get(0).author().name()).isEqualTo("José Müller");
                assertThat(commits.get(0).trailers()).extracting(Trailer::name).containsExactly("José Müller");
                assertThat(commits.get(0).date().toString()).isEqualTo("2018-12-11T04:00-05:00");
                assertThat(commits.get(1).subject()).isEmpty();
                assertThat(commits.get(1).trailers()).isEmpty();
            }
        }
    }

    @Test
    void readsAFileAtARevision() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId one = r.commit("master", "one\n", f -> f.put("MAINTAINERS", "v1\n"));
            r.commit("master", "two\n", f -> f.put("MAINTAINERS", "v2\n"));
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                assertThat(g.file(g.commit("master"), "MAINTAINERS")).contains("v2\n");
                assertThat(g.file(g.commit(one.name()), "MAINTAINERS")).contains("v1\n");
                assertThat(g.file(g.commit("master"), "nope")).isEmpty();
            }
        }
    }

    @Test
    void cleanMergeWhenBothSidesMakeTheSameChange() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            r.commit("master", "base\n", f -> f.put("x86.c", BODY));
            r.branch("kvm", "master");
            r.commit("master", "tip change\n", f -> f.put("x86.c", BODY.replace("two", "TWO")));
            r.commit("kvm", "kvm change\n", f -> f.put("x86.c", BODY.replace("two", "TWO")));
            r.commit("kvm", "kvm other\n", f -> f.put("kvm.c", "k\n"));
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                MergeCheck m = g.merge(g.commit("master"), "kvm");
                assertThat(m.clean()).isTrue();
                assertThat(m.conflicts()).isEmpty();
                assertThat(m.bases()).hasSize(1);
            }
        }
    }

    @Test
    void conflictListsTheCommitsOfEachSide() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId base = r.commit("master", "base\n", f -> {
                f.put("arch/x86/kvm/x86.c", BODY);
                f.put("arch/x86/kernel/fpu/core.c", BODY);
            });
            r.branch("kvm", "master");
            ObjectId ours1 = r.commit("master", "x86/fpu: unrelated\n", f -> f.put("arch/x86/kernel/fpu/core.c", "x\n"));
            ObjectId ours2 = r.commit("master", "x86: Remove Intel MPX\n",
                    f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "tip three")));
            ObjectId theirs1 = r.commit("kvm", "KVM: x86: use own XSAVE\n",
                    f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "kvm three")));
            ObjectId theirs2 = r.commit("kvm", "KVM: docs\n", f -> f.put("Documentation/kvm.rst", "d\n"));
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                MergeCheck m = g.merge(g.commit("master"), "kvm");
                assertThat(m.clean()).isFalse();
                assertThat(m.bases()).containsExactly(base.name());
                assertThat(m.theirs()).isEqualTo(theirs2.name());
                assertThat(m.conflicts()).containsExactly(new MergeCheck.Conflict("arch/x86/kvm/x86.c",
                        List.of(ours2.name()), List.of(theirs1.name())));
                assertThat(m.subjects()).containsEntry(theirs1.name(), "KVM: x86: use own XSAVE");
                assertThat(ours1).isNotNull();
            }
        }
    }

    @Test
    void crissCrossMergeBuildsItsVirtualBaseInMemory() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            r.commit("master", "base\n", f -> f.put("x.c", BODY));
            r.branch("a", "master");
            r.branch("b", "master");
            ObjectId a1 = r.commit("a", "a1\n", f -> f.put("a.c", "a\n"));
            ObjectId b1 = r.commit("b", "b1\n", f -> f.put("b.c", "b\n"));
            r.merge("a", b1.name(), "merge b1 into a\n", f -> f.put("b.c", "b\n"));
            r.merge("b", a1.name(), "merge a1 into b\n", f -> f.put("a.c", "a\n"));
            r.commit("a", "a3\n", f -> f.put("x.c", BODY.replace("one", "ONE")));
            r.commit("b", "b3\n", f -> f.put("x.c", BODY.replace("six", "SIX")));
            long before = countObjects(tmp.resolve(".git/objects"));
            try (GitSeriesReader g = GitSeriesReader.open(tmp)) {
                MergeCheck m = g.merge(g.commit("a"), "b");
                assertThat(m.bases()).containsExactlyInAnyOrder(a1.name(), b1.name());
                assertThat(m.clean()).isTrue();
            }
            assertThat(countObjects(tmp.resolve(".git/objects"))).isEqualTo(before);
        }
    }

    private static long countObjects(Path objects) throws Exception {
        try (var files = Files.walk(objects)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void userErrorsAreInputExceptions() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> GitSeriesReader.open(plain)).isInstanceOf(InputException.class)
                .hasMessageContaining("not a git repository");
        assertThatThrownBy(() -> GitSeriesReader.open(tmp.resolve("missing"))).isInstanceOf(InputException.class)
                .hasMessageContaining("no such directory");
        Path repoDir = tmp.resolve("repo");
        try (TestRepo r = TestRepo.init(repoDir)) {
            ObjectId a = r.commit("master", "a\n", f -> f.put("a", "a\n"));
            r.commit("master", "b\n", f -> f.put("b", "b\n"));
            try (GitSeriesReader g = GitSeriesReader.open(repoDir)) {
                assertThatThrownBy(() -> g.range("mastre..master")).isInstanceOf(InputException.class)
                        .satisfies(e -> assertThat(((InputException) e).render())
                                .endsWith("unknown revision 'mastre' (did you mean 'master'?)"));
                assertThatThrownBy(() -> g.commits(g.range("master..master"), null))
                        .hasMessageContaining("is empty");
                assertThatThrownBy(() -> g.commits(g.range("master.." + a.name()), null))
                        .hasMessageContaining("is reversed");
                assertThatThrownBy(() -> g.range("master")).hasMessageContaining("not of the form A..B");
                assertThatThrownBy(() -> g.range("a...b")).hasMessageContaining("symmetric difference");
                assertThatThrownBy(() -> g.range("master^{tree}..master")).hasMessageContaining("not a commit");
            }
        }
    }
}
