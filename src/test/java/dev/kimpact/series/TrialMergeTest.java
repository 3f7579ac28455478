package dev.kimpact.series;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrialMergeTest {

    @TempDir
    Path tmp;

    @Test
    void cleanMergeWhenBothSidesMakeTheSameChange() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            r.commit("master", "base\n", f -> f.put("x86.c", TestRepo.SIX_LINES));
            r.branch("kvm", "master");
            r.commit("master", "tip change\n", f -> f.put("x86.c", TestRepo.SIX_LINES.replace("two", "TWO")));
            r.commit("kvm", "kvm change\n", f -> f.put("x86.c", TestRepo.SIX_LINES.replace("two", "TWO")));
            r.commit("kvm", "kvm other\n", f -> f.put("kvm.c", "k\n"));
            try (GitRepository g = GitRepository.open(tmp)) {
                MergeCheck m = new TrialMerge(g).check(g.commit("master"), "kvm");
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
                f.put("arch/x86/kvm/x86.c", TestRepo.SIX_LINES);
                f.put("arch/x86/kernel/fpu/core.c", TestRepo.SIX_LINES);
            });
            r.branch("kvm", "master");
            ObjectId ours1 = r.commit("master", "x86/fpu: unrelated\n", f -> f.put("arch/x86/kernel/fpu/core.c", "x\n"));
            ObjectId ours2 = r.commit("master", "x86: Remove Intel MPX\n",
                    f -> f.put("arch/x86/kvm/x86.c", TestRepo.SIX_LINES.replace("three", "tip three")));
            ObjectId theirs1 = r.commit("kvm", "KVM: x86: use own XSAVE\n",
                    f -> f.put("arch/x86/kvm/x86.c", TestRepo.SIX_LINES.replace("three", "kvm three")));
            ObjectId theirs2 = r.commit("kvm", "KVM: docs\n", f -> f.put("Documentation/kvm.rst", "d\n"));
            try (GitRepository g = GitRepository.open(tmp)) {
                MergeCheck m = new TrialMerge(g).check(g.commit("master"), "kvm");
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
            r.commit("master", "base\n", f -> f.put("x.c", TestRepo.SIX_LINES));
            r.branch("a", "master");
            r.branch("b", "master");
            ObjectId a1 = r.commit("a", "a1\n", f -> f.put("a.c", "a\n"));
            ObjectId b1 = r.commit("b", "b1\n", f -> f.put("b.c", "b\n"));
            r.merge("a", b1.name(), "merge b1 into a\n", f -> f.put("b.c", "b\n"));
            r.merge("b", a1.name(), "merge a1 into b\n", f -> f.put("a.c", "a\n"));
            r.commit("a", "a3\n", f -> f.put("x.c", TestRepo.SIX_LINES.replace("one", "ONE")));
            r.commit("b", "b3\n", f -> f.put("x.c", TestRepo.SIX_LINES.replace("six", "SIX")));
            long before = countObjects(tmp.resolve(".git/objects"));
            try (GitRepository g = GitRepository.open(tmp)) {
                MergeCheck m = new TrialMerge(g).check(g.commit("a"), "b");
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
}
