package dev.kimpact.rules;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.rules.RulesFixture.evidence;
import static dev.kimpact.rules.RulesFixture.findings;
import static dev.kimpact.rules.RulesFixture.seed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class CpuidXcr0MismatchRuleTest {

    @Test
    void anErrorWithEnforceAndAWarningWithout() {
        String guests = """
                  - {name: strict, kernel: rhel-7, vmm: {cpu-model: Skylake-Server, enforce: true}}
                  - {name: lax, kernel: rhel-7, vmm: {cpu-model: Skylake-Server}}
                """;
        String yaml = seed("x86-remove-intel-mpx", guests, """
                  - boot: {guest: strict, host: new}
                  - boot: {guest: lax, host: new}
                """);
        List<Finding> f = findings(yaml, "cpuid-xcr0-mismatch");
        assertThat(f).extracting(Finding::guest, Finding::severity)
                .containsExactlyInAnyOrder(tuple("strict", Severity.ERROR), tuple("lax", Severity.WARNING));
        Finding strict = f.stream().filter(x -> x.guest().equals("strict")).findFirst().orElseThrow();
        assertThat(strict.message()).isEqualTo("CPU model Skylake-Server for strict asks for bndregs|bndcsr, which KVM "
                + "on new does not support: with enforce the VMM refuses to start");
        Map<String, Object> missing = evidence(strict, "missing");
        assertThat(missing).containsEntry("components", "bndregs|bndcsr");
        assertThat(strict.evidence()).containsEntry("enforce", true).containsEntry("cpu_model", "Skylake-Server");
    }

    @Test
    void silentOnAHostWhoseKvmHasMpx() {
        String yaml = seed("x86-remove-intel-mpx",
                "  - {name: strict, kernel: rhel-7, vmm: {cpu-model: Skylake-Server, enforce: true}}\n",
                "  - boot: {guest: strict, host: old}\n");
        assertThat(findings(yaml, "cpuid-xcr0-mismatch")).isEmpty();
    }
}
