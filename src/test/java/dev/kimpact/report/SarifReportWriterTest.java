package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kimpact.diag.Location;
import dev.kimpact.finding.RuleId;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SARIF 2.1.0: the properties the OASIS schema (sarif-schema-2.1.0.json) requires, the values it enumerates, and
 * only properties it defines (most of its objects have additionalProperties: false).
 */
class SarifReportWriterTest {

    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");
    private static final Set<String> LOG_PROPERTIES = Set.of("$schema", "version", "runs", "inlineExternalProperties",
            "properties");
    private static final Set<String> RUN_PROPERTIES = Set.of("tool", "results", "invocations", "artifacts",
            "originalUriBaseIds", "automationDetails", "columnKind", "properties");
    private static final Set<String> DRIVER_PROPERTIES = Set.of("name", "version", "semanticVersion",
            "informationUri", "rules", "fullName", "organization", "properties");
    private static final Set<String> RULE_PROPERTIES = Set.of("id", "name", "shortDescription", "fullDescription",
            "help", "helpUri", "defaultConfiguration", "properties");
    private static final Set<String> RESULT_PROPERTIES = Set.of("ruleId", "ruleIndex", "rule", "kind", "level",
            "message", "locations", "suppressions", "partialFingerprints", "fingerprints", "properties");
    private static final Set<String> PHYSICAL_LOCATION_PROPERTIES = Set.of("artifactLocation", "region",
            "contextRegion", "address", "properties");

    private static JsonNode sarif(Report r) throws Exception {
        return JsonReportWriterTest.parse(new SarifReportWriter().write(r, WriterOptions.plain("1.2.3")));
    }

    private static void onlyKnownProperties(JsonNode node, Set<String> allowed) {
        assertThat(JsonReportWriterTest.keys(node)).isSubsetOf(allowed);
    }

    private static void messageString(JsonNode node) {
        assertThat(node.isObject()).isTrue();
        assertThat(node.get("text").isTextual()).isTrue();
    }

    @Test
    void requiredPropertiesOfTheLog() throws Exception {
        JsonNode log = sarif(ReportFixtures.mpxRemoval());
        onlyKnownProperties(log, LOG_PROPERTIES);
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
        assertThat(log.get("runs")).hasSize(1);
        JsonNode run = log.get("runs").get(0);
        onlyKnownProperties(run, RUN_PROPERTIES);
        JsonNode driver = run.get("tool").get("driver");
        onlyKnownProperties(run.get("tool"), Set.of("driver", "extensions", "properties"));
        onlyKnownProperties(driver, DRIVER_PROPERTIES);
        assertThat(driver.get("name").asText()).isEqualTo("kimpact");
        assertThat(driver.get("version").asText()).isEqualTo("1.2.3");
        assertThat(driver.get("informationUri").asText()).startsWith("https://");
    }

