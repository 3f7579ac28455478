package dev.kimpact.rules;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import static dev.kimpact.rules.RulesFixture.run;
import static dev.kimpact.rules.RulesFixture.seed;
import static org.assertj.core.api.Assertions.assertThat;

class ExpectationUnmetRuleTest {

    private static final String XSETBV = seed("x86-remove-intel-mpx", "  - {name: g, kernel: fixed-xcr0}\n",
            "  - boot: {guest: g, host: new}\n");

    @Test
    void firesWhenAnExpectedFindingIsAbsent() {
        Analyzer.CaseResult r = run(XSETBV + "expect:\n  - {rule: xsetbv-fault, guest: g, host: old}\n");
        assertThat(r.expectations()).singleElement().satisfies(e -> assertThat(e.met()).isFalse());
        assertThat(r.findings()).filteredOn(f -> f.rule().equals("expectation-unmet")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).isEqualTo("expected xsetbv-fault for g on old to be present, but it is absent");
            assertThat(f.evidence()).containsExactly(java.util.Map.entry("expected", "present"),
                    java.util.Map.entry("found", "absent"));
            assertThat(f.location().line()).isEqualTo(11);
        });
    }

    @Test
    void firesWhenAFindingExpectedAbsentIsPresent() {
        Analyzer.CaseResult r = run(XSETBV + "expect:\n  - {rule: xsetbv-fault, present: false}\n");
        assertThat(r.findings()).extracting(Finding::message)
                .contains("expected xsetbv-fault to be absent, but it is present");
    }

    @Test
    void silentWhenTheExpectationHoldsAndTheFindingIsAnticipated() {
        Analyzer.CaseResult r = run(XSETBV + "expect:\n  - {rule: xsetbv-fault, guest: g, host: new}\n");
        assertThat(r.expectations()).extracting(Report.Expectation::met).containsExactly(true);
        assertThat(r.findings()).noneMatch(f -> f.rule().equals("expectation-unmet"));
        assertThat(r.anticipated()).extracting(Finding::rule).containsExactly("xsetbv-fault");
    }
}
