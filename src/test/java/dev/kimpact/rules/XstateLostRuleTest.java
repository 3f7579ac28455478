package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.Fault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.rules.RulesFixture.AT;
import static dev.kimpact.rules.RulesFixture.KEEPS_MPX;
import static dev.kimpact.rules.RulesFixture.evidence;
import static dev.kimpact.rules.RulesFixture.findings;
import static dev.kimpact.rules.RulesFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

class XstateLostRuleTest {

    private static final Scenario.Step SWITCH = new Scenario.Switch("h", null, AT);

    @Test
    void firesWhenTheKernelDoesNotSaveWhatKvmExposes() {
        List<Finding> lost = findings(KEEPS_MPX, "xstate-lost");
        assertThat(lost).anySatisfy(x -> {
            assertThat(x.guest()).isEqualTo("b");
            assertThat(x.message()).isEqualTo("guest b on h lost bndregs state");
            List<Map<String, Object>> comps = evidence(x, "components");
            assertThat(comps).singleElement().satisfies(c -> assertThat(c)
                    .containsEntry("component", "bndregs").containsKeys("first_difference", "expected", "observed"));
        });
    }

    @Test
    void silentWhenKvmsOwnSaveSwitchesEverythingItSupports() {
        String yaml = KEEPS_MPX.replace("{id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}",
                "{id: own, changes: {kvm.guest-fpu: {save: own, xcr0: kvm-supported}, kvm.xcr0-limit: cpu}}");
        assertThat(yaml).isNotEqualTo(KEEPS_MPX);
        assertThat(findings(yaml, "xstate-lost")).isEmpty();
    }

    @Test
    void silentWhenOnlyHostWorkRunsBetween() {
        // Host XCR0 lacks MPX, so host work cannot touch the BND registers: the guest finds its own values.
        String yaml = """
                scenario: t
                cpu: cascadelake-server
                hosts:
                  - {name: h, kernel: "4.22", patches: [x86-mpx-stop-xsave-enabling, {id: l, changes: {kvm.xcr0-limit: cpu}}]}
                guests:
                  - {name: a, kernel: rhel-7}
                steps:
                  - boot: {guest: a, host: h}
                  - use: {guest: a, state: [bndregs, avx]}
                  - switch: {host: h}
                """;
        assertThat(run(yaml).findings()).noneMatch(f -> f.rule().startsWith("xstate-"));
    }

    @Test
    void amxTiledataIsNotSilentlyLostThroughA4kKvmXsave() {
        String yaml = """
                scenario: t
                cpu: sapphirerapids
                hosts:
                  - {name: a, kernel: "6.6", patches: [{id: small, changes: {kvm.xsave-buffer: %s}}]}
                  - {name: b, kernel: "6.6"}
                guests:
                  - {name: g, kernel: linux-6.12}
                steps:
                  - boot: {guest: g, host: a}
                  - use: {guest: g, state: [xtilecfg, xtiledata]}
                  - migrate: {guest: g, from: a, to: b}
                """;
        // be50b2065dfa: KVM_GET_XSAVE refuses a state larger than struct kvm_xsave; the guest stays on a.
        assertThat(findings(yaml.formatted("4096"), "xstate-lost")).isEmpty();
        assertThat(findings(yaml.formatted("4096"), "migration-xsave-rejected")).singleElement()
                .satisfies(x -> assertThat(x.host()).isEqualTo("a"));
        assertThat(findings(yaml.formatted("xsave2"), "xstate-lost")).isEmpty();
    }

    @Test
    void oneFindingPerContextAndStepListingEveryComponent() {
        Scenario.Step other = new Scenario.Switch("h", null, new dev.kimpact.diag.Location("s.yaml", 9, 5));
        List<Observation> seen = List.of(lost("g", SWITCH, 2), lost("g", SWITCH, 3), lost("g", other, 2),
                lost(null, SWITCH, 2));
        assertThat(new XstateLostRule().apply(seen, "s")).extracting(Finding::message).containsExactly(
                "guest g on h lost avx, bndregs state", "guest g on h lost avx state", "host h on h lost avx state");
    }

    @Test
    void aHostSequenceFaultIsStateLostWithTheFaultAsEvidence() {
        Fault gp = Fault.gp("XSTATE_BV sets 0x18 (bndregs|bndcsr), not set in XCR0", "SDM Vol. 1 §13.8.1");
        List<Finding> f = new XstateLostRule().apply(List.of(
                new Observation.HostSequenceFault("g", "h", SWITCH, AT, "restore guest_fpu (XRSTOR, guest XCR0)", gp)), "s");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("xstate-lost");
            assertThat(x.location()).isEqualTo(AT);
            assertThat(x.message()).contains("#GP in restore guest_fpu");
            List<Map<String, Object>> seqs = evidence(x, "host_faults");
            assertThat(seqs.get(0)).containsEntry("fault", "#GP").containsEntry("sdm", "SDM Vol. 1 §13.8.1");
        });
    }

    @Test
    void silentOnABootDirtyGuest() {
        assertThat(new XstateLostRule().apply(List.of(new Observation.StateMismatch(
                Observation.StateMismatch.Kind.BOOT_DIRTY, "g", "h", SWITCH, AT, 2, new byte[] {0}, new byte[] {1},
                "other", true, null)), "s")).isEmpty();
    }

    private static Observation lost(String guest, Scenario.Step step, int component) {
        return new Observation.StateMismatch(Observation.StateMismatch.Kind.LOST, guest, "h", step, AT,
                component, new byte[] {1, 2}, new byte[] {1, 3}, null, true, null);
    }
}