    @Test
    void oneRulePerRuleIdWithDescriptionsHelpAndLevel() throws Exception {
        JsonNode rules = sarif(ReportFixtures.empty()).get("runs").get(0).get("tool").get("driver").get("rules");
        assertThat(rules).hasSize(RuleId.values().length);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            RuleId id = RuleId.values()[i];
            onlyKnownProperties(rule, RULE_PROPERTIES);
            assertThat(rule.get("id").asText()).isEqualTo(id.id());
            assertThat(ids.add(id.id())).isTrue();
            messageString(rule.get("shortDescription"));
            messageString(rule.get("fullDescription"));
            messageString(rule.get("help"));
            assertThat(rule.get("shortDescription").get("text").asText()).isEqualTo(id.summary());
            assertThat(rule.get("help").get("text").asText()).isEqualTo(id.explanation());
            assertThat(rule.get("fullDescription").get("text").asText()).doesNotContain("\n").isNotBlank();
            assertThat(rule.get("defaultConfiguration").get("level").asText()).isEqualTo(id.severity().id())
                    .isIn(LEVELS);
        }
    }

    @Test
    void resultsReferenceRulesWithValidLevelsAndMessages() throws Exception {
        JsonNode run = sarif(ReportFixtures.mpxRemoval()).get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(5); // 4 findings + 1 suppressed
        for (JsonNode r : results) {
            onlyKnownProperties(r, RESULT_PROPERTIES);
            messageString(r.get("message"));
            assertThat(r.get("level").asText()).isIn(LEVELS);
            int index = r.get("ruleIndex").asInt();
            assertThat(rules.get(index).get("id").asText()).isEqualTo(r.get("ruleId").asText());
            if (r.has("locations")) {
                for (JsonNode loc : r.get("locations")) {
                    onlyKnownProperties(loc, Set.of("physicalLocation", "logicalLocations", "message", "id",
                            "annotations", "relationships", "properties"));
                    JsonNode physical = loc.get("physicalLocation");
                    onlyKnownProperties(physical, PHYSICAL_LOCATION_PROPERTIES);
                    assertThat(physical.get("artifactLocation").get("uri").isTextual()).isTrue();
                    if (physical.has("region")) {
                        assertThat(physical.get("region").get("startLine").asInt()).isGreaterThanOrEqualTo(1);
                    }
                }
            }
        }
    }

    @Test
    void resultContents() throws Exception {
        JsonNode results = sarif(ReportFixtures.mpxRemoval()).get("runs").get(0).get("results");
        JsonNode xcrs = results.get(1);
        assertThat(xcrs.get("ruleId").asText()).isEqualTo("migration-xcrs-rejected");
        assertThat(xcrs.get("level").asText()).isEqualTo("error");
        JsonNode physical = xcrs.get("locations").get(0).get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo(ReportFixtures.FILE);
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(23);
        JsonNode props = xcrs.get("properties");
        assertThat(props.get("guest").asText()).isEqualTo("rhel7");
        assertThat(props.get("host").asText()).isEqualTo("old->new");
        assertThat(props.get("step").asText()).isEqualTo("migrate rhel7 old->new");
        assertThat(props.get("case").get("hosts.new.kernel").asText()).isEqualTo("4.21");
        assertThat(props.get("evidence").get("source_xcr0").asText()).isEqualTo("0x1f");
        // a finding without location or scenario file has no locations
        JsonNode late = results.get(3);
        assertThat(late.get("level").asText()).isEqualTo("note");
        assertThat(late.has("locations")).isFalse();
        assertThat(late.has("suppressions")).isFalse();
    }

    @Test
    void suppressedFindingsAreResultsWithAnExternalSuppression() throws Exception {
        JsonNode results = sarif(ReportFixtures.mpxRemoval()).get("runs").get(0).get("results");
        JsonNode suppressed = results.get(4);
        assertThat(suppressed.get("ruleId").asText()).isEqualTo("user-abi-removed");
        JsonNode suppression = suppressed.get("suppressions").get(0);
        onlyKnownProperties(suppression, Set.of("kind", "status", "justification", "location", "guid",
                "properties"));
        assertThat(suppression.get("kind").asText()).isEqualTo("external");
        assertThat(suppression.get("justification").asText()).isEqualTo("MPX prctls unused since GCC 9.1");
        // location without a line: the file, no region
        JsonNode physical = suppressed.get("locations").get(0).get("physicalLocation");
        assertThat(physical.has("region")).isFalse();
    }

    @Test
    void uris() {
        assertThat(SarifReportWriter.uri("scenarios/a b.yaml")).isEqualTo("scenarios/a%20b.yaml");
        assertThat(SarifReportWriter.uri("/srv/s/x.yaml")).isEqualTo("file:///srv/s/x.yaml");
        assertThat(SarifReportWriter.uri("c:x.yaml")).isEqualTo("./c:x.yaml");
        assertThat(SarifReportWriter.uri("-")).isNull();
        assertThat(SarifReportWriter.uri(null)).isNull();
        assertThat(SarifReportWriter.uri("<stdin>")).isNull();
    }

    @Test
    void findingWithoutLocationPointsAtItsScenarioFile() throws Exception {
        Finding f = new Finding("xstate-leak", Severity.ERROR, "s", Map.of(), "a", "h", "switch h", null, "leak",
                Map.of(), null);
        Report r = new Report(List.of(f), List.of(),
                List.of(new Report.ScenarioResult("s", "scenarios/s.yaml", null, List.of(Map.of()), List.of())));
        JsonNode physical = sarif(r).get("runs").get(0).get("results").get(0).get("locations").get(0)
                .get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("scenarios/s.yaml");
    }

    @Test
    void unknownRuleIsAddedToTheRules() throws Exception {
        Finding f = new Finding("future-rule", Severity.NOTE, "s", Map.of(), null, null, null,
                new Location("x.yaml", 2, 1), "", Map.of(), null);
        JsonNode run = sarif(new Report(List.of(f), List.of(), List.of())).get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        JsonNode result = run.get("results").get(0);
        assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo("future-rule");
        assertThat(result.get("message").get("text").asText()).isEqualTo("future-rule");
    }
}
