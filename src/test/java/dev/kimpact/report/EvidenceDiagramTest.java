package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.RuleId;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.report.ReportFixtures.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/** The side-by-side drawing the text and markdown forms give the findings that compare two XSAVE layouts. */
class EvidenceDiagramTest {

    private static Map<String, Object> row(String component, int offset, int size) {
        return ordered("component", component, "offset", offset, "size", size);
    }

    /** The seed's case as the rule records it: the kernel's buffers without MPX, guest_fpu with it. */
    static Finding mismatch() {
        return new Finding(RuleId.XSAVE_LAYOUT_MISMATCH.id(), Severity.WARNING, "s", Map.of(), null, "kvm-keeps-mpx",
                null, null, "offsets differ", ordered(
                "host_buffers_xcomp_bv", ordered("hex", "0x2e7", "components", "x87|sse|avx|opmask|zmm_hi256|hi16_zmm|pkru"),
                "guest_fpu_xcomp_bv", ordered("hex", "0x2ff", "components", "x87|sse|avx|bndregs|bndcsr|opmask|zmm_hi256|hi16_zmm|pkru"),
                "host_buffers", List.of(row("avx", 576, 256), row("opmask", 832, 64), row("zmm_hi256", 896, 512),
                        row("hi16_zmm", 1408, 1024), row("pkru", 2432, 8)),
                "guest_fpu", List.of(row("avx", 576, 256), row("bndregs", 832, 64), row("bndcsr", 896, 64),
                        row("opmask", 960, 64), row("zmm_hi256", 1024, 512), row("hi16_zmm", 1536, 1024),
                        row("pkru", 2560, 8)),
                "offsets_differ", List.of("opmask 832->960")), "remedy");
    }

    private static Report report(Finding f) {
        return new Report(List.of(f), List.of(), List.of(new Report.ScenarioResult("s", "s.yaml", null,
                List.of(Map.of()), List.of())));
    }

    @Test
    void theTextFormDrawsTheTwoBuffersInsteadOfTheirTables() {
        String text = new TextReportWriter().write(report(mismatch()), WriterOptions.plain("1"));
        assertThat(text).contains("    kernel's buffers            guest_fpu\n"
                + "    XCOMP_BV 0x2e7              XCOMP_BV 0x2ff\n");
        assertThat(text).contains("           | opmask       64 |         | opmask       64 | moved +0x80\n");
        assertThat(text).contains("\n" + " ".repeat(4 + 28 + 7) + "| bndregs      64 |\n");      // right column only
        assertThat(text).doesNotContain("host_buffers:").doesNotContain("guest_fpu:\n");
        assertThat(text).contains("    offsets_differ: [opmask 832->960]\n");
        assertThat(text.indexOf("offsets_differ")).isLessThan(text.indexOf("kernel's buffers"));
        assertThat(text.indexOf("kernel's buffers")).isLessThan(text.indexOf("remedy:"));
        assertThat(text.lines().filter(l -> l.contains("+---") || l.contains(" | ")))
                .hasSizeGreaterThan(18).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(72));
    }

    @Test
    void markdownPutsTheDrawingInACodeBlockInsideTheItem() {
        String md = new MarkdownReportWriter().write(report(mismatch()), WriterOptions.plain("1"));
        assertThat(md).contains("\n   ```\n   kernel's buffers            guest_fpu\n");
        assertThat(md).contains("| moved +0x80\n");
        assertThat(md).doesNotContain("host_buffers:");
    }

    @Test
    void aReportReadBackFromJsonDrawsTheSame() {
        Report r = report(mismatch());
        String json = new JsonReportWriter().write(r, WriterOptions.plain("1"));
        Report back = ReportReader.read("r.json", json);
        TextReportWriter w = new TextReportWriter();
        assertThat(w.write(back, WriterOptions.plain("1"))).isEqualTo(w.write(r, WriterOptions.plain("1")));
    }

    @Test
    void tablesThatAreNotLayoutsStayTables() {
        Finding f = mismatch();
        Map<String, Object> ev = new java.util.LinkedHashMap<>(f.evidence());
        ev.put("guest_fpu", List.of(row("no-such-component", 576, 64)));
        Finding odd = new Finding(f.rule(), f.severity(), f.scenario(), f.bindings(), f.guest(), f.host(), f.step(),
                f.location(), f.message(), ev, f.remedy());
        String text = new TextReportWriter().write(report(odd), WriterOptions.plain("1"));
        assertThat(text).contains("    host_buffers:\n").doesNotContain("moved");
        assertThat(EvidenceDiagram.of(odd)).isEmpty();
    }

    @Test
    void otherRulesAreNotDrawn() {
        assertThat(ReportFixtures.mpxRemoval().findings()).allSatisfy(
                f -> assertThat(EvidenceDiagram.of(f)).isEmpty());
    }

    @Test
    void sizeChangedDrawsTheStandardFormOnBothCpus() {
        Finding f = new Finding(RuleId.XSAVE_SIZE_CHANGED.id(), Severity.WARNING, "s", Map.of(), "g", "genoa", null,
                null, "sizes differ", ordered("cpuid_d0_ebx", ordered("source", 2696, "destination", 2440),
                "standard_layouts", ordered(
                        "source", List.of(row("avx", 576, 256), row("opmask", 1088, 64), row("pkru", 2688, 8)),
                        "destination", List.of(row("avx", 576, 256), row("opmask", 832, 64), row("pkru", 2432, 8)))),
                "remedy");
        String text = new TextReportWriter().write(report(f), WriterOptions.plain("1"));
        assertThat(text).contains("    source, standard form       destination, standard form\n");
        assertThat(text).contains("| opmask       64 | moved -0x100\n");
        assertThat(text).contains("           | unused      256 |\n");       // 0x340..0x440: MPX, not in XCR0
        assertThat(text).contains("    cpuid_d0_ebx:\n").doesNotContain("standard_layouts");
    }
}
