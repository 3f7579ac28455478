package dev.kimpact.rules;

import dev.kimpact.engine.Observation;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.xsave.Fault;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.rules.RulesFixture.AT;
import static dev.kimpact.rules.RulesFixture.evidence;
import static dev.kimpact.rules.RulesFixture.findings;
import static dev.kimpact.rules.RulesFixture.seed;
import static org.assertj.core.api.Assertions.assertThat;

class XsetbvFaultRuleTest {

    @Test
    void firesWhenKvmNoLongerSupportsTheMaskAGuestWritesBlindly() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: fixed-xcr0}\n",
                "  - boot: {guest: g, host: new}\n");
        List<Finding> f = findings(yaml, "xsetbv-fault");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.guest()).isEqualTo("g");
            assertThat(x.host()).isEqualTo("new");
            assertThat(x.step()).isEqualTo("boot g on new");
            assertThat(x.location().line()).isEqualTo(9);
            assertThat(x.message()).startsWith("guest g on new: XSETBV(").endsWith("takes #GP; the guest kernel fails to boot");
            Map<String, Object> outside = evidence(x, "outside_supported");
            assertThat(outside).containsEntry("hex", "0x18").containsEntry("components", "bndregs|bndcsr");
            assertThat(x.evidence()).containsOnlyKeys("xcr0", "guest_cpuid_xcr0", "guest_supported_xcr0",
                    "outside_supported", "rejected_by");
            assertThat((String) evidence(x, "rejected_by")).startsWith("KVM __kvm_set_xcr()");
        });
    }

    @Test
    void silentWhenKvmKeepsMpx() {
        String yaml = seed("x86-mpx-remove-apis", "  - {name: g, kernel: fixed-xcr0}\n",
                "  - boot: {guest: g, host: new}\n");
        assertThat(findings(yaml, "xsetbv-fault")).isEmpty();
    }

    @Test
    void silentForAGuestThatReadsCpuid() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: linux-5.6}\n",
                "  - boot: {guest: g, host: new}\n");
        assertThat(findings(yaml, "xsetbv-fault")).isEmpty();
    }

    @Test
    void aRefusalByTheCpuAfterKvmAcceptedNamesTheCpu() {
        Fault gp = Fault.gp("XCR0[4:3] (MPX BNDREGS, BNDCSR) is neither 00b nor 11b", "SDM Vol. 1 §13.3");
        Scenario.Step boot = new Scenario.Boot("g", "h", AT);
        List<Finding> f = new XsetbvFaultRule().apply(List.of(
                new Observation.XsetbvRejected("g", "h", boot, AT, 0xBL, 0x1FL, 0x1FL, null, gp)), "s");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("xsetbv-fault");
            assertThat(x.location()).isEqualTo(AT);
            assertThat(evidence(x, "rejected_by").toString()).startsWith("CPU at VM entry: #GP");
        });
    }

    @Test
    void readsNoOtherObservation() {
        Scenario.Step boot = new Scenario.Boot("g", "h", AT);
        assertThat(new XsetbvFaultRule().apply(List.of(new Observation.CpuidMismatch("g", "h", boot, AT,
                "Skylake-Server", 0x2FFL, 0x2E7L, false)), "s")).isEmpty();
    }
}
