package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import dev.kimpact.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.kimpact.rules.RulesFixture.AT;
import static dev.kimpact.rules.RulesFixture.findings;
import static dev.kimpact.rules.RulesFixture.seed;
import static org.assertj.core.api.Assertions.assertThat;

class MigrationXcrsRejectedRuleTest {

    @Test
    void firesWhenMpxIsInXcr0ButNotInTheDestinationsKvm() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: rhel-7}\n", """
                  - boot: {guest: g, host: old}
                  - migrate: {guest: g, from: old, to: new}
                """);
        List<Finding> f = findings(yaml, "migration-xcrs-rejected");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.host()).isEqualTo("new");
            assertThat(x.step()).isEqualTo("migrate g old->new");
            assertThat(x.message()).isEqualTo("KVM_SET_XCRS on new rejects g's state from old: live migration fails");
            assertThat(x.evidence()).containsOnlyKeys("xcr0", "errno", "reason", "outcome")
                    .containsEntry("errno", "-EINVAL")
                    .containsEntry("outcome", "migration fails; the guest keeps running on old");
            assertThat(x.evidence().get("reason").toString()).contains("outside guest_supported_xcr0");
        });
        // The failed migration leaves the guest on the source: nothing is lost.
        assertThat(findings(yaml, "xstate-lost")).isEmpty();
    }

    @Test
    void aQemuBeforeEightTwoIgnoresTheErrorAndTheGuestResumesWithItsXcr0NotLoaded() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: rhel-7, vmm: {qemu: \"3.1\"}}\n", """
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [avx]}
                  - migrate: {guest: g, from: old, to: new}
                """);
        assertThat(findings(yaml, "migration-xcrs-rejected")).singleElement().satisfies(x -> {
            assertThat(x.message()).endsWith(": the guest resumes with state lost");
            assertThat(x.evidence().get("outcome").toString()).startsWith("the VMM (QEMU before 8.2) ignores");
        });
        assertThat(findings(yaml, "xstate-lost")).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("avx"));
    }

    @Test
    void silentAfterOnlyTheApiRemoval() {
        String yaml = seed("x86-mpx-remove-apis", "  - {name: g, kernel: rhel-7}\n", """
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [bndregs, bndcsr]}
                  - migrate: {guest: g, from: old, to: new}
                """);
        assertThat(findings(yaml, "migration-xcrs-rejected")).isEmpty();
        assertThat(findings(yaml, "migration-xsave-rejected")).isEmpty();
        assertThat(findings(yaml, "xstate-lost")).isEmpty();
    }

    @Test
    void silentOnAKvmSetXsaveRejection() {
        Scenario.Step mg = new Scenario.Migrate("g", "a", "b", AT);
        assertThat(new MigrationXcrsRejectedRule().apply(List.of(new Observation.IoctlRejected("KVM_SET_XSAVE", "g",
                "a", "b", mg, AT, 0x1BL, "r", true, -1L, -1L)), "s")).isEmpty();
    }
}
