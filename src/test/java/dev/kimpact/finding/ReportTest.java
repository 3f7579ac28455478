package dev.kimpact.finding;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    private static Finding finding(RuleId rule, Severity severity, String guest) {
        return new Finding(rule.id(), severity, "s", Map.of(), guest, "new", null, null, "m", Map.of(), "r");
    }

    @Test
    void failsAtCountsFindingsAtOrAboveTheThresholdThatNoExpectationAnticipated() {
        Finding warning = finding(RuleId.USER_ABI_REMOVED, Severity.WARNING, null);
        Finding error = finding(RuleId.XSETBV_FAULT, Severity.ERROR, "g");
        Report anticipatedError = new Report(List.of(warning, error), List.of(), List.of(), List.of(error));
        assertThat(anticipatedError.failsAt(Severity.ERROR)).isFalse();
        assertThat(anticipatedError.failsAt(Severity.WARNING)).isTrue();
        assertThat(anticipatedError.failsAt(null)).isFalse();
        assertThat(new Report(List.of(error), List.of(), List.of()).failsAt(Severity.ERROR)).isTrue();
        assertThat(anticipatedError.summary()).containsEntry(Severity.ERROR, 1).containsEntry(Severity.WARNING, 1)
                .containsEntry(Severity.NOTE, 0);
    }

    @Test
    void expectationsOverCasesAreMetOnlyWhenMetInEveryCase() {
        Report.Expectation met = new Report.Expectation("xstate-lost", "g", null, true, true);
        Report.Expectation unmet = new Report.Expectation("xstate-lost", "g", null, true, false);
        Report.Expectation other = new Report.Expectation("xsetbv-fault", null, null, false, true);
        assertThat(Expectations.allCases(List.of(List.of(met, other), List.of(unmet))))
                .containsExactly(unmet, other);
        assertThat(Expectations.allCases(List.of(List.of(met), List.of(met)))).containsExactly(met);
    }

    @Test
    void shardsSplitCasesByIndexModuloCount() {
        Shard second = Shard.parse("2/3");
        assertThat(second.includes(1)).isTrue();
        assertThat(second.includes(4)).isTrue();
        assertThat(second.includes(0)).isFalse();
        assertThat(Shard.ALL.includes(7)).isTrue();
    }
}
