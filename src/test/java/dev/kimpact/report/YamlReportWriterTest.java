package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kimpact.diag.Location;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class YamlReportWriterTest {

    private static JsonNode yaml(Report r) throws Exception {
        return new YAMLMapper().readTree(new YamlReportWriter().write(r, WriterOptions.plain("1.2.3")));
    }

    private static JsonNode json(Report r) throws Exception {
        return JsonReportWriterTest.parse(new JsonReportWriter().write(r, WriterOptions.plain("1.2.3")));
    }

    @Test
    void sameTreeAsJson() throws Exception {
        Report r = ReportFixtures.mpxRemoval();
        assertThat(yaml(r)).isEqualTo(json(r));
        assertThat(JsonReportWriterTest.keys(yaml(r)))
                .containsExactly("format", "tool", "findings", "suppressed", "scenarios", "summary", "shard");
    }

    @Test
    void stringsThatLookLikeOtherTypesStayStrings() throws Exception {
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<String> tricky = List.of("4.20", "0x1f", "1e3", "yes", "no", "on", "true", "null", "~", "", "- a",
                "a: b", "#x", "'q'", "\"dq\"", "{x}", "[y]", "*anchor", "&ref", "!tag", "%p", "@a", "`b`", "0o17",
                "08", ".inf", "line\nbreak", " lead", "trail ");
        for (int i = 0; i < tricky.size(); i++) {
            evidence.put("k" + i, tricky.get(i));
        }
        Finding f = new Finding("xstate-lost", Severity.ERROR, "s", Map.of("hosts.new.kernel", "5.0"), "g", "h",
                "step", new Location("a.yaml", 3, 1), "message: with colon", evidence, "- remedy");
        Report r = new Report(List.of(f), List.of(), List.of());
        JsonNode tree = yaml(r);
        assertThat(tree).isEqualTo(json(r));
        JsonNode ev = tree.get("findings").get(0).get("evidence");
        for (int i = 0; i < tricky.size(); i++) {
            assertThat(ev.get("k" + i).isTextual()).as(tricky.get(i)).isTrue();
            assertThat(ev.get("k" + i).asText()).isEqualTo(tricky.get(i));
        }
        assertThat(tree.get("findings").get(0).get("case").get("hosts.new.kernel").asText()).isEqualTo("5.0");
    }
}
