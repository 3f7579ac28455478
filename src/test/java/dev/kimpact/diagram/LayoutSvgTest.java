package dev.kimpact.diagram;

import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayoutSvgTest {

    private static final CpuCatalog CPUS = new CpuCatalog();

    private static List<Element> boxes(Document d) {
        return SvgCheck.titled(d, "rect").stream()
                .filter(e -> Double.parseDouble(e.getAttribute("width")) > 12).toList();     // not the legend's
    }

    @Test
    void oneBoxPerRegionToScaleColouredByKindEachWithATitle() throws Exception {
        CpuModel spr = CPUS.builtin("sapphirerapids");
        Layout l = spr.compactedLayout(0x602e7L | 0x1900L);
        Document d = SvgCheck.parse(LayoutSvg.draw(List.of(new Titled(List.of("sapphirerapids"), l))));
        List<Region> regions = Region.of(l);
        List<Element> boxes = boxes(d);
        assertThat(boxes).hasSameSizeAs(regions);
        double pxPerByte = Double.parseDouble(boxes.get(0).getAttribute("height")) / 512;
        for (int i = 0; i < regions.size(); i++) {
            Region r = regions.get(i);
            Element box = boxes.get(i);
            assertThat(SvgCheck.title(box)).startsWith(r.name()).contains(String.format("0x%03x", r.offset()))
                    .contains(r.size() + " bytes");
            assertThat(Double.parseDouble(box.getAttribute("height"))).as(r.name())
                    .isCloseTo(r.size() * pxPerByte, org.assertj.core.data.Offset.offset(0.5));
            assertThat(box.getAttribute("fill")).as(r.name()).isEqualTo(LayoutSvg.fill(r.kind()));
        }
        assertThat(boxes).filteredOn(b -> SvgCheck.title(b).startsWith("xtiledata"))
                .singleElement().satisfies(b -> assertThat(b.getAttribute("fill")).isEqualTo(LayoutSvg.fill(Region.Kind.AMX)));
        assertThat(boxes).filteredOn(b -> SvgCheck.title(b).startsWith("pt"))
                .singleElement().satisfies(b -> assertThat(b.getAttribute("fill"))
                        .isEqualTo(LayoutSvg.fill(Region.Kind.SUPERVISOR)));
        assertThat(Region.Kind.values()).extracting(LayoutSvg::fill).doesNotHaveDuplicates();
    }

    @Test
    void twoLayoutsAreJoinedByABandPerComponentTheMovedOnesSaySo(@TempDir Path tmp) throws Exception {
        CpuModel clx = CPUS.builtin("cascadelake-server");
        String svg = LayoutSvg.draw(List.of(new Titled(List.of("guest_fpu"), clx.compactedLayout(0x2ff)),
                new Titled(List.of("kernel's buffers"), clx.compactedLayout(0x2e7))));
        Document d = SvgCheck.parse(svg);
        List<Element> bands = SvgCheck.titled(d, "polygon");
        assertThat(bands).extracting(SvgCheck::title).containsExactly("legacy at the same offset",
                "header at the same offset", "avx at the same offset",
                "opmask moved -0x80 (0x3c0 -> 0x340)", "zmm_hi256 moved -0x80 (0x400 -> 0x380)",
                "hi16_zmm moved -0x80 (0x600 -> 0x580)", "pkru moved -0x80 (0xa00 -> 0x980)");
        assertThat(boxes(d)).hasSize(Region.of(clx.compactedLayout(0x2ff)).size()
                + Region.of(clx.compactedLayout(0x2e7)).size());
        assertThat(svg).contains(">0x340 opmask 64 moved -0x80</text>");
        Optional<Path> png = SvgCheck.renderPng(svg, tmp.resolve("mpx.png"));
        if (png.isPresent()) {
            int[] size = SvgCheck.pngSize(png.get());
            assertThat(size[0]).isEqualTo((int) Double.parseDouble(d.getDocumentElement().getAttribute("width")));
            assertThat(size[1]).isGreaterThan(640);
        }
    }

    @Test
    void oneOrTwoLayouts() {
        assertThatThrownBy(() -> LayoutSvg.draw(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textIsEscaped() throws Exception {
        CpuModel clx = CPUS.builtin("cascadelake-server");
        String svg = LayoutSvg.draw(List.of(new Titled(List.of("<a & \"b\">"), clx.compactedLayout(0x7))));
        assertThat(SvgCheck.parse(svg).getDocumentElement().getTextContent()).contains("<a & \"b\">");
    }
}
