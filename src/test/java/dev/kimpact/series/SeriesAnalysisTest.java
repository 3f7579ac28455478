package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesAnalysisTest {

    static MaintainerIndex index;

    static final ReleaseCalendar CALENDAR = ReleaseCalendar.of(List.of(
            new ReleaseCalendar.Release("4.19", LocalDate.parse("2018-09-30"), LocalDate.parse("2018-10-22"),
                    LocalDate.parse("2018-10-22"), LocalDate.parse("2018-11-04")),
            new ReleaseCalendar.Release("4.20", LocalDate.parse("2018-12-09"), LocalDate.parse("2018-12-23"),
                    LocalDate.parse("2018-12-24"), LocalDate.parse("2019-01-06"))));

    @BeforeAll
    static void load() throws Exception {
        index = new MaintainerIndex(Maintainers.parse(MaintainersTest.fixture(), "MAINTAINERS"));
    }

    static Commit commit(String id, String date, List<String> paths, Trailer... trailers) {
        OffsetDateTime when = OffsetDateTime.parse(date);
        return new Commit(id, "subject of " + id, new Person("Ann", "ann@example.org"), when, when,
                paths.stream().map(p -> new FileChange(p, null, FileChange.Change.MODIFY)).toList(),
                List.of(trailers), false);
    }

    static SeriesReport analyze(List<Commit> commits, List<MergeCheck> merges) {
        return analyze(commits, merges, Map.of());
    }

    static SeriesReport analyze(List<Commit> commits, List<MergeCheck> merges, Map<String, List<Section>> hits) {
        return new SeriesAnalysis(CALENDAR, subject -> subject.contains("c9") ? Optional.of("x86-remove-intel-mpx")
                : Optional.empty()).analyze(new SeriesAnalysis.Input("repo", "a..b", "a..b", commits, index, hits,
                merges));
    }

    static List<Finding> rule(SeriesReport r, String id) {
        return r.findings().stream().filter(f -> f.rule().equals(id)).toList();
    }

    @Test
    void sectionsAreGatheredByPathInOrderOfFirstUseAndTheRulesApplied() {
        SeriesReport r = analyze(List.of(
                commit("c1", "2018-11-10T10:00:00+01:00", List.of("arch/x86/kvm/x86.c", "arch/x86/kvm/mmu.c"),
                        Trailers.of("Signed-off-by", "Ann <ann@example.org>"))), List.of());
        List<Finding> f = rule(r, "missing-maintainer-ack");
        assertThat(f).extracting(x -> x.evidence().get("section")).containsExactly(
                "KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)", "X86 ARCHITECTURE (32-BIT AND 64-BIT)");
        assertThat(f.get(0).evidence()).containsEntry("maintainers_file", "MAINTAINERS:20")
                .containsEntry("paths", List.of("arch/x86/kvm/mmu.c", "arch/x86/kvm/x86.c"));
        // THE REST (F: *, F: */) is touched too, as get_maintainer.pl lists it, but its chief maintainer is not asked.
        assertThat(r.sections()).extracting(s -> s.section().name()).containsExactly(
                "KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)", "X86 ARCHITECTURE (32-BIT AND 64-BIT)", "THE REST");
        assertThat(r.sections().get(0).paths()).containsExactly("arch/x86/kvm/mmu.c", "arch/x86/kvm/x86.c");
    }

    @Test
    void sectionsRecordWhichMaintainersSawTheSeries() {
        SeriesReport r = analyze(List.of(
                commit("c1", "2018-11-10T10:00:00+01:00", List.of("arch/x86/kvm/x86.c"),
                        Trailers.of("ACKED-by", "Paolo <PBonzini@RedHat.com>"),
                        Trailers.of("Cc", "x86@kernel.org")),
                commit("c2", "2018-11-10T11:00:00+01:00", List.of("arch/x86/kvm/mmu.c"),
                        Trailers.of("Reviewed-by", "Sean <seanjc@google.com>"),
                        Trailers.of("Signed-off-by", "Ingo Molnar <mingo@redhat.com>"))), List.of());
        assertThat(rule(r, "missing-maintainer-ack")).isEmpty();
        assertThat(r.sections().get(0).ackedBy()).extracting(Person::email)
                .containsExactly("seanjc@google.com", "pbonzini@redhat.com");
    }

    @Test
    void orphanSectionsAndTheRestAreNotReported() {
        SeriesReport r = analyze(List.of(commit("c1", "2018-11-10T10:00:00+01:00",
                List.of("drivers/orphan/a.c", "README"))), List.of());
        assertThat(rule(r, "missing-maintainer-ack")).isEmpty();
        assertThat(r.sections()).extracting(s -> s.section().name()).containsExactly("ORPHANED DRIVER", "THE REST");
    }

    @Test
    void keywordHitsTouchTheirSection() {
        Commit c = commit("c1", "2018-11-10T10:00:00+01:00", List.of("virt/lib/irq.c"));
        Section kvm = index.maintainers().sections().get(0);
        SeriesReport r = analyze(List.of(c), List.of(), Map.of("c1", List.of(kvm)));
        assertThat(rule(r, "missing-maintainer-ack")).extracting(f -> f.evidence().get("section"))
                .containsExactly("KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)");
    }

    @Test
    void withoutMaintainersNoSectionIsGathered() {
        SeriesReport r = new SeriesAnalysis(ReleaseCalendar.empty(), PatchModelIndex.none()).analyze(
                new SeriesAnalysis.Input(null, null, "x", List.of(commit("c1", "2018-12-20T10:00:00+00:00",
                        List.of("arch/x86/kvm/x86.c"))), null, null, List.of()));
        assertThat(r.sections()).isEmpty();
        assertThat(r.maintainersFile()).isNull();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void patchModelsAreMatchedBySubject() {
        SeriesReport r = analyze(List.of(commit("c9", "2018-11-10T10:00:00+01:00", List.of("README")),
                commit("c8", "2018-11-10T10:00:00+01:00", List.of("README"))), List.of());
        assertThat(r.models()).containsExactly(new SeriesReport.ModelMatch("c9", "x86-remove-intel-mpx"));
        assertThat(new SeriesAnalysis(CALENDAR, PatchModelIndex.none()).analyze(new SeriesAnalysis.Input(null, null,
                "x", List.of(commit("c9", "2018-11-10T10:00:00+01:00", List.of())), null, null, List.of())).models())
                .isEmpty();
    }

    @Test
    void findingsAreMostSevereFirst() {
        MergeCheck conflict = new MergeCheck("next", "b", "c", List.of(), false,
                List.of(new MergeCheck.Conflict("a", List.of(), List.of())), Map.of());
        SeriesReport r = analyze(List.of(commit("c1", "2018-12-20T10:00:00+00:00", List.of("net/x.c"))),
                List.of(conflict));
        assertThat(r.findings()).extracting(Finding::severity)
                .containsExactly(Severity.ERROR, Severity.WARNING, Severity.NOTE);
        assertThat(r.report().failsAt(Severity.ERROR)).isTrue();
    }
}
