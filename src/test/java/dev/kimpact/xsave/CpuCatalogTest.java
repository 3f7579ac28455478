package dev.kimpact.xsave;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CPU models an input names: a dump file beside it, or CPUID lines written in it over a based-on model. */
class CpuCatalogTest {

    private static final Location AT = new Location("s.yaml", 2, 13);

    private final CpuCatalog cpus = new CpuCatalog();

    private static InputException thrown(Runnable r) {
        try {
            r.run();
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("no InputException");
    }

    @Test
    void problemsWithTheDumpFileAsAWholePointWhereItIsNamed(@TempDir Path dir) {
        InputException missing = thrown(() -> cpus.fromDump(dir.resolve("none.txt"), "scenarios/none.txt",
                "none.txt", AT));
        assertThat(missing.render()).isEqualTo("s.yaml:2:13: cpu.dump 'none.txt': no such file");
        InputException directory = thrown(() -> cpus.fromDump(dir, "scenarios/.", ".", AT));
        assertThat(directory.render()).isEqualTo("s.yaml:2:13: cpu.dump '.': not a regular file");
    }

    @Test
    void problemsInsideTheDumpPointIntoItUnderItsShownName(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.txt"), "# a dump\nCPUID 00000000: 0000000D\n");
        InputException e = thrown(() -> cpus.fromDump(broken, "scenarios/broken.txt", "broken.txt", AT));
        assertThat(e.location()).isEqualTo(new Location("scenarios/broken.txt", 2, 1));
        assertThat(e.getMessage()).startsWith("malformed CPUID line");
    }

    @Test
    void inlineLeavesOverABasedOnModelKeepTheRestOfIt() {
        CpuModel base = cpus.builtin("cascadelake-server");
        // Sub-leaf 0 without MPX (XCR0-settable bits 3 and 4 cleared), written on line 5 of s.yaml.
        CpuModel own = cpus.inlineLeaves("s.yaml", "CPUID 0000000D: 000002E7-00000A80-00000A88-00000000 [SL 00]\n",
                new Location("s.yaml", 4, 3));
        CpuModel cpu = cpus.inline("clx-no-mpx", "s.yaml", own, base, AT);
        assertThat(cpu.name()).isEqualTo("clx-no-mpx");
        assertThat(cpu.source()).isEqualTo("inline cpuid in s.yaml over cascadelake-server");
        assertThat(cpu.supportedXcr0()).isEqualTo(0x2E7L);
        assertThat(cpu.size(XFeature.AVX.index())).isEqualTo(base.size(XFeature.AVX.index()));
        assertThat(cpu.leaves()).hasSameSizeAs(base.leaves());
        assertThat(cpu.quirks()).isEqualTo(Quirks.DEFAULT);
    }

    @Test
    void inlineLeavesAloneAreCheckedAsADumpIs() {
        // Sub-leaf 0 enumerates AVX (bit 2) but no sub-leaf 2 gives its size: size 0 is refused.
        CpuModel own = cpus.inlineLeaves("s.yaml", "CPUID 0000000D: 00000007-00000340-00000340-00000000 [SL 00]",
                new Location("s.yaml", 4, 3));
        assertThatThrownBy(() -> cpus.inline("mine", "s.yaml", own, null, AT)).isInstanceOf(InputException.class)
                .hasMessageContaining("reports size 0 for enumerated component");
        CpuModel avx = cpus.inline("mine", "s.yaml", cpus.inlineLeaves("s.yaml", """
                CPUID 0000000D: 00000007-00000340-00000340-00000000 [SL 00]
                CPUID 0000000D: 00000100-00000240-00000000-00000000 [SL 02]
                """, new Location("s.yaml", 4, 3)), null, AT);
        assertThat(avx.source()).isEqualTo("inline cpuid in s.yaml");
        assertThat(avx.standardOffset(XFeature.AVX.index())).isEqualTo(0x240);
    }

    @Test
    void anInlineLineIsLocatedInTheFileItIsWrittenIn() {
        InputException e = thrown(() -> cpus.inlineLeaves("s.yaml", "CPUID 0000000D: 000002E7\n",
                new Location("s.yaml", 4, 3)));
        assertThat(e.location().file()).isEqualTo("s.yaml");
        assertThat(e.location().line()).isEqualTo(5);
    }
}
