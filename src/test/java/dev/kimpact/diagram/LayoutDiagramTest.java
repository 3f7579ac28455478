package dev.kimpact.diagram;

import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Layout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LayoutDiagramTest {

    private static final CpuCatalog CPUS = new CpuCatalog();

    private static Titled titled(Layout l) {
        return new Titled(List.of("t"), l);
    }

    /** The line with the box of {@code name} in it. */
    private static String row(List<String> lines, String name) {
        return lines.stream().filter(l -> l.contains("| " + name + " ")).findFirst().orElseThrow();
    }

    @Test
    void oneLayoutHasABoxPerRegionWithHexOffsetsOnTheLeft() {
        CpuModel spr = CPUS.builtin("sapphirerapids");
        Layout l = spr.compactedLayout(0x602e7L | 0x1900L);    // AMX, CET and PT: a padding box before xtilecfg
        List<String> lines = LayoutDiagram.draw(titled(l));
        assertThat(lines.get(0)).isEqualTo("t");
        assertThat(lines).contains(" 0x000 +-----------------------------------------------+",
                " 0x200 +-----------------------------------------------+",
                "0x2a80 +-----------------------------------------------+");
        assertThat(row(lines, "legacy")).contains("x87, sse").contains("512 bytes");
        assertThat(row(lines, "header")).contains("64 bytes");
        assertThat(row(lines, "padding")).contains("align 64").contains("16 bytes");
        assertThat(row(lines, "cet_u")).contains("supervisor");
        assertThat(row(lines, "xtiledata")).contains("8192 bytes");
        assertThat(lines.get(lines.indexOf(row(lines, "padding")) - 1)).startsWith(" 0xa30 +");
        assertThat(lines.get(lines.size() - 1)).contains("size 10880 (0x2a80)");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(LayoutDiagram.WIDTH));
    }

    @Test
    void sideBySideMarksEveryComponentWhoseOffsetMovedWithTheDelta() {
        CpuModel clx = CPUS.builtin("cascadelake-server");
        List<String> lines = LayoutDiagram.sideBySide(titled(clx.compactedLayout(0x2e7)),
                titled(clx.compactedLayout(0x2ff)));
        assertThat(row(lines, "avx")).doesNotContain("moved");
        assertThat(row(lines, "opmask")).endsWith("| moved +0x80");
        assertThat(row(lines, "pkru")).endsWith("| moved +0x80");
        assertThat(row(lines, "bndregs")).startsWith(" ".repeat(28) + "       | bndregs");   // right column only
        assertThat(lines).contains(" 0x340 +-----------------+   0x3c0 +-----------------+");
        assertThat(lines.get(lines.size() - 1)).endsWith("size 2568 (0xa08) +0x80");
        assertThat(lines.stream().filter(l -> l.contains("moved"))).hasSize(4);
    }

    @Test
    void nothingMovedNothingMarked() {
        CpuModel clx = CPUS.builtin("cascadelake-server");
        List<String> lines = LayoutDiagram.sideBySide(titled(clx.standardLayout(0x2ff)),
                titled(clx.compactedLayout(0x7)));
        assertThat(lines).noneMatch(l -> l.contains("moved"));
        assertThat(lines).contains(" 0x240 +-----------------+   0x240 +-----------------+");
    }

    @Test
    void everyBuiltInCpuFitsAMailInBothFormsAndSideBySide() {
        for (String name : CpuCatalog.BUILTIN) {
            CpuModel cpu = CPUS.builtin(name);
            Layout standard = cpu.standardLayout(cpu.supportedXcr0());
            Layout compacted = cpu.compactedLayout(cpu.supportedXcr0() | cpu.supportedXss());
            for (List<String> lines : List.of(LayoutDiagram.draw(titled(standard)), LayoutDiagram.draw(titled(compacted)),
                    LayoutDiagram.sideBySide(titled(standard), titled(compacted)),
                    LayoutDiagram.sideBySide(titled(compacted), titled(cpu.compactedLayout(0x7))))) {
                assertThat(lines).as(name).allSatisfy(
                        line -> assertThat(line.length()).isLessThanOrEqualTo(LayoutDiagram.WIDTH));
            }
        }
    }

    @Test
    void theStandardFormShowsTheHoleOfComponentsNotLaidOut() {
        CpuModel clx = CPUS.builtin("cascadelake-server");
        List<String> lines = LayoutDiagram.draw(titled(clx.standardLayout(0x2e7)));   // no MPX: 0x340..0x440 unused
        assertThat(row(lines, "unused")).contains("256 bytes");
        assertThat(lines.get(lines.indexOf(row(lines, "unused")) - 1)).startsWith(" 0x340 +");
        assertThat(lines.get(lines.indexOf(row(lines, "opmask")) - 1)).startsWith(" 0x440 +");
    }
}
