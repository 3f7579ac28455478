package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MergeConflictRuleTest {

    static final String BASE = "a".repeat(40);
    static final String TIP = "b".repeat(40);

    static List<Finding> apply(MergeCheck... merges) {
        return new MergeConflictRule().apply(new SeriesFacts("repo", "a..b", List.of(), List.of(), null,
                List.of(merges)));
    }

    @Test
    void firesWithTheMergeBaseAndTheCommitsOfBothSides() {
        MergeCheck conflict = new MergeCheck("kvm/next", TIP, "c".repeat(40), List.of(BASE), false,
                List.of(new MergeCheck.Conflict("arch/x86/kvm/x86.c", List.of("c1", "c2"), List.of("k1"))), Map.of());
        List<Finding> f = apply(conflict);
        assertThat(f).hasSize(1);
        Finding merge = f.get(0);
        assertThat(merge.rule()).isEqualTo("merge-conflict");
        assertThat(merge.severity()).isEqualTo(Severity.ERROR);
        assertThat(merge.scenario()).isEqualTo("a..b");
        assertThat(merge.step()).isEqualTo("c2");
        assertThat(merge.location().file()).isEqualTo("repo");
        assertThat(merge.message()).isEqualTo("merging kvm/next conflicts in 1 path: arch/x86/kvm/x86.c");
        assertThat(merge.evidence()).containsEntry("against", "kvm/next").containsEntry("ours", TIP)
                .containsEntry("merge_base", BASE)
                .containsEntry("conflicts", List.of(Map.of("path", "arch/x86/kvm/x86.c", "ours", List.of("c1", "c2"),
                        "theirs", List.of("k1"))));
    }

    @Test
    void namesFiveConflictingPathsAtMostAndEveryMergeBaseOfACrissCross() {
        List<MergeCheck.Conflict> six = List.of("a", "b", "c", "d", "e", "f").stream()
                .map(p -> new MergeCheck.Conflict(p, List.of(), List.of())).toList();
        Finding f = apply(new MergeCheck("next", TIP, "c", List.of(BASE, "d"), false, six, Map.of())).get(0);
        assertThat(f.message()).isEqualTo("merging next conflicts in 6 paths: a, b, c, d, e, ...");
        assertThat(f.evidence()).containsEntry("merge_base", List.of(BASE, "d"));
        assertThat(f.step()).as("no commit of the series touches a conflicting path").isNull();
    }

    @Test
    void silentWhenEveryMergeIsClean() {
        MergeCheck clean = new MergeCheck("tip/x86/core", TIP, "d".repeat(40), List.of(BASE), true, List.of(),
                Map.of());
        assertThat(apply(clean)).isEmpty();
        assertThat(apply()).isEmpty();
    }
}
