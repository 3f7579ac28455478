package dev.kimpact.cli;

import dev.kimpact.finding.RuleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExplainCommandTest {

    @Test
    void listsEveryRuleWithSeverityAndSummary() {
        CliRun run = CliRun.of("explain");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("RULE ");
        for (RuleId r : RuleId.values()) {
            assertThat(run.out()).containsPattern("(?m)^" + r.id() + " +" + r.severity().id() + " +"
                    + java.util.regex.Pattern.quote(r.summary()) + "$");
        }
    }

    @Test
    void printsTheExplanationOfOneRule() {
        CliRun run = CliRun.of("explain", "migration-xcrs-rejected");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(RuleId.MIGRATION_XCRS_REJECTED.explanation())
                .startsWith("migration-xcrs-rejected (error)\n")
                .contains("eb012ef3b4e3", "b666a4b69739", "breaks live migration");
    }

    @Test
    void unknownRuleIsBadInputWithASuggestion() {
        CliRun run = CliRun.of("explain", "xstate-los");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("unknown rule 'xstate-los'").contains("did you mean 'xstate-lost'?");
    }

    @Test
    void helpHasExamplesAndExitStatus() {
        CliRun run = CliRun.of("explain", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Examples:", "kimpact explain migration-xcrs-rejected", "Exit status:");
    }

    @ParameterizedTest
    @EnumSource(RuleId.class)
    void everyRuleHasACompleteExplanation(RuleId rule) throws Exception {
        try (InputStream in = RuleId.class.getResourceAsStream("/dev/kimpact/rules/explain/" + rule.id() + ".txt")) {
            assertThat(in).as("resource for " + rule.id()).isNotNull();
        }
        String text = rule.explanation();
        assertThat(text).startsWith(rule.id() + " (" + rule.severity().id() + ")\n")
                .contains("\nWHAT FIRES IT\n", "\nHISTORY\n", "\nHOW TO FIX IT\n", "\nHOW TO SUPPRESS IT\n",
                        "\nSOURCES\n")
                .contains("--ignore " + rule.id())
                .contains("ignore:\n", "- rule: " + rule.id() + "\n", "reason: \"")
                .endsWith("\n")
                .doesNotContain("\t");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length() <= 80 || line.strip().startsWith("- http"))
                .as("line too long: " + line).isTrue());
    }
}
