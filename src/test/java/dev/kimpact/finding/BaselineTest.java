package dev.kimpact.finding;

import dev.kimpact.diag.Location;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BaselineTest {

    private static Finding finding(String rule, String guest, String step, int line, String message) {
        return new Finding(rule, Severity.ERROR, "mpx-removal-in-4.21", Map.of(), guest, "new", step,
                new Location("a.yaml", line, 0), message, Map.of("errno", "-EINVAL"), "r");
    }

    private static Finding lost(String guest) {
        return finding("xstate-lost", guest, "migrate " + guest + " old->new", 36, guest + " lost state");
    }

    @Test
    void aFindingOfTheBaselineIsUnchangedAndOneThatIsNotIsNew() {
        Baseline baseline = new Baseline("b.json", List.of(lost("rhel7")));
        Finding same = lost("rhel7");
        Finding other = lost("rhel7-idle");
        Baseline.Comparison c = baseline.compare(List.of(same, other), List.of());
        assertThat(c.state(same)).isEqualTo(Baseline.State.UNCHANGED);
        assertThat(c.state(other)).isEqualTo(Baseline.State.NEW);
        assertThat(c.absent()).isEmpty();
        assertThat(c.file()).isEqualTo("b.json");
        assertThat(c.count(List.of(same, other), Baseline.State.NEW)).isEqualTo(1);
    }

    @Test
    void aBaselineFindingThisRunLacksIsAbsentInTheBaselinesOrder() {
        Finding gone = lost("rhel6");
        Finding alsoGone = finding("xsetbv-fault", "fixed-mask", "boot", 43, "#GP");
        Baseline baseline = new Baseline("b.json", List.of(gone, lost("rhel7"), alsoGone));
        Baseline.Comparison c = baseline.compare(List.of(lost("rhel7")), List.of());
        assertThat(c.absent()).containsExactly(gone, alsoGone);
    }

    @Test
    void messageStepLineAndEvidenceDoNotChangeTheIdentityButTheCaseDoes() {
        Finding before = lost("rhel7");
        Finding moved = finding("xstate-lost", "rhel7", "migrate rhel7 a->new", 52, "rhel7 lost avx state");
        assertThat(Baseline.key(moved)).isEqualTo(Baseline.key(before));
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("cpu", "genoa");
        ab.put("hosts.new.kernel", "4.22");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("hosts.new.kernel", "4.22");
        ba.put("cpu", "genoa");
        assertThat(Baseline.key(before.withBindings(ab))).isEqualTo(Baseline.key(before.withBindings(ba)))
                .isNotEqualTo(Baseline.key(before));
        assertThat(Baseline.key(before.withSeverity(Severity.NOTE))).isEqualTo(Baseline.key(before));
    }

    @Test
    void findingsOfOneKeyAreMatchedInOrderAndCounted() {
        Finding first = lost("rhel7");
        Finding second = finding("xstate-lost", "rhel7", "migrate rhel7 new->old", 40, "again");
        Baseline baseline = new Baseline("b.json", List.of(lost("rhel7")));
        Baseline.Comparison c = baseline.compare(List.of(first, second), List.of());
        assertThat(c.state(first)).isEqualTo(Baseline.State.UNCHANGED);
        assertThat(c.state(second)).isEqualTo(Baseline.State.NEW);

        Baseline two = new Baseline("b.json", List.of(lost("rhel7"), lost("rhel7")));
        assertThat(two.compare(List.of(first), List.of()).absent()).hasSize(1);
    }

    @Test
    void aBaselineFindingNowSuppressedIsNotAbsent() {
        Finding suppressed = lost("rhel7");
        Baseline.Comparison c = new Baseline("b.json", List.of(lost("rhel7"))).compare(List.of(), List.of(suppressed));
        assertThat(c.absent()).isEmpty();
        assertThat(c.state(suppressed)).isEqualTo(Baseline.State.UNCHANGED);
        Report report = new Report(List.of(), List.of(new Report.Suppressed(suppressed, "--ignore xstate-lost")),
                List.of());
        assertThat(new Baseline("b.json", List.of(lost("rhel7"))).compare(report).absent()).isEmpty();
    }

    @Test
    void onlyTheFindingsAPredicateCountsFailARun() {
        Finding old = lost("rhel7");
        Finding fresh = lost("rhel7-idle");
        Report report = new Report(List.of(old, fresh), List.of(), List.of());
        Baseline.Comparison c = new Baseline("b.json", List.of(lost("rhel7"))).compare(report);
        assertThat(report.failsAt(Severity.ERROR, f -> c.state(f) == Baseline.State.NEW)).isTrue();
        Report onlyOld = new Report(List.of(old), List.of(), List.of());
        Baseline.Comparison d = new Baseline("b.json", List.of(lost("rhel7"))).compare(onlyOld);
        assertThat(onlyOld.failsAt(Severity.ERROR, f -> d.state(f) == Baseline.State.NEW)).isFalse();
        assertThat(onlyOld.failsAt(Severity.ERROR)).isTrue();
    }

    @Test
    void theMatcherClassifiesAsFindingsArriveAndKnowsWhatIsStillAbsent() {
        Baseline.Matcher m = new Baseline("b.json", List.of(lost("rhel7"), lost("rhel6"))).matcher();
        assertThat(m.classify(lost("rhel7"))).isEqualTo(Baseline.State.UNCHANGED);
        assertThat(m.absent()).extracting(Finding::guest).containsExactly("rhel6");
        assertThat(m.classify(lost("rhel6"))).isEqualTo(Baseline.State.UNCHANGED);
        assertThat(m.classify(lost("rhel6"))).isEqualTo(Baseline.State.NEW);
        assertThat(m.absent()).isEmpty();
        assertThat(Baseline.State.ABSENT.id()).isEqualTo("absent");
    }
}
