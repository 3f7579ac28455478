package dev.kimpact.report;

import dev.kimpact.diagram.SvgCheck;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code run --format svg}: a heat map of cases by rules. */
class SvgReportWriterTest {

    private static Finding finding(String rule, Severity s, Map<String, String> bindings) {
        return new Finding(rule, s, "m", bindings, null, "new", null, null, "msg", Map.of(), null);
    }

    /** Three cases; xsetbv-fault twice in the second, once in the third; user-abi-removed once in each. */
    private static Report matrix() {
        List<Map<String, String>> cases = List.of(Map.of("hosts.new.kernel", "4.20"),
                Map.of("hosts.new.kernel", "4.21"), Map.of("hosts.new.kernel", "4.22"));
        List<Finding> findings = new ArrayList<>();
        for (Map<String, String> c : cases) {
            findings.add(finding("user-abi-removed", Severity.WARNING, c));
        }
        findings.add(finding("xsetbv-fault", Severity.ERROR, cases.get(1)));
        findings.add(finding("xsetbv-fault", Severity.ERROR, cases.get(1)));
        findings.add(finding("xsetbv-fault", Severity.ERROR, cases.get(2)));
        return new Report(findings, List.of(), List.of(new Report.ScenarioResult("m", "m.yaml", null, cases,
                List.of())));
    }

    @Test
    void aCellPerCaseAndRuleWithItsCountInTheTitle(@TempDir Path tmp) throws Exception {
        String svg = new SvgReportWriter().write(matrix(), WriterOptions.plain("1"));
        Document d = SvgCheck.parse(svg);
        List<Element> cells = SvgCheck.titled(d, "rect");
        assertThat(cells).extracting(SvgCheck::title).containsExactly(
                "hosts.new.kernel=4.20: xsetbv-fault: 0 findings",
                "hosts.new.kernel=4.20: user-abi-removed: 1 finding",
                "hosts.new.kernel=4.21: xsetbv-fault: 2 findings",
                "hosts.new.kernel=4.21: user-abi-removed: 1 finding",
                "hosts.new.kernel=4.22: xsetbv-fault: 1 finding",
                "hosts.new.kernel=4.22: user-abi-removed: 1 finding");
        assertThat(cells.get(0).getAttribute("fill")).isEqualTo(SvgReportWriter.colour(0, 2));
        assertThat(cells.get(2).getAttribute("fill")).isEqualTo(SvgReportWriter.colour(2, 2));
        assertThat(SvgReportWriter.colour(2, 2)).isNotEqualTo(SvgReportWriter.colour(1, 2))
                .isNotEqualTo(SvgReportWriter.colour(0, 2));
        assertThat(svg).contains(">xsetbv-fault</text>").contains(">3 errors, 3 warnings, 0 notes in 1 scenario</text>");
        Optional<Path> png = SvgCheck.renderPng(svg, tmp.resolve("matrix.png"));
        if (png.isPresent()) {
            assertThat(SvgCheck.pngSize(png.get())[0]).isPositive();
        }
    }

    @Test
    void aPlainRunIsOneRowAndNoFindingsSaysSo() throws Exception {
        Document d = SvgCheck.parse(new SvgReportWriter().write(ReportFixtures.empty(), WriterOptions.plain("1")));
        assertThat(SvgCheck.titled(d, "rect")).isEmpty();
        String one = new SvgReportWriter().write(new Report(List.of(finding("xsetbv-fault", Severity.ERROR, Map.of())),
                List.of(), List.of(new Report.ScenarioResult("p", "p.yaml", null, List.of(Map.of()), List.of()))),
                WriterOptions.plain("1"));
        assertThat(SvgCheck.titled(SvgCheck.parse(one), "rect")).extracting(SvgCheck::title)
                .containsExactly("(as written): xsetbv-fault: 1 finding");
    }
}
