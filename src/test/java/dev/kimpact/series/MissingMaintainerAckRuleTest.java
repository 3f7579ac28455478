package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kimpact.series.SeriesAnalysisTest.commit;
import static org.assertj.core.api.Assertions.assertThat;

class MissingMaintainerAckRuleTest {

    static final List<Section> SECTIONS = Maintainers.parse("""
            KVM X86
            M:\tSean Christopherson <seanjc@google.com>
            M:\tPaolo Bonzini <pbonzini@redhat.com>
            S:\tSupported
            F:\tarch/x86/kvm/

            ORPHANED DRIVER
            M:\tGone <gone@example.org>
            S:\tOrphan
            F:\tdrivers/orphan/

            LISTS ONLY
            L:\tlist@vger.kernel.org
            F:\tlib/

            X86 ARCHITECTURE
            M:\tThomas Gleixner <tglx@linutronix.de>
            S:\tMaintained
            F:\tarch/x86/
            """, "MAINTAINERS").sections();

    static final Section KVM = SECTIONS.get(0);

    /** The section touched by every commit given, at {@code path}. */
    static SeriesReport.SectionUse use(Section s, String path, boolean catchAll, Commit... commits) {
        return new SeriesReport.SectionUse(s, List.of(path), List.of(),
                List.of(commits).stream().map(Commit::id).toList(), catchAll);
    }

    static List<Finding> apply(SeriesReport.SectionUse use, Commit... commits) {
        return new MissingMaintainerAckRule(AckGrouping.SECTION).apply(new SeriesFacts(null, "a..b", List.of(commits), List.of(use),
                "MAINTAINERS", List.of()));
    }

    @Test
    void firesWithTheSectionItsMaintainersAndTheCommitsThatLackThem() {
        Commit acked = commit("c1", "2018-11-10T10:00:00+01:00", List.of("arch/x86/kvm/x86.c"),
                Trailers.of("Acked-by", "Paolo <pbonzini@redhat.com>"));
        Commit lacking = commit("c2", "2018-11-10T11:00:00+01:00", List.of("arch/x86/kvm/x86.c"),
                Trailers.of("Signed-off-by", "Ann <ann@example.org>"), Trailers.of("Cc", "kvm@vger.kernel.org"));
        List<Finding> f = apply(use(KVM, "arch/x86/kvm/x86.c", false, acked, lacking), acked, lacking);
        assertThat(f).hasSize(1);
        Finding kvm = f.get(0);
        assertThat(kvm.rule()).isEqualTo("missing-maintainer-ack");
        assertThat(kvm.severity()).isEqualTo(Severity.WARNING);
        assertThat(kvm.step()).isEqualTo("c2");
        assertThat(kvm.location().file()).isEqualTo("MAINTAINERS");
        assertThat(kvm.location().line()).isEqualTo(1);
        assertThat(kvm.message()).isEqualTo("no maintainer of KVM X86 (seanjc@google.com, pbonzini@redhat.com) signed,"
                + " acked, reviewed or was Cc'd on 1 commit touching it");
        assertThat(kvm.evidence()).containsEntry("section", "KVM X86")
                .containsEntry("maintainers", List.of("Sean Christopherson <seanjc@google.com>",
                        "Paolo Bonzini <pbonzini@redhat.com>"))
                .containsEntry("maintainers_file", "MAINTAINERS:1")
                .containsEntry("commits", List.of("c2"))
                .containsEntry("paths", List.of("arch/x86/kvm/x86.c"));
    }

    @Test
    void silentWhenAMaintainerSignedAckedReviewedOrWasCcdInAnyCase() {
        for (String trailer : List.of("Signed-off-by", "ACKED-by", "Reviewed-by", "Cc")) {
            Commit c = commit("c1", "2018-11-10T10:00:00+01:00", List.of("arch/x86/kvm/x86.c"),
                    Trailers.of(trailer, "Sean <SeanJC@Google.com>"));
            assertThat(apply(use(KVM, "arch/x86/kvm/x86.c", false, c), c)).as(trailer).isEmpty();
        }
    }

    @Test
    void silentForOrphanSectionsCatchAllsAndSectionsWithoutMaintainers() {
        Commit c = commit("c1", "2018-11-10T10:00:00+01:00", List.of("drivers/orphan/a.c", "lib/x.c", "README"));
        assertThat(apply(use(SECTIONS.get(1), "drivers/orphan/a.c", false, c), c)).isEmpty();
        assertThat(apply(use(SECTIONS.get(2), "lib/x.c", false, c), c)).isEmpty();
        assertThat(apply(use(KVM, "README", true, c), c)).isEmpty();
    }

    @Test
    void perCommitGroupingReportsEachCommitWithTheSectionsItLacks() {
        Section x86 = SECTIONS.get(3);
        Commit both = commit("c1", "2018-11-10T10:00:00+01:00", List.of("arch/x86/kvm/x86.c"),
                Trailers.of("Signed-off-by", "Ann <ann@example.org>"));
        Commit kvmAcked = commit("c2", "2018-11-10T11:00:00+01:00", List.of("arch/x86/kvm/x86.c"),
                Trailers.of("Acked-by", "Paolo <pbonzini@redhat.com>"));
        Commit allAcked = commit("c3", "2018-11-10T12:00:00+01:00", List.of("arch/x86/kvm/x86.c"),
                Trailers.of("Acked-by", "Paolo <pbonzini@redhat.com>"), Trailers.of("Acked-by", "tglx@linutronix.de"));
        List<SeriesReport.SectionUse> uses = List.of(use(KVM, "arch/x86/kvm/x86.c", false, both, kvmAcked, allAcked),
                use(x86, "arch/x86/kvm/x86.c", false, both, kvmAcked, allAcked));
        SeriesFacts facts = new SeriesFacts(null, "a..b", List.of(both, kvmAcked, allAcked), uses, "MAINTAINERS",
                List.of());
        List<Finding> perCommit = new MissingMaintainerAckRule(AckGrouping.COMMIT).apply(facts);
        assertThat(perCommit).extracting(Finding::step).containsExactly("c1", "c2");
        assertThat(perCommit.get(0).message()).endsWith("has no signature, ack, review or Cc from a maintainer of "
                + "KVM X86, X86 ARCHITECTURE");
        assertThat(perCommit.get(0).remedy()).startsWith("Cc pbonzini@redhat.com, seanjc@google.com, tglx@linutronix.de");
        assertThat(perCommit.get(1).message()).endsWith("from a maintainer of X86 ARCHITECTURE");
        assertThat(perCommit.get(1).evidence()).containsEntry("commit", "c2");
        // The same series per section: one finding each, KVM lacking c1 and X86 lacking c1 and c2.
        List<Finding> perSection = new MissingMaintainerAckRule(AckGrouping.SECTION).apply(facts);
        assertThat(perSection).extracting(f -> f.evidence().get("commits"))
                .containsExactly(List.of("c1"), List.of("c1", "c2"));
    }
}
