package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kimpact layout}: one text and one JSON case per built-in CPU, every number written out by hand. */
class LayoutCommandTest {

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** [index, offset, size, align64, supervisor] for each component, in order. */
    private static void assertComponents(JsonNode comps, String[] names, long[][] rows) {
        assertThat(comps.size()).isEqualTo(rows.length);
        for (int k = 0; k < rows.length; k++) {
            JsonNode c = comps.get(k);
            assertThat(fieldNames(c)).containsExactly("index", "name", "offset", "size", "align64", "supervisor");
            assertThat(c.get("index").asLong()).isEqualTo(rows[k][0]);
            assertThat(c.get("name").asText()).isEqualTo(names[k]);
            assertThat(c.get("offset").asLong()).as(names[k]).isEqualTo(rows[k][1]);
            assertThat(c.get("size").asLong()).as(names[k]).isEqualTo(rows[k][2]);
            assertThat(c.get("align64").isBoolean()).isTrue();
            assertThat(c.get("align64").asBoolean()).isEqualTo(rows[k][3] == 1);
            assertThat(c.get("supervisor").asBoolean()).isEqualTo(rows[k][4] == 1);
        }
    }

    private static void assertCpuid(JsonNode cpuid, long... values) {
        assertThat(fieldNames(cpuid)).containsExactly("d0_eax", "d0_ebx", "d0_ecx", "d1_eax", "d1_ebx", "d1_ecx");
        String[] keys = {"d0_eax", "d0_ebx", "d0_ecx", "d1_eax", "d1_ebx", "d1_ecx"};
        for (int k = 0; k < keys.length; k++) {
            assertThat(cpuid.get(keys[k]).asLong()).as(keys[k]).isEqualTo(values[k]);
        }
    }

    private static JsonNode layoutJson(String... args) {
        List<String> a = new ArrayList<>(List.of("layout"));
        a.addAll(List.of(args));
        a.addAll(List.of("--format", "json"));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode j = r.json();
        assertThat(fieldNames(j)).containsExactly("cpu", "xcr0", "xss", "form", "size", "components", "cpuid");
        return j;
    }

    @Test
    void cascadeLakeCompactedWithMpxAndPtJson() {
        JsonNode j = layoutJson("--cpu", "cascadelake-server", "--xcr0", "x87,sse,avx,bndregs,bndcsr,avx512,pkru",
                "--xss", "pt", "--compacted");
        assertThat(j.get("cpu").asText()).isEqualTo("cascadelake-server");
        assertThat(j.get("xcr0").asText()).isEqualTo("0x2ff");
        assertThat(j.get("xss").asText()).isEqualTo("0x100");
        assertThat(j.get("form").asText()).isEqualTo("compacted");
        // 576 + 256 + 64 + 64 + 64 + 512 + 1024 = 2560; PT 128 -> 2688; PKRU 8 -> 2696.
        assertThat(j.get("size").asLong()).isEqualTo(2696);
        assertComponents(j.get("components"),
                new String[] {"x87", "sse", "avx", "bndregs", "bndcsr", "opmask", "zmm_hi256", "hi16_zmm", "pt", "pkru"},
                new long[][] {{0, 0, 160, 0, 0}, {1, 160, 256, 0, 0}, {2, 576, 256, 0, 0}, {3, 832, 64, 0, 0},
                        {4, 896, 64, 0, 0}, {5, 960, 64, 0, 0}, {6, 1024, 512, 0, 0}, {7, 1536, 1024, 0, 0},
                        {8, 2560, 128, 0, 1}, {9, 2688, 8, 0, 0}});
        // SL0: EAX 0x2FF, EBX = standard size with PKRU 0xA88, ECX 0xA88; SL1: EAX 0xF, EBX 2696, ECX 0x100.
        assertCpuid(j.get("cpuid"), 0x2FF, 0xA88, 0xA88, 0xF, 2696, 0x100);
    }

    @Test
    void iceLakeStandardJson() {
        JsonNode j = layoutJson("--cpu", "icelake-server", "--xcr0", "0xe7");
        assertThat(j.get("form").asText()).isEqualTo("standard");
        assertThat(j.get("xss").asText()).isEqualTo("0x0");
        assertThat(j.get("size").asLong()).isEqualTo(0xA80);
        assertComponents(j.get("components"),
                new String[] {"x87", "sse", "avx", "opmask", "zmm_hi256", "hi16_zmm"},
                new long[][] {{0, 0, 160, 0, 0}, {1, 160, 256, 0, 0}, {2, 0x240, 256, 0, 0}, {5, 0x440, 64, 0, 0},
                        {6, 0x480, 512, 0, 0}, {7, 0x680, 1024, 0, 0}});
        // SL1 EBX with IA32_XSS = 0: 576 + 256 + 64 + 512 + 1024 = 2432.
        assertCpuid(j.get("cpuid"), 0x2E7, 0xA80, 0xA88, 0xF, 2432, 0x100);
    }

