package dev.kimpact.rules;

import dev.kimpact.diag.Location;
import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.Fault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observations the shipped models do not produce today (a host-side instruction faulting while switching a vCPU,
 * a CPU refusing an XCR0 KVM accepted), fed to the rules directly: the rules are pure functions of observations.
 */
class RuleMappingTest {

    private static final Location AT = new Location("s.yaml", 7, 5);
    private static final Scenario.Step SWITCH = new Scenario.Switch("h", null, AT);

    @Test
    void aHostSequenceFaultIsStateLostWithTheFaultAsEvidence() {
        Fault gp = Fault.gp("XSTATE_BV sets 0x18 (bndregs|bndcsr), not set in XCR0", "SDM Vol. 1 §13.8.1");
        List<Finding> f = XstateRule.lost().apply(List.of(
                new Observation.HostSequenceFault("g", "h", SWITCH, AT, "restore guest_fpu (XRSTOR, guest XCR0)", gp)), "s");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("xstate-lost");
            assertThat(x.location()).isEqualTo(AT);
            assertThat(x.message()).contains("#GP in restore guest_fpu");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> seqs = (List<Map<String, Object>>) x.evidence().get("host_faults");
            assertThat(seqs.get(0)).containsEntry("fault", "#GP").containsEntry("sdm", "SDM Vol. 1 §13.8.1");
        });
        assertThat(XstateRule.leak().apply(List.of(
                new Observation.HostSequenceFault("g", "h", SWITCH, AT, "x", gp)), "s")).isEmpty();
    }

    @Test
    void xsetbvRefusedByTheCpuAfterKvmAcceptedNamesTheCpu() {
        Fault gp = Fault.gp("XCR0[4:3] (MPX BNDREGS, BNDCSR) is neither 00b nor 11b", "SDM Vol. 1 §13.3");
        Scenario.Step boot = new Scenario.Boot("g", "h", AT);
        List<Finding> f = new XsetbvFaultRule().apply(List.of(
                new Observation.XsetbvRejected("g", "h", boot, AT, 0xBL, 0x1FL, 0x1FL, null, gp)), "s");
        assertThat(f).singleElement().satisfies(x ->
                assertThat(x.evidence().get("rejected_by").toString()).startsWith("CPU at VM entry: #GP"));
    }
}
