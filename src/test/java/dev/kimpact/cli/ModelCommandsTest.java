package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kimpact kernels|patches|guests} and {@code xsetbv --kernel}. */
class ModelCommandsTest {

    @Test
    void kernelsListsEveryReleaseWithItsAliasAndCalendar() throws Exception {
        CliRun r = CliRun.of("kernels", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode rows = r.json();
        assertThat(rows.findValuesAsText("version")).contains("4.14", "4.19", "4.20", "5.0", "5.1", "5.4", "5.6",
                "5.10", "5.15", "5.16", "6.1", "6.6", "6.12", "6.16", "6.17", "6.18", "6.19", "7.0", "7.1", "7.2");
        JsonNode v50 = rows.get(rows.findValuesAsText("version").indexOf("5.0"));
        assertThat(v50.get("aliases").asText()).isEqualTo("4.21");
        assertThat(v50.get("merge_window").asText()).isEqualTo("2019-03-04..2019-03-17");
        assertThat(v50.get("sources")).isNotEmpty();
        assertThat(CliRun.of("kernels").out()).startsWith("VERSION").contains("4.22");
    }

    @Test
    void patchesAndGuestsListTheirModels() {
        assertThat(CliRun.of("patches").out()).contains("x86-remove-intel-mpx", "eb012ef3b4e3", "x86-mpx-remove-apis",
                "kvm-guest-fpu-own-xsave", "x86-mpx-stop-xsave-enabling");
        assertThat(CliRun.of("guests").out()).contains("rhel-7", "fixed-xcr0", "Skylake-Server");
    }

    @Test
    void xsetbvWithKernelAddsKvmsVerdict() throws Exception {
        CliRun removed = CliRun.of("xsetbv", "--cpu", "cascadelake-server", "--xcr0", "0x1f",
                "--kernel", "4.21", "--patch", "x86-remove-intel-mpx", "--format", "json");
        assertThat(removed.exitCode()).isEqualTo(1);
        JsonNode j = removed.json();
        assertThat(j.get("result").asText()).isEqualTo("ok");             // the CPU accepts it
        assertThat(j.at("/kvm/result").asText()).isEqualTo("#GP");        // KVM on the patched host does not
        assertThat(j.at("/kvm/supported_xcr0").asText()).isEqualTo("0x2e7");
        assertThat(j.at("/kvm/rule").asText()).contains("outside guest_supported_xcr0");

        CliRun apisOnly = CliRun.of("xsetbv", "--cpu", "cascadelake-server", "--xcr0", "0x1f",
                "--kernel", "4.22", "--patch", "x86-mpx-remove-apis");
        assertThat(apisOnly.exitCode()).isZero();
        assertThat(apisOnly.out()).contains("KVM on 5.1+x86-mpx-remove-apis accepts it");
    }

    @Test
    void xsetbvKernelErrorsAreBadInput() {
        assertThat(CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "3", "--kernel", "4.23").err())
                .startsWith("kimpact: error: unknown kernel version '4.23'");
        CliRun patchOnly = CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "3", "--patch", "x");
        assertThat(patchOnly.exitCode()).isEqualTo(2);
        assertThat(patchOnly.err()).contains("--patch needs --kernel");
        assertThat(CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "3", "--kernel", "5.4", "--patch",
                "x86-remove-intel-mxp").err()).contains("did you mean 'x86-remove-intel-mpx'");
    }
}
