package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kimpact.report.Json;
import org.junit.jupiter.api.Test;

import static dev.kimpact.cli.RunCommandTest.kimpact;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code kimpact kernels|patches|guests} and {@code xsetbv --kernel}. */
class ModelCommandsTest {

    @Test
    void kernelsListsEveryReleaseWithItsAliasAndCalendar() throws Exception {
        RunCommandTest.Result r = kimpact("kernels", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode rows = Json.mapper().readTree(r.out());
        assertThat(rows.findValuesAsText("version")).contains("4.14", "4.19", "4.20", "5.0", "5.1", "5.4", "5.6",
                "5.10", "5.15", "5.16", "6.1", "6.6", "6.12");
        JsonNode v50 = rows.get(rows.findValuesAsText("version").indexOf("5.0"));
        assertThat(v50.get("aliases").asText()).isEqualTo("4.21");
        assertThat(v50.get("merge_window").asText()).isEqualTo("2019-03-04..2019-03-17");
        assertThat(v50.get("sources")).isNotEmpty();
        assertThat(kimpact("kernels").out()).startsWith("VERSION").contains("4.22");
    }

    @Test
    void patchesAndGuestsListTheirModels() {
        assertThat(kimpact("patches").out()).contains("x86-remove-intel-mpx", "eb012ef3b4e3", "x86-mpx-remove-apis",
                "kvm-guest-fpu-own-xsave", "x86-mpx-stop-xsave-enabling");
        assertThat(kimpact("guests").out()).contains("rhel-7", "fixed-xcr0", "Skylake-Server");
    }

    @Test
    void xsetbvWithKernelAddsKvmsVerdict() throws Exception {
        RunCommandTest.Result removed = kimpact("xsetbv", "--cpu", "cascadelake-server", "--xcr0", "0x1f",
                "--kernel", "4.21", "--patch", "x86-remove-intel-mpx", "--format", "json");
        assertThat(removed.code()).isEqualTo(1);
        JsonNode j = Json.mapper().readTree(removed.out());
        assertThat(j.get("result").asText()).isEqualTo("ok");             // the CPU accepts it
        assertThat(j.at("/kvm/result").asText()).isEqualTo("#GP");        // KVM on the patched host does not
        assertThat(j.at("/kvm/supported_xcr0").asText()).isEqualTo("0x2e7");
        assertThat(j.at("/kvm/rule").asText()).contains("outside guest_supported_xcr0");

        RunCommandTest.Result apisOnly = kimpact("xsetbv", "--cpu", "cascadelake-server", "--xcr0", "0x1f",
                "--kernel", "4.22", "--patch", "x86-mpx-remove-apis");
        assertThat(apisOnly.code()).isZero();
        assertThat(apisOnly.out()).contains("KVM on 5.1+x86-mpx-remove-apis accepts it");
    }

    @Test
    void xsetbvKernelErrorsAreBadInput() {
        assertThat(kimpact("xsetbv", "--cpu", "genoa", "--xcr0", "3", "--kernel", "4.23").err())
                .startsWith("kimpact: error: unknown kernel version '4.23'");
        RunCommandTest.Result patchOnly = kimpact("xsetbv", "--cpu", "genoa", "--xcr0", "3", "--patch", "x");
        assertThat(patchOnly.code()).isEqualTo(2);
        assertThat(patchOnly.err()).contains("--patch needs --kernel");
        assertThat(kimpact("xsetbv", "--cpu", "genoa", "--xcr0", "3", "--kernel", "5.4", "--patch",
                "x86-remove-intel-mxp").err()).contains("did you mean 'x86-remove-intel-mpx'");
    }
}