    @Test
    void sapphireRapidsCompactedJson() {
        JsonNode j = layoutJson("--cpu", "sapphirerapids", "--xcr0", "0x602e7", "--xss", "0x100", "--compacted");
        assertThat(j.get("size").asLong()).isEqualTo(0x2A80);
        assertComponents(j.get("components"),
                new String[] {"x87", "sse", "avx", "opmask", "zmm_hi256", "hi16_zmm", "pt", "pkru", "xtilecfg",
                        "xtiledata"},
                new long[][] {{0, 0, 160, 0, 0}, {1, 160, 256, 0, 0}, {2, 576, 256, 0, 0}, {5, 832, 64, 0, 0},
                        {6, 896, 512, 0, 0}, {7, 1408, 1024, 0, 0}, {8, 2432, 128, 0, 1}, {9, 2560, 8, 0, 0},
                        {17, 2624, 64, 1, 0}, {18, 2688, 8192, 1, 0}});
        assertCpuid(j.get("cpuid"), 0x602E7, 0x2B00, 0x2B00, 0x1F, 0x2A80, 0xDD00);
    }

    @Test
    void genoaCompactedJson() {
        JsonNode j = layoutJson("--cpu", "genoa", "--xcr0", "0xe7", "--xss", "cet_u", "--compacted");
        assertThat(j.get("xss").asText()).isEqualTo("0x800");
        assertThat(j.get("size").asLong()).isEqualTo(0x990);
        assertComponents(j.get("components"),
                new String[] {"x87", "sse", "avx", "opmask", "zmm_hi256", "hi16_zmm", "cet_u"},
                new long[][] {{0, 0, 160, 0, 0}, {1, 160, 256, 0, 0}, {2, 576, 256, 0, 0}, {5, 832, 64, 0, 0},
                        {6, 896, 512, 0, 0}, {7, 1408, 1024, 0, 0}, {11, 2432, 16, 0, 1}});
        assertCpuid(j.get("cpuid"), 0x2E7, 0x980, 0x988, 0xF, 0x990, 0x1800);
    }

    @Test
    void genoaStandardText() {
        CliRun r = CliRun.of("layout", "--cpu", "genoa", "--xcr0", "0x2e7");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(String.join("\n",
                "genoa (AMD EPYC 9654 96-Core Processor)",
                "XCR0 0x2e7 (x87|sse|avx|opmask|zmm_hi256|hi16_zmm|pkru), IA32_XSS 0x0 (none), standard form",
                "",
                " IDX  COMPONENT     OFFSET     SIZE  ALIGN64  SUPERVISOR",
                "   0  x87            0x000      160       no  no",
                "   1  sse            0x0a0      256       no  no",
                "   2  avx            0x240      256       no  no",
                "   5  opmask         0x340       64       no  no",
                "   6  zmm_hi256      0x380      512       no  no",
                "   7  hi16_zmm       0x580     1024       no  no",
                "   9  pkru           0x980        8       no  no",
                "",
                "size: 2440 bytes (0x988)",
                "CPUID.(EAX=0DH,ECX=0): 000002E7-00000988-00000988-00000000   (EBX = standard size for this XCR0)",
                // Compacted 0x2E7 with IA32_XSS = 0: 2432 + PKRU 8 = 2440 = 0x988.
                "CPUID.(EAX=0DH,ECX=1): 0000000F-00000988-00001800-00000000   (EBX = compacted size for XCR0|IA32_XSS)",
                ""));
    }

    @Test
    void cascadeLakeStandardText() {
        CliRun r = CliRun.of("layout", "--cpu", "cascadelake-server", "--xcr0", "0xff");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(
                "   3  bndregs        0x3c0       64       no  no\n",
                "   4  bndcsr         0x400       64       no  no\n",
                "   5  opmask         0x440       64       no  no\n",
                "   7  hi16_zmm       0x680     1024       no  no\n",
                "size: 2688 bytes (0xa80)\n",
                "CPUID.(EAX=0DH,ECX=0): 000002FF-00000A80-00000A88-00000000",
                // XCR0 0xFF, IA32_XSS 0: 2560.
                "CPUID.(EAX=0DH,ECX=1): 0000000F-00000A00-00000100-00000000");
    }

    @Test
    void iceLakeCompactedText() {
        CliRun r = CliRun.of("layout", "--cpu", "icelake-server", "--xcr0", "0xe7", "--xss", "pt",
                "--compacted");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(
                "compacted form\n",
                "   8  pt             0x980      128       no  yes\n",
                "size: 2560 bytes (0xa00)\n",
                "CPUID.(EAX=0DH,ECX=0): 000002E7-00000A80-00000A88-00000000",
                "CPUID.(EAX=0DH,ECX=1): 0000000F-00000A00-00000100-00000000");
    }

    @Test
    void sapphireRapidsStandardText() {
        CliRun r = CliRun.of("layout", "--cpu", "sapphirerapids", "--xcr0", "x87,sse,amx");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(
                "  17  xtilecfg       0xac0       64      yes  no\n",
                "  18  xtiledata      0xb00     8192      yes  no\n",
                "size: 11008 bytes (0x2b00)\n");
    }

    @Test
    void userDumpsWork() {
        CliRun r = CliRun.of("layout", "--cpu-dump", CliRun.dump("cascadelake-cpuid-r.txt"),
                "--xcr0", "0xff", "--xss", "0x100", "--compacted", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.json().get("cpu").asText()).isEqualTo("cascadelake-cpuid-r");
        assertThat(r.json().get("size").asLong()).isEqualTo(0xA80);
        r = CliRun.of("layout", "--cpu-dump", CliRun.dump("sandybridge.txt"), "--xcr0", "7");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("   2  avx            0x240      256       no  no\n", "size: 832 bytes (0x340)\n");
    }
}
