package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class CommitWalkTest {

    @TempDir
    Path tmp;

    @Test
    void walksOldestFirstWithFilesRenamesAndTrailers() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId base = r.commit("master", "base\n", f -> {
                f.put("arch/x86/kvm/x86.c", TestRepo.SIX_LINES);
                f.put("README", "readme\n");
            });
            ObjectId c1 = r.commit("master", "x86/fpu: add core\n\nBody.\n\nacked-BY: Thomas Gleixner <TGLX@kernel.org>\n"
                    + "Signed-Off-By :  Ann Author  <ann@example.org>\n", f -> f.put("arch/x86/kernel/fpu/core.c", "core\n"));
            ObjectId c2 = r.commit("master", "KVM: x86: rename\n", f -> {
                f.put("arch/x86/kvm/x86_new.c", f.remove("arch/x86/kvm/x86.c") + "line seven\n");
            });
            ObjectId c3 = r.commit("master", "docs: drop readme\n", f -> f.remove("README"));
            try (GitRepository g = GitRepository.open(tmp)) {
                RevisionRange range = g.range(base.name() + "..master");
                List<String> patches = new ArrayList<>();
                List<Commit> commits = new CommitWalk(g).commits(range, (c, text) -> patches.add(text));
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
            try (GitRepository g = GitRepository.open(tmp)) {
                List<Commit> commits = new CommitWalk(g).commits(g.range("unrelated..master"), null);
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
            try (GitRepository g = GitRepository.open(tmp)) {
                List<Commit> commits = new CommitWalk(g).commits(g.range(base.name() + "..master"), null);
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
            try (GitRepository g = GitRepository.open(tmp)) {
                List<Commit> commits = new CommitWalk(g).commits(g.range(base.name() + ".."), null);
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
    void anEmptyOrReversedRangeIsAnInputException() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            ObjectId a = r.commit("master", "a\n", f -> f.put("a", "a\n"));
            r.commit("master", "b\n", f -> f.put("b", "b\n"));
            try (GitRepository g = GitRepository.open(tmp)) {
                assertThatThrownBy(() -> new CommitWalk(g).commits(g.range("master..master"), null))
                        .isInstanceOf(InputException.class)
                        .hasMessageContaining("range 'master..master' is empty: master and master are the same commit");
                assertThatThrownBy(() -> new CommitWalk(g).commits(g.range("master.." + a.name()), null))
                        .isInstanceOf(InputException.class)
                        .hasMessageContaining("is reversed: " + a.name() + " is an ancestor of master");
            }
        }
    }
}
