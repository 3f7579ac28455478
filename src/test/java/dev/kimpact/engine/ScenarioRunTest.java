package dev.kimpact.engine;

import dev.kimpact.xsave.XFeature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine records (it decides nothing): the observations the rules over observations read. */
class ScenarioRunTest {

    @Test
    void aHostKeepingGuestFpuInItsCompactedBuffersRecordsBothLayouts() {
        List<Observation.CompactedGuestFpu> seen = ScenarioFixture.observations(ScenarioFixture.KEEPS_MPX,
                Observation.CompactedGuestFpu.class);
        assertThat(seen).singleElement().satisfies(o -> {
            assertThat(o.host()).isEqualTo("h");
            assertThat(o.step()).isNull();
            assertThat(o.location().line()).isEqualTo(4);
            assertThat(o.buffersXcompBv() & XFeature.MASK_MPX).isZero();
            assertThat(o.guestFpuXcompBv()).isEqualTo(o.buffersXcompBv() | XFeature.MASK_MPX);
            assertThat(o.buffersLayout().mask()).isEqualTo(o.buffersXcompBv());
            assertThat(o.guestFpuLayout().mask()).isEqualTo(o.guestFpuXcompBv());
        });
    }

    @Test
    void nothingRecordedWhenKvmSavesGuestFpuItself() {
        String own = ScenarioFixture.KEEPS_MPX.replace("{id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}",
                "{id: own, changes: {kvm.guest-fpu: {save: own}, kvm.xcr0-limit: cpu}}");
        assertThat(own).isNotEqualTo(ScenarioFixture.KEEPS_MPX);
        assertThat(ScenarioFixture.observations(own, Observation.CompactedGuestFpu.class)).isEmpty();
    }

    @Test
    void aHostWithTheSameFeaturesEverywhereStillRecordsItsLayouts() {
        String plain = ScenarioFixture.KEEPS_MPX.replace("      - x86-mpx-stop-xsave-enabling\n", "");
        assertThat(ScenarioFixture.observations(plain, Observation.CompactedGuestFpu.class)).singleElement()
                .satisfies(o -> assertThat(o.guestFpuXcompBv()).isEqualTo(o.buffersXcompBv()));
    }

    private static final String TWO_HOSTS = """
            scenario: t
            hosts:
              - {name: a, kernel: "6.6", cpu: cascadelake-server}
              - {name: b, kernel: "6.6", cpu: genoa}
            guests:
              - {name: g, kernel: linux-6.12, vmm: {cpu-model: Cascadelake-Server-v5}}
            steps:
              - boot: {guest: g, host: a}
              - migrate: {guest: g, from: a, to: b}
              - migrate: {guest: g, from: b, to: a}
            """;

    @Test
    void aMigrationRecordsTheCpuidBothSidesEnumerate() {
        List<Observation.MigrationCpuid> seen = ScenarioFixture.observations(TWO_HOSTS, Observation.MigrationCpuid.class);
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0)).satisfies(o -> {
            assertThat(o.guest()).isEqualTo("g");
            assertThat(o.from()).isEqualTo("a");
            assertThat(o.to()).isEqualTo("b");
            assertThat(o.step().describe()).isEqualTo("migrate g a->b");
            assertThat(o.source().name()).isEqualTo("cascadelake-server");
            assertThat(o.destination().name()).isEqualTo("genoa");
            assertThat(o.xcr0() & XFeature.MASK_AVX512).isEqualTo(XFeature.MASK_AVX512);
            assertThat(o.xcr0() & ~(o.sourceAdvertised() | 1)).isZero();
        });
    }

    @Test
    void kernelPairsAreRecordedOncePerOrderedPair() {
        List<Observation.KernelPair> seen = ScenarioFixture.observations(TWO_HOSTS, Observation.KernelPair.class);
        assertThat(seen).extracting(p -> p.from() + "->" + p.to()).containsExactly("a->b", "b->a");
        assertThat(seen.get(0).step()).as("declaration order, not the a->b migration").isNull();
        assertThat(seen.get(0).location().line()).isEqualTo(4);
        assertThat(seen.get(1).step().describe()).isEqualTo("migrate g b->a");
        assertThat(seen.get(1).fromKernel().version()).isEqualTo("6.6");
    }

    private static final String RESTRICTED = """
            scenario: t
            cpu: cascadelake-server
            hosts:
              - {name: old, kernel: "OLD"}
              - {name: new, kernel: "5.17"}
            guests:
              - {name: g, kernel: linux-6.12, vmm: {cpu-model: {requests: [x87, sse, avx]}}}
            steps:
              - boot: {guest: g, host: old}
              - use: {guest: g, state: [avx]}
              - switch: {host: old}
              - migrate: {guest: g, from: old, to: new}
            """;

    @Test
    void fillXsaveOfFiveFifteenTrimsXstateBvSoARestrictedGuestReachesFiveSeventeen() {
        assertThat(ScenarioFixture.observations(RESTRICTED.replace("OLD", "5.15"), Observation.IoctlRejected.class))
                .isEmpty();
    }

    @Test
    void fiveSixteenSavesHostStateTheGuestCannotSeeAndFiveSeventeenRejectsIt() {
        assertThat(ScenarioFixture.observations(RESTRICTED.replace("OLD", "5.16"), Observation.IoctlRejected.class))
                .singleElement().satisfies(o -> {
                    assertThat(o.ioctl()).isEqualTo("KVM_SET_XSAVE");
                    assertThat(o.value() & ~XFeature.MASK_FPSSE & ~XFeature.AVX.mask()).isNotZero();
                });
    }

    private static final String NO_XSAVE = """
            scenario: t
            cpu: cascadelake-server
            hosts:
              - {name: old, kernel: "OLD"}
              - {name: new, kernel: "6.1"}
            guests:
              - {name: g, kernel: rhel-8, vmm: {cpu-model: qemu64}}
            steps:
              - boot: {guest: g, host: old}
              - use: {guest: g, state: [x87, sse]}
              - switch: {host: old}
              - migrate: {guest: g, from: old, to: new}
            """;

    @Test
    void aGuestWithoutXsaveNeverExecutesXsetbvAndCarriesOnlyFpSse() {
        List<Observation> seen = ScenarioRun.execute(ScenarioFixture.load(NO_XSAVE.replace("OLD", "5.15")));
        assertThat(seen).noneMatch(o -> o instanceof Observation.XsetbvRejected || o instanceof Observation.IoctlRejected
                || o instanceof Observation.StateMismatch);
        assertThat(seen).filteredOn(Observation.MigrationCpuid.class::isInstance)
                .singleElement().satisfies(o -> assertThat(((Observation.MigrationCpuid) o).sourceAdvertised()).isZero());
    }

    @Test
    void hostPkruTheGuestCannotSeeTravelsInXstateBvFromFiveSixteen() {
        // 5.16 keeps guest_fpu's whole XSTATE_BV: the host's PKRU, in force while a guest without PKU runs.
        assertThat(ScenarioFixture.observations(NO_XSAVE.replace("OLD", "5.16"), Observation.IoctlRejected.class))
                .singleElement().satisfies(o -> {
                    assertThat(o.ioctl()).isEqualTo("KVM_SET_XSAVE");
                    assertThat(o.value() & XFeature.PKRU.mask()).isNotZero();
                });
    }
}
