package dev.kimpact.engine;

import dev.kimpact.diag.InputException;
import dev.kimpact.scenario.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alternative spellings PRODUCT.md §3 allows, each bound to the same models as the canonical form. */
class ScenarioFormsTest {

    @Test
    void versionsMayBeWrittenAsTagsRcsAndStableUpdates() {
        Scenario s = ScenarioFixture.load("""
                scenario: t
                cpu: genoa
                hosts:
                  - {name: a, kernel: v5.4}
                  - {name: b, kernel: "5.15.90"}
                  - {name: c, kernel: "4.21-rc3"}
                  - {name: d, kernel: 4.22}
                """);
        assertThat(s.hosts()).extracting(h -> h.kernel().version()).containsExactly("5.4", "5.15", "5.0", "5.1");
    }

    @Test
    void inlineKernelWithChangesIsAnUnnamedPatch() {
        Scenario s = ScenarioFixture.load("""
                scenario: t
                cpu: cascadelake-server
                hosts:
                  - name: h
                    kernel: {based-on: "4.20", changes: {host.xcr0: {remove: [bndregs, bndcsr]}}}
                """);
        assertThat(s.hosts().get(0).kernel().host().xcr0() & 0x18).isZero();
        assertThat(s.hosts().get(0).kernel().version()).isEqualTo("4.20");
        assertThat(s.hosts().get(0).kernel().patches()).containsExactly("changes");
    }

    @Test
    void inlineKernelChangesToUnknownPathsSuggest() {
        assertThatThrownBy(() -> ScenarioFixture.load("""
                scenario: t
                cpu: cascadelake-server
                hosts:
                  - name: h
                    kernel: {based-on: "4.20", changes: {kvm.xcr0-limt: cpu}}
                """)).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).suggestion()).isEqualTo("kvm.xcr0-limit"));
    }

    @Test
    void inlineCpuidOverABuiltInModelChangesWhatTheEmulatorDoes() {
        // Cascade Lake with MPX hidden (leaf 7 EBX bit 14 and leaf 0xD.0 EAX bits 3-4 cleared).
        String yaml = """
                scenario: t
                cpu:
                  name: clx-no-mpx
                  based-on: cascadelake-server
                  cpuid: |
                    CPUID 00000007: 00000000-D39FBFFB-00000808-BC000400
                    CPUID 0000000D: 000002E7-00000A80-00000A88-00000000 [SL 00]
                hosts: [{name: h, kernel: "4.20"}]
                guests: [{name: g, kernel: fixed-xcr0}]
                steps:
                  - boot: {guest: g, host: h}
                """;
        Scenario s = ScenarioFixture.load(yaml);
        assertThat(s.hosts().get(0).cpu().name()).isEqualTo("clx-no-mpx");
        assertThat(s.hosts().get(0).cpu().hasMpx()).isFalse();
        assertThat(s.hosts().get(0).cpu().supportedXcr0()).isEqualTo(0x2E7L);
        assertThat(ScenarioFixture.observations(yaml, Observation.XsetbvRejected.class)).hasSize(1);
    }

    @Test
    void inlineCpuidErrorsPointIntoTheScenario() {
        assertThatThrownBy(() -> ScenarioFixture.load("""
                scenario: t
                cpu:
                  cpuid: |
                    CPUID 0000000D: 000002E7-00000A80
                hosts: [{name: h, kernel: "4.20"}]
                """)).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).location().line()).isEqualTo(4));
    }
}
