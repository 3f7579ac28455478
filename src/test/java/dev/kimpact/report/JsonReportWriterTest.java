package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static JsonNode parse(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private final JsonNode root;

    JsonReportWriterTest() throws Exception {
        root = parse(new JsonReportWriter().write(ReportFixtures.mpxRemoval(), WriterOptions.plain("1.2.3")));
    }

    @Test
    void topLevelKeysInDocumentedOrder() {
        assertThat(keys(root)).containsExactly("format", "tool", "findings", "suppressed", "scenarios", "summary",
                "shard");
        assertThat(root.get("format").asInt()).isEqualTo(Report.FORMAT_VERSION).isEqualTo(1);
        assertThat(root.get("tool").get("name").asText()).isEqualTo("kimpact");
        assertThat(root.get("tool").get("version").asText()).isEqualTo("1.2.3");
        assertThat(keys(root.get("tool"))).containsExactly("name", "version");
    }

    @Test
    void findingsKeepReportOrderAndEveryKey() {
        JsonNode findings = root.get("findings");
        assertThat(findings).hasSize(4);
        for (JsonNode f : findings) {
            assertThat(keys(f)).containsExactly("rule", "severity", "scenario", "case", "guest", "host", "step",
                    "location", "message", "evidence", "remedy", "anticipated");
        }
        assertThat(findings.get(0).get("rule").asText()).isEqualTo("xsave-size-changed");
        assertThat(findings.get(0).get("severity").asText()).isEqualTo("warning");
        assertThat(findings.get(3).get("severity").asText()).isEqualTo("note");
    }

    @Test
    void findingValues() {
        JsonNode xcrs = root.get("findings").get(1);
        assertThat(xcrs.get("rule").asText()).isEqualTo("migration-xcrs-rejected");
        assertThat(xcrs.get("severity").asText()).isEqualTo("error");
        assertThat(xcrs.get("scenario").asText()).isEqualTo("mpx-removal-in-4.21");
        assertThat(keys(xcrs.get("case"))).containsExactly("hosts.new.kernel", "cpu");
        assertThat(xcrs.get("case").get("hosts.new.kernel").asText()).isEqualTo("4.21");
        assertThat(xcrs.get("guest").asText()).isEqualTo("rhel7");
        assertThat(xcrs.get("host").asText()).isEqualTo("old->new");
        assertThat(xcrs.get("step").asText()).isEqualTo("migrate rhel7 old->new");
        assertThat(xcrs.get("location").asText()).isEqualTo(ReportFixtures.FILE + ":23");
        assertThat(xcrs.get("message").asText()).isEqualTo("KVM_SET_XCRS on new rejects XCR0 0x1f | with a pipe");
        assertThat(xcrs.get("evidence").get("excess").get(1).asText()).isEqualTo("bndcsr");
        assertThat(xcrs.get("remedy").asText()).startsWith("keep MPX XSAVE");
    }

    @Test
    void absentValuesAreExplicitNullsAndEmptyMaps() {
        JsonNode late = root.get("findings").get(3);
        assertThat(late.get("guest").isNull()).isTrue();
        assertThat(late.get("host").isNull()).isTrue();
        assertThat(late.get("location").isNull()).isTrue();
        assertThat(late.get("case").isObject()).isTrue();
        assertThat(late.get("case").size()).isZero();
        assertThat(root.get("findings").get(2).get("remedy").isNull()).isTrue();
    }

    @Test
    void nestedEvidenceIsPreserved() {
        JsonNode evidence = root.get("findings").get(0).get("evidence");
        assertThat(keys(evidence)).containsExactly("hosts", "compacted", "layout", "empty");
        assertThat(evidence.get("compacted").get(1).get("size").asInt()).isEqualTo(2432);
        assertThat(evidence.get("layout").get("bndregs").get("offset").asInt()).isEqualTo(832);
        assertThat(evidence.get("layout").get("opmask").asInt()).isEqualTo(960);
        assertThat(evidence.get("empty").isObject()).isTrue();
    }

    @Test
    void locationWithoutLineIsTheFileAlone() {
        Finding f = ReportFixtures.mpxRemoval().suppressed().get(0).finding();
        assertThat(ReportTree.fileLine(f.location())).isEqualTo(ReportFixtures.FILE);
        assertThat(ReportTree.fileLine(null)).isNull();
    }

    @Test
    void suppressedEntries() {
        JsonNode suppressed = root.get("suppressed");
        assertThat(suppressed).hasSize(1);
        JsonNode s = suppressed.get(0);
        assertThat(keys(s)).containsExactly("rule", "scenario", "guest", "host", "step", "message", "reason",
                "severity", "case");
        assertThat(s.get("rule").asText()).isEqualTo("user-abi-removed");
        assertThat(s.get("reason").asText()).isEqualTo("MPX prctls unused since GCC 9.1");
        assertThat(s.get("step").isNull()).isTrue();
    }

    @Test
    void scenariosWithCasesAndExpectations() {
        JsonNode scenarios = root.get("scenarios");
        assertThat(scenarios).hasSize(2);
        JsonNode s = scenarios.get(0);
        assertThat(keys(s)).containsExactly("name", "file", "summary", "cases", "expectations");
        assertThat(s.get("file").asText()).isEqualTo(ReportFixtures.FILE);
        assertThat(s.get("cases").get(0).get("cpu").asText()).isEqualTo("cascadelake-server");
        JsonNode e = s.get("expectations").get(1);
        assertThat(keys(e)).containsExactly("rule", "guest", "host", "present", "met");
        assertThat(e.get("rule").asText()).isEqualTo("xstate-leak");
        assertThat(e.get("guest").isNull()).isTrue();
        assertThat(e.get("present").asBoolean()).isFalse();
        assertThat(e.get("met").asBoolean()).isFalse();
        assertThat(scenarios.get(1).get("summary").isNull()).isTrue();
        assertThat(scenarios.get(1).get("cases").get(0).size()).isZero();
    }

    @Test
    void summaryCountsFindingsNotSuppressed() {
        JsonNode summary = root.get("summary");
        assertThat(keys(summary)).containsExactly("error", "warning", "note");
        assertThat(summary.get("error").asInt()).isEqualTo(2);
        assertThat(summary.get("warning").asInt()).isEqualTo(1);
        assertThat(summary.get("note").asInt()).isEqualTo(1);
    }

    @Test
    void emptyReport() throws Exception {
        JsonNode empty = parse(new JsonReportWriter().write(ReportFixtures.empty(), WriterOptions.plain(null)));
        assertThat(empty.get("tool").get("version").asText()).isEqualTo("dev");
        assertThat(empty.get("findings")).isEmpty();
        assertThat(empty.get("summary").get("error").asInt()).isZero();
    }

    @Test
    void colourDoesNotChangeMachineFormats() {
        Report r = ReportFixtures.mpxRemoval();
        for (String format : List.of("json", "yaml", "sarif")) {
            ReportWriter w = ReportWriter.forFormat(format);
            assertThat(w.write(r, new WriterOptions(true, "1"))).isEqualTo(w.write(r, new WriterOptions(false, "1")))
                    .doesNotContain("\u001b[");
        }
    }
}
