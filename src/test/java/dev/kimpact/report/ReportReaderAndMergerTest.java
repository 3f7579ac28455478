package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.finding.Shard;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JSON reports read back, shards interleaved, findings diffed by identity. */
class ReportReaderAndMergerTest {

    private static final WriterOptions PLAIN = WriterOptions.plain("1.2.3");

    private static String json(Report r) {
        return new JsonReportWriter().write(r, PLAIN);
    }

    @Test
    void readingAJsonReportGivesTheSameJsonBack() {
        String written = json(ReportFixtures.mpxRemoval());
        Report read = ReportReader.read("r.json", written);
        assertThat(json(read)).isEqualTo(written);
        assertThat(read.findings().get(1).location()).isEqualTo(new Location(ReportFixtures.FILE, 23, 0));
        assertThat(read.shard()).isNull();
    }

    @Test
    void anticipatedFindingsAndTheShardSurvive() {
        Report r = ReportFixtures.mpxRemoval();
        Report sharded = new Report(r.findings(), r.suppressed(), r.scenarios(), List.of(r.findings().get(1)),
                new Shard(2, 3));
        Report read = ReportReader.read("r.json", json(sharded));
        assertThat(read.shard()).isEqualTo(new Shard(2, 3));
        assertThat(read.anticipated()).hasSize(1);
        assertThat(read.isAnticipated(read.findings().get(1))).isTrue();
        assertThat(json(read)).isEqualTo(json(sharded));
    }

    @Test
    void notAReport() {
        assertThatThrownBy(() -> ReportReader.read("x.json", "[1, 2")).isInstanceOf(InputException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ReportReader.read("x.json", "{\"tool\": {\"name\": \"other\"}}"))
                .hasMessageContaining("not a kimpact JSON report");
        String future = json(ReportFixtures.mpxRemoval()).replace("\"format\" : 1", "\"format\" : 99");
        assertThatThrownBy(() -> ReportReader.read("x.json", future)).hasMessageContaining("report format 99");
    }

    /** A report of cases {@code indexes} of a 5-case matrix, each case finding its own index. */
    private static Report shardOf(List<Integer> indexes, Shard shard) {
        List<Finding> findings = new ArrayList<>();
        List<Map<String, String>> cases = new ArrayList<>();
        for (int k : indexes) {
            Map<String, String> bindings = new LinkedHashMap<>();
            bindings.put("cpu", "c" + k);
            cases.add(bindings);
            for (int n = 0; n < k % 3; n++) {
                findings.add(new Finding("xstate-lost", Severity.ERROR, "s", bindings, "g" + n, "h", null, null,
                        "case " + k, Map.of(), null));
            }
        }
        return new Report(findings, List.of(), List.of(new Report.ScenarioResult("s", "s.yaml", null, cases,
                List.of(new Report.Expectation("xstate-lost", null, null, true, indexes.size() < 5)))), List.of(), shard);
    }

    @Test
    void shardsInterleaveBackIntoCaseOrder() {
        Report whole = shardOf(List.of(0, 1, 2, 3, 4), null);
        Report merged = ReportMerger.merge(List.of(
                new ReportMerger.Input("2", shardOf(List.of(1, 3), new Shard(2, 2))),
                new ReportMerger.Input("1", shardOf(List.of(0, 2, 4), new Shard(1, 2)))));
        assertThat(merged.scenarios().get(0).cases()).isEqualTo(whole.scenarios().get(0).cases());
        assertThat(merged.findings()).isEqualTo(whole.findings());
        assertThat(merged.scenarios().get(0).expectations()).containsExactly(
                new Report.Expectation("xstate-lost", null, null, true, true));
        assertThat(merged.shard()).isNull();
    }

    @Test
    void shardsThatDoNotFit() {
        ReportMerger.Input one = new ReportMerger.Input("1", shardOf(List.of(0, 2, 4), new Shard(1, 2)));
        assertThatThrownBy(() -> ReportMerger.merge(List.of(one,
                new ReportMerger.Input("2", shardOf(List.of(1, 3), new Shard(2, 3)))))).hasMessageContaining("same run");
        assertThatThrownBy(() -> ReportMerger.merge(List.of(one,
                new ReportMerger.Input("2", shardOf(List.of(1, 3, 5, 7), new Shard(2, 2))))))
                .hasMessageContaining("does not fit");
    }

    private static Finding finding(String rule, String guest, String step, String message) {
        return new Finding(rule, Severity.ERROR, "s", Map.of(), guest, "h", step, null, message, Map.of(), null);
    }

    @Test
    void diffIdentityIsRuleGuestHostStepCounted() {
        Report before = new Report(List.of(finding("xstate-lost", "a", "migrate a", "old text"),
                finding("xstate-lost", "a", "migrate a", "twice"), finding("xsetbv-fault", "b", "boot b", "m")),
                List.of(), List.of());
        Finding appeared = finding("xstate-leak", "a", "switch", "new");
        Report after = new Report(List.of(finding("xstate-lost", "a", "migrate a", "new text"), appeared),
                List.of(), List.of());
        FindingDiff d = FindingDiff.of("s", "s.yaml", Map.of("cpu", "x"), Map.of("cpu", "y"), before, after);
        assertThat(d.appeared()).containsExactly(appeared);
        assertThat(d.disappeared()).extracting(Finding::message).containsExactly("twice", "m");
        assertThat(d.unchanged()).isEqualTo(1);
        assertThat(d.failsAt(Severity.ERROR)).isTrue();
        assertThat(d.failsAt(null)).isFalse();
        assertThat(DiffWriter.write(d, "text", PLAIN)).contains("+ error[xstate-leak] a h: new\n    at: switch\n")
                .contains("- error[xsetbv-fault] b h: m\n").endsWith("1 appeared, 2 disappeared, 1 unchanged\n");
    }
}
