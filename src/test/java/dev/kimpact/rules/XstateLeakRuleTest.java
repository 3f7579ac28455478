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
import static org.assertj.core.api.Assertions.assertThat;

class XstateLeakRuleTest {

    @Test
    void firesWhenTheKernelDoesNotSaveWhatKvmExposes() {
        List<Finding> leaks = findings(KEEPS_MPX, "xstate-leak");
        assertThat(leaks).extracting(Finding::guest).contains("b");
        Finding leakB = leaks.stream().filter(f -> f.guest().equals("b")).findFirst().orElseThrow();
        assertThat(leakB.message()).isEqualTo("guest b on h observes bndregs written by a");
        List<Map<String, Object>> comps = evidence(leakB, "components");
        assertThat(comps).singleElement().satisfies(c -> assertThat(c).containsEntry("written_by", "a"));
    }

    @Test
    void ownSaveUnderTheGuestsXcr0LeaksToAGuestThatEnablesMpxLater() {
        // KVM's XRSTOR under the booting guest's XCR0 (x87 only) leaves BND0-3 as the previous vCPU left them
        // (SDM §13.1: a disabled component's state is preserved); the guest then enables MPX and reads them.
        String yaml = KEEPS_MPX.replace("{id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}",
                "{id: own, changes: {kvm.guest-fpu: {save: own, xcr0: guest}, kvm.xcr0-limit: cpu}}");
        List<Finding> leaks = findings(yaml, "xstate-leak");
        assertThat(leaks).anySatisfy(f -> {
            assertThat(f.guest()).isEqualTo("b");
            assertThat(f.step()).isEqualTo("boot b on h");
        });
    }

    @Test
    void silentWhenKvmsOwnSaveSwitchesEverythingItSupports() {
        String yaml = KEEPS_MPX.replace("{id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}",
                "{id: own, changes: {kvm.guest-fpu: {save: own, xcr0: kvm-supported}, kvm.xcr0-limit: cpu}}");
        assertThat(yaml).isNotEqualTo(KEEPS_MPX);
        assertThat(findings(yaml, "xstate-leak")).isEmpty();
    }

    @Test
    void aContextsOwnStaleValueOrAHostFaultIsNoLeak() {
        Scenario.Step sw = new Scenario.Switch("h", null, AT);
        List<Observation> seen = List.of(
                new Observation.StateMismatch(Observation.StateMismatch.Kind.LOST, "g", "h", sw, AT, 2,
                        new byte[] {1}, new byte[] {2}, "g", true, null),
                new Observation.StateMismatch(Observation.StateMismatch.Kind.LOST, null, "h", sw, AT, 2,
                        new byte[] {1}, new byte[] {2}, "host:h", true, null),
                new Observation.HostSequenceFault("g", "h", sw, AT, "x", Fault.gp("r", "SDM Vol. 1 §13.8.1")));
        assertThat(new XstateLeakRule().apply(seen, "s")).isEmpty();
    }

    @Test
    void theHostsOwnTaskSeesAGuestsValue() {
        Scenario.Step sw = new Scenario.Switch("h", null, AT);
        List<Finding> f = new XstateLeakRule().apply(List.of(new Observation.StateMismatch(
                Observation.StateMismatch.Kind.LOST, null, "h", sw, AT, 2, new byte[] {1}, new byte[] {2}, "g",
                true, null)), "s");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("xstate-leak");
            assertThat(x.message()).isEqualTo("host h on h observes avx written by g");
        });
    }
}
