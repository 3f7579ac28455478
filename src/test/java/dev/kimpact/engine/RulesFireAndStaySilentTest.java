package dev.kimpact.engine;

import dev.kimpact.rules.Analyzer;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every execution-derived rule: one scenario that makes it fire (with the evidence that proves it) and one,
 * differing in a single fact, where it stays silent.
 */
class RulesFireAndStaySilentTest {

    private static final String MPX_HOSTS = """
            cpu: cascadelake-server
            hosts:
              - {name: old, kernel: "4.20"}
              - {name: new, kernel: "4.21", patches: [%s]}
            """;

    private static String seed(String patches, String guests, String steps) {
        return "scenario: t\n" + MPX_HOSTS.formatted(patches) + "guests:\n" + guests + "steps:\n" + steps;
    }

    @Test
    void xsetbvFaultFiresWhenKvmNoLongerSupportsTheMaskAGuestWritesBlindly() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: fixed-xcr0}\n",
                "  - boot: {guest: g, host: new}\n");
        List<Finding> f = ScenarioFixture.findings(yaml, "xsetbv-fault");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).guest()).isEqualTo("g");
        assertThat(f.get(0).host()).isEqualTo("new");
        assertThat(f.get(0).location().line()).isEqualTo(9);
        @SuppressWarnings("unchecked")
        Map<String, Object> outside = (Map<String, Object>) f.get(0).evidence().get("outside_supported");
        assertThat(outside).containsEntry("hex", "0x18").containsEntry("components", "bndregs|bndcsr");
        assertThat((String) f.get(0).evidence().get("rejected_by")).startsWith("KVM __kvm_set_xcr()");
    }

    @Test
    void xsetbvFaultSilentWhenKvmKeepsMpx() {
        String yaml = seed("x86-mpx-remove-apis", "  - {name: g, kernel: fixed-xcr0}\n",
                "  - boot: {guest: g, host: new}\n");
        assertThat(ScenarioFixture.findings(yaml, "xsetbv-fault")).isEmpty();
    }

    @Test
    void xsetbvFaultSilentForAGuestThatReadsCpuid() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: linux-5.6}\n",
                "  - boot: {guest: g, host: new}\n");
        assertThat(ScenarioFixture.findings(yaml, "xsetbv-fault")).isEmpty();
    }

    @Test
    void migrationXcrsRejectedWhenMpxIsInXcr0ButNotInTheDestinationsKvm() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: rhel-7}\n", """
                  - boot: {guest: g, host: old}
                  - migrate: {guest: g, from: old, to: new}
                """);
        List<Finding> f = ScenarioFixture.findings(yaml, "migration-xcrs-rejected");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.host()).isEqualTo("new");
            assertThat(x.step()).isEqualTo("migrate g old->new");
            assertThat(x.evidence().get("reason").toString()).contains("outside guest_supported_xcr0");
        });
        // The failed migration leaves the guest on the source: nothing is lost.
        assertThat(ScenarioFixture.findings(yaml, "xstate-lost")).isEmpty();
    }

    @Test
    void migrationXcrsSilentAfterOnlyTheApiRemoval() {
        String yaml = seed("x86-mpx-remove-apis", "  - {name: g, kernel: rhel-7}\n", """
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [bndregs, bndcsr]}
                  - migrate: {guest: g, from: old, to: new}
                """);
        assertThat(ScenarioFixture.findings(yaml, "migration-xcrs-rejected")).isEmpty();
        assertThat(ScenarioFixture.findings(yaml, "migration-xsave-rejected")).isEmpty();
        assertThat(ScenarioFixture.findings(yaml, "xstate-lost")).isEmpty();
    }

    @Test
    void migrationXsaveRejectedWhenMpxStateIsInXstateBv() {
        String yaml = seed("x86-remove-intel-mpx", "  - {name: g, kernel: rhel-7}\n", """
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [bndregs]}
                  - migrate: {guest: g, from: old, to: new}
                """);
        List<Finding> f = ScenarioFixture.findings(yaml, "migration-xsave-rejected");
        assertThat(f).singleElement().satisfies(x -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> bv = (Map<String, Object>) x.evidence().get("xstate_bv");
            assertThat(bv.get("components").toString()).contains("bndregs");
            assertThat(x.evidence().get("outcome").toString()).contains("keeps running on old");
        });
    }

    @Test
    void migrationXsaveRejectedThenStateLostWhenTheVmmIgnoresTheError() {
        String yaml = seed("x86-remove-intel-mpx",
                "  - {name: g, kernel: rhel-7, vmm: {abort-on-set-xsave-error: false}}\n", """
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [bndregs, avx]}
                  - migrate: {guest: g, from: old, to: new}
                """);
        assertThat(ScenarioFixture.findings(yaml, "migration-xsave-rejected")).hasSize(1);
        List<Finding> lost = ScenarioFixture.findings(yaml, "xstate-lost");
        assertThat(lost).singleElement().satisfies(x -> assertThat(x.message()).contains("avx"));
    }

    @Test
    void cpuidMismatchIsAnErrorWithEnforceAndAWarningWithout() {
        String guests = """
                  - {name: strict, kernel: rhel-7, vmm: {cpu-model: Skylake-Server, enforce: true}}
                  - {name: lax, kernel: rhel-7, vmm: {cpu-model: Skylake-Server}}
                """;
        String yaml = seed("x86-remove-intel-mpx", guests, """
                  - boot: {guest: strict, host: new}
                  - boot: {guest: lax, host: new}
                """);
        List<Finding> f = ScenarioFixture.findings(yaml, "cpuid-xcr0-mismatch");
        assertThat(f).extracting(Finding::guest, Finding::severity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("strict", Severity.ERROR),
                        org.assertj.core.groups.Tuple.tuple("lax", Severity.WARNING));
    }

    @Test
    void cpuidMismatchSilentOnAHostWhoseKvmHasMpx() {
        String yaml = seed("x86-remove-intel-mpx",
                "  - {name: strict, kernel: rhel-7, vmm: {cpu-model: Skylake-Server, enforce: true}}\n",
                "  - boot: {guest: strict, host: old}\n");
        assertThat(ScenarioFixture.findings(yaml, "cpuid-xcr0-mismatch")).isEmpty();
    }

    private static final String KEEPS_MPX = """
            scenario: t
            cpu: cascadelake-server
            hosts:
              - name: h
                kernel: "4.22"
                patches:
                  - x86-mpx-stop-xsave-enabling
                  - {id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}
            guests:
              - {name: a, kernel: rhel-7}
              - {name: b, kernel: rhel-7}
            steps:
              - boot: {guest: a, host: h}
              - use: {guest: a, state: [bndregs]}
              - boot: {guest: b, host: h}
              - use: {guest: b, state: [bndregs]}
              - switch: {host: h, other: a}
            """;

    @Test
    void xstateLeakAndLostWhenTheKernelDoesNotSaveWhatKvmExposes() {
        Analyzer.CaseResult r = ScenarioFixture.run(KEEPS_MPX);
        List<Finding> leaks = r.findings().stream().filter(f -> f.rule().equals("xstate-leak")).toList();
        assertThat(leaks).extracting(Finding::guest).contains("b");
        Finding leakB = leaks.stream().filter(f -> f.guest().equals("b")).findFirst().orElseThrow();
        assertThat(leakB.message()).contains("bndregs").contains("written by a");
        assertThat(r.findings()).anyMatch(f -> f.rule().equals("xstate-lost") && "b".equals(f.guest()));
    }

    @Test
    void xstateSilentWhenKvmsOwnSaveSwitchesEverythingItSupports() {
        String yaml = KEEPS_MPX.replace("{id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}",
                "{id: own, changes: {kvm.guest-fpu: {save: own, xcr0: kvm-supported}, kvm.xcr0-limit: cpu}}");
        assertThat(yaml).isNotEqualTo(KEEPS_MPX);
        Analyzer.CaseResult r = ScenarioFixture.run(yaml);
        assertThat(r.findings()).noneMatch(f -> f.rule().startsWith("xstate-"));
    }

    @Test
    void ownSaveUnderTheGuestsXcr0LeaksToAGuestThatEnablesMpxLater() {
        // KVM's XRSTOR under the booting guest's XCR0 (x87 only) leaves BND0-3 as the previous vCPU left them
        // (SDM §13.1: a disabled component's state is preserved); the guest then enables MPX and reads them.
        String yaml = KEEPS_MPX.replace("{id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}",
                "{id: own, changes: {kvm.guest-fpu: {save: own, xcr0: guest}, kvm.xcr0-limit: cpu}}");
        List<Finding> leaks = ScenarioFixture.findings(yaml, "xstate-leak");
        assertThat(leaks).anySatisfy(f -> {
            assertThat(f.guest()).isEqualTo("b");
            assertThat(f.step()).isEqualTo("boot b on h");
        });
    }

    @Test
    void xstateSilentWhenOnlyHostWorkRunsBetween() {
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
        assertThat(ScenarioFixture.run(yaml).findings()).noneMatch(f -> f.rule().startsWith("xstate-"));
    }

    @Test
    void layoutMismatchReportsBothTablesWhenGuestFpuNeedsComponentsTheHostBuffersLack() {
        List<Finding> f = ScenarioFixture.findings(KEEPS_MPX, "xsave-layout-mismatch");
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.evidence().get("offsets_differ").toString())
                    .contains("opmask 832->960").contains("pkru 2432->2560");
            assertThat(x.evidence()).containsKeys("host_buffers", "guest_fpu");
        });
    }

    @Test
    void layoutMismatchSilentWhenHostStillEnablesMpx() {
        String yaml = KEEPS_MPX.replace("      - x86-mpx-stop-xsave-enabling\n", "");
        assertThat(yaml).isNotEqualTo(KEEPS_MPX);
        assertThat(ScenarioFixture.findings(yaml, "xsave-layout-mismatch")).isEmpty();
    }

    private static final String CROSS_VENDOR = """
            scenario: t
            hosts:
              - {name: a, kernel: "6.6", cpu: cascadelake-server}
              - {name: b, kernel: "6.6", cpu: %s}
            guests:
              - {name: g, kernel: linux-6.12, vmm: {cpu-model: Cascadelake-Server-v5}}
            steps:
              - boot: {guest: g, host: a}
              - use: {guest: g, state: [opmask, zmm_hi256]}
              - migrate: {guest: g, from: a, to: b}
            """;

    @Test
    void sizeChangedWhenAvx512OffsetsMoveIntelToAmd() {
        List<Finding> f = ScenarioFixture.findings(CROSS_VENDOR.formatted("genoa"), "xsave-size-changed");
        assertThat(f).singleElement().satisfies(x -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> moved = (Map<String, Object>) x.evidence().get("uabi_offsets");
            assertThat(moved.get("opmask")).isEqualTo(Map.of("source", 0x440, "destination", 0x340));
        });
        assertThat(ScenarioFixture.findings(CROSS_VENDOR.formatted("genoa"), "xstate-lost")).isEmpty();
    }

    @Test
    void sizeChangedSilentBetweenIdenticalCpus() {
        assertThat(ScenarioFixture.findings(CROSS_VENDOR.formatted("cascadelake-server"), "xsave-size-changed"))
                .isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void userAbiRemovedNamesTheFlags() {
        String yaml = seed("x86-mpx-remove-apis", "  - {name: g, kernel: rhel-7}\n", "  - boot: {guest: g, host: old}\n");
        List<Finding> f = ScenarioFixture.findings(yaml, "user-abi-removed");
        assertThat(f).singleElement().satisfies(x ->
                assertThat((List<Object>) x.evidence().get("removed")).containsExactly("prctl-mpx", "mpx-bounds-exception"));
    }

    @Test
    void userAbiRemovedSilentForAKvmOnlyChange() {
        String yaml = seed("kvm-guest-fpu-own-xsave", "  - {name: g, kernel: rhel-7}\n", "  - boot: {guest: g, host: old}\n");
        assertThat(ScenarioFixture.findings(yaml, "user-abi-removed")).isEmpty();
    }

    @Test
    void amxTiledataIsLostThroughA4kKvmXsaveBufferOnly() {
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
        List<Finding> lost = ScenarioFixture.findings(yaml.formatted("4096"), "xstate-lost");
        assertThat(lost).singleElement().satisfies(x -> assertThat(x.message()).contains("xtiledata")
                .doesNotContain("xtilecfg"));
        assertThat(ScenarioFixture.findings(yaml.formatted("xsave2"), "xstate-lost")).isEmpty();
    }
}
