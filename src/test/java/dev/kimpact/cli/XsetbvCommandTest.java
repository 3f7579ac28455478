package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kimpact xsetbv}: exit 0 when XSETBV succeeds, 1 when it faults, 2 for bad input. */
class XsetbvCommandTest {

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void okIsExitZero() {
        CliRun r = CliRun.of("xsetbv", "--cpu", "icelake-server", "--xcr0", "0x2e7");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(
                "ok: XSETBV(ECX=0, 0x2e7 (x87|sse|avx|opmask|zmm_hi256|hi16_zmm|pkru)) succeeds on icelake-server\n");
        r = CliRun.of("xsetbv", "--cpu", "icelake-server", "--xcr0", "0x2e7", "--format", "json");
        assertThat(r.exitCode()).isZero();
        JsonNode j = r.json();
        assertThat(fieldNames(j)).contains("result", "rule", "sdm");
        assertThat(j.get("result").asText()).isEqualTo("ok");
        assertThat(j.get("rule").isNull()).isTrue();
        assertThat(j.get("sdm").isNull()).isTrue();
        assertThat(j.get("cpu").asText()).isEqualTo("icelake-server");
        assertThat(j.get("xcr0").asText()).isEqualTo("0x2e7");
    }

    @Test
    void gpIsExitOne() {
        CliRun r = CliRun.of("xsetbv", "--cpu", "cascadelake-server", "--xcr0", "0x9");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("#GP: XSETBV(ECX=0, 0x9 (x87|bndregs)) on cascadelake-server: XCR0[4:3] (MPX "
                + "BNDREGS, BNDCSR) is neither 00b nor 11b [SDM Vol. 1 §13.3]\n");
        r = CliRun.of("xsetbv", "--cpu", "cascadelake-server", "--xcr0", "0x9", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode j = r.json();
        assertThat(j.get("result").asText()).isEqualTo("#GP");
        assertThat(j.get("rule").asText()).isEqualTo("XCR0[4:3] (MPX BNDREGS, BNDCSR) is neither 00b nor 11b");
        assertThat(j.get("sdm").asText()).isEqualTo("SDM Vol. 1 §13.3");

        // MPX on a CPU without it, AVX without SSE, CPL 3, ECX = 1.
        j = CliRun.of("xsetbv", "--cpu", "icelake-server", "--xcr0", "x87,sse,avx,bndregs,bndcsr", "-f", "json").json();
        assertThat(j.get("result").asText()).isEqualTo("#GP");
        assertThat(j.get("rule").asText()).contains("not set in CPUID.(EAX=0DH,ECX=0):EDX:EAX");
        j = CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "0x5", "-f", "json").json();
        assertThat(j.get("rule").asText()).contains("XCR0[2:1] to 10b");
        r = CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "0x3", "--cpl", "3", "-f", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().get("rule").asText()).isEqualTo("the current privilege level is not 0");
        r = CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "0x3", "--ecx", "1", "-f", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().get("result").asText()).isEqualTo("#GP");
        // RCX[63:32] are ignored.
        r = CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "0x3", "--ecx", "4294967296", "-f", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("result").asText()).isEqualTo("ok");
    }

    @Test
    void udIsExitOne() {
        CliRun r = CliRun.of("xsetbv", "--cpu", "sapphirerapids", "--xcr0", "0x3", "--no-osxsave", "-f", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().get("result").asText()).isEqualTo("#UD");
        assertThat(r.json().get("rule").asText()).isEqualTo("CR4.OSXSAVE[bit 18] = 0");
        r = CliRun.of("xsetbv", "--cpu-dump", CliRun.dump("nehalem.txt"), "--xcr0", "0x1", "-f", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.json().get("result").asText()).isEqualTo("#UD");
        assertThat(r.json().get("rule").asText()).isEqualTo("CPUID.01H:ECX.XSAVE[bit 26] = 0");
    }
}
