package dev.kimpact.finding;

import dev.kimpact.diag.InputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleIdTest {

    @Test
    void byIdFindsARuleAndSuggestsTheNearestForATypo() {
        assertThat(RuleId.byId("xstate-lost")).isEqualTo(RuleId.XSTATE_LOST);
        assertThatThrownBy(() -> RuleId.byId("xstate-lots"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("unknown rule 'xstate-lots'")
                .extracting(e -> ((InputException) e).suggestion()).isEqualTo("xstate-lost");
    }

    @Test
    void everyRuleIdHasALongExplanationThatStartsWithItsId() {
        for (RuleId id : RuleId.values()) {
            assertThat(id.explanation()).as(id.id()).startsWith(id.id() + " (" + id.severity().id() + ")")
                    .contains("HOW TO SUPPRESS IT");
        }
    }

    @Test
    void ruleClassNamesAreTheIdsInCamelCase() {
        assertThat(Rule.className(RuleId.XSTATE_LOST)).isEqualTo("XstateLostRule");
        assertThat(Rule.className(RuleId.CPUID_XCR0_MISMATCH)).isEqualTo("CpuidXcr0MismatchRule");
        assertThat(Rule.className(RuleId.LATE_FOR_MERGE_WINDOW)).isEqualTo("LateForMergeWindowRule");
    }
}
