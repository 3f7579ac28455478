package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.scenario.Scenario;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.rules.RulesFixture.AT;
import static dev.kimpact.rules.RulesFixture.evidence;
import static dev.kimpact.rules.RulesFixture.findings;
import static dev.kimpact.rules.RulesFixture.seed;
import static org.assertj.core.api.Assertions.assertThat;

class MigrationXsaveRejectedRuleTest {

    /** rhel-7 with {@code state} in use migrates from 4.20 to 4.21 with MPX removed. */
    private static String migrating(String state) {
        return seed("x86-remove-intel-mpx", "  - {name: g, kernel: rhel-7}\n", """
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [%s]}
                  - migrate: {guest: g, from: old, to: new}
                """.formatted(state));
    }

    @Test
    void firesWhenMpxStateIsInXstateBv() {
        String yaml = migrating("bndregs");
        List<Finding> f = findings(yaml, "migration-xsave-rejected");
        assertThat(f).singleElement().satisfies(x -> {
            Map<String, Object> bv = evidence(x, "xstate_bv");
            assertThat(bv.get("components").toString()).contains("bndregs");
            assertThat(x.evidence()).containsOnlyKeys("xstate_bv", "errno", "reason", "outcome");
            assertThat(x.evidence().get("outcome").toString()).contains("keeps running on old");
            assertThat(x.message()).isEqualTo("KVM_SET_XSAVE on new rejects g's state from old: live migration fails");
        });
        // KVM_SET_XSAVE comes first: KVM_SET_XCRS is never issued.
        assertThat(findings(yaml, "migration-xcrs-rejected")).isEmpty();
    }

    @Test
    void thenStateLostWhenTheVmmIgnoresTheError() {
        String yaml = seed("x86-remove-intel-mpx",
                "  - {name: g, kernel: rhel-7, vmm: {qemu: \"7.2\"}}\n", """
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [bndregs, avx]}
                  - migrate: {guest: g, from: old, to: new}
                """);
        assertThat(findings(yaml, "migration-xsave-rejected")).singleElement().satisfies(x -> {
            assertThat(x.message()).endsWith(": the guest resumes with state lost");
            assertThat(x.evidence().get("outcome").toString())
                    .isEqualTo("the VMM (QEMU before 8.2) ignores the error, skips the register puts after it and resumes "
                            + "the guest on new with incomplete state");
        });
        List<Finding> lost = findings(yaml, "xstate-lost");
        assertThat(lost).singleElement().satisfies(x -> assertThat(x.message()).contains("avx"));
    }

    @Test
    void silentWhenNoMpxStateTravels() {
        assertThat(findings(migrating("avx"), "migration-xsave-rejected")).isEmpty();
    }

    @Test
    void remedyNamesWhatCannotTakeTheRejectedComponents() {
        // PKRU saved on a PKU host, refused where the CPU has none (8647c52e9504's "target host doesn't support the
        // over-saved set of xfeatures").
        assertThat(remedy(0x207L, 0x7L, 0x7L, false)).startsWith("b's CPU has no 0x200 (pkru): no kernel there")
                .doesNotContain("8647c52e9504").endsWith("so the guest stays on its source");
        // MPX refused by a kernel that dropped it from KVM's XCR0 on a CPU that has it (December 2018).
        assertThat(remedy(0x1BL, 0x2E7L, 0x2FFL, false)).startsWith("keep 0x18 (bndregs|bndcsr) in the XCR0 KVM "
                + "supports on b");
        // Refused by KVM_SET_XSAVE's policy although KVM supports it: 8647c52e9504 widens the policy. QEMU 8.2
        // already aborts: no advice about the VMM.
        assertThat(remedy(0x207L, 0x207L, 0x207L, true))
                .isEqualTo("accept on KVM_SET_XSAVE every component the host supports (8647c52e9504)");
    }

    private static String remedy(long xstateBv, long kvmSupported, long cpuSupported, boolean aborted) {
        Scenario.Step mg = new Scenario.Migrate("g", "a", "b", AT);
        List<Finding> f = new MigrationXsaveRejectedRule().apply(List.of(new Observation.IoctlRejected(
                "KVM_SET_XSAVE", "g", "a", "b", mg, AT, xstateBv, "r", aborted, kvmSupported, cpuSupported)), "s");
        assertThat(f).hasSize(1);
        return f.get(0).remedy();
    }

    @Test
    void silentOnAKvmSetXcrsRejection() {
        Scenario.Step mg = new Scenario.Migrate("g", "a", "b", AT);
        assertThat(new MigrationXsaveRejectedRule().apply(List.of(new Observation.IoctlRejected("KVM_SET_XCRS", "g",
                "a", "b", mg, AT, 0x1BL, "r", true, -1L, -1L)), "s")).isEmpty();
    }

    @Test
    void firesAtTheSourceWhenAmxStateDoesNotFitTheFourKibStructKvmXsave() {
        String yaml = """
                scenario: s
                cpu: sapphirerapids
                hosts:
                  - {name: a, kernel: "6.6", patches: [{id: get-xsave-4k, subject: s, summary: s, changes: {kvm.xsave-buffer: 4096}}]}
                  - {name: b, kernel: "6.6"}
                guests:
                  - {name: g, kernel: linux-6.12, vmm: {cpu-model: SapphireRapids}}
                steps:
                  - boot: {guest: g, host: a}
                  - use: {guest: g, state: [xtiledata]}
                  - migrate: {guest: g, from: a, to: b}
                """;
        assertThat(findings(yaml, "migration-xsave-rejected")).singleElement().satisfies(x -> {
            assertThat(x.host()).isEqualTo("a");
            assertThat(x.message()).startsWith("KVM_GET_XSAVE on a fails for g");
            assertThat(x.evidence().get("outcome")).isEqualTo("migration fails; the guest keeps running on a");
        });
        assertThat(findings(yaml, "xstate-lost")).as("tiles are not silently reset").isEmpty();
        assertThat(findings(yaml.replace("kvm.xsave-buffer: 4096", "kvm.xsave-buffer: xsave2"),
                "migration-xsave-rejected")).isEmpty();
    }
}
