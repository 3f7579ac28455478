package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kimpact.diag.Location;
import dev.kimpact.finding.RuleId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
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

    /** Not a git repository: SRCROOT is the working directory. */
    @TempDir
    Path workingDirectory;

    private JsonNode sarif(Report r) throws Exception {
        return sarif(r, workingDirectory);
    }

    private static JsonNode sarif(Report r, Path cwd) throws Exception {
        return JsonReportWriterTest.parse(new SarifReportWriter(cwd).write(r, WriterOptions.plain("1.2.3")));
    }

    private static JsonNode artifact(JsonNode result) {
        return result.get("locations").get(0).get("physicalLocation").get("artifactLocation");
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
        assertThat(physical.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("SRCROOT");
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(23);
        JsonNode props = xcrs.get("properties");
        assertThat(props.get("guest").asText()).isEqualTo("rhel7");
        assertThat(props.get("host").asText()).isEqualTo("old->new");
        assertThat(props.get("step").asText()).isEqualTo("migrate rhel7 old->new");
        assertThat(props.get("case").get("hosts.new.kernel").asText()).isEqualTo("4.21");
        assertThat(props.get("evidence").get("source_xcr0").asText()).isEqualTo("0x1f");
        // a finding without location or scenario file still has a location a viewer can show
        JsonNode late = results.get(3);
        assertThat(late.get("level").asText()).isEqualTo("note");
        assertThat(artifact(late).get("uri").asText()).isEqualTo("%3Cstdin%3E");
        assertThat(artifact(late).has("uriBaseId")).isFalse();
        assertThat(late.has("suppressions")).isFalse();
    }

    @Test
    void findingsTheScenarioIgnoresAreResultsWithAnInSourceSuppression() throws Exception {
        JsonNode results = sarif(ReportFixtures.mpxRemoval()).get("runs").get(0).get("results");
        JsonNode suppressed = results.get(4);
        assertThat(suppressed.get("ruleId").asText()).isEqualTo("user-abi-removed");
        JsonNode suppression = suppressed.get("suppressions").get(0);
        onlyKnownProperties(suppression, Set.of("kind", "status", "justification", "location", "guid",
                "properties"));
        assertThat(suppression.get("kind").asText()).isEqualTo("inSource");
        assertThat(suppression.get("justification").asText()).isEqualTo("MPX prctls unused since GCC 9.1");
        // location without a line: the file, no region
        JsonNode physical = suppressed.get("locations").get(0).get("physicalLocation");
        assertThat(physical.has("region")).isFalse();
    }

    @Test
    void findingsTheIgnoreOptionSuppressesHaveAnExternalSuppression() throws Exception {
        Finding f = finding("xstate-leak", Map.of(), "h", "switch h", 7, "leak");
        Report.Suppressed byOption = new Report.Suppressed(f, Report.Suppressed.optionReason("xstate-leak"));
        Report r = new Report(List.of(), List.of(byOption), List.of(scenario()));
        JsonNode suppression = sarif(r).get("runs").get(0).get("results").get(0).get("suppressions").get(0);
        assertThat(suppression.get("kind").asText()).isEqualTo("external");
        assertThat(suppression.get("justification").asText()).isEqualTo("--ignore xstate-leak");
    }

    @Test
    void findingsAnExpectAnticipatesHaveAnInSourceSuppression() throws Exception {
        Finding expected = finding("xstate-leak", Map.of(), "h", "switch h", 7, "leak");
        Finding other = finding("xstate-lost", Map.of(), "h", "switch h", 7, "lost");
        Report r = new Report(List.of(expected, other), List.of(), List.of(scenario()), List.of(expected));
        JsonNode results = sarif(r).get("runs").get(0).get("results");
        JsonNode suppression = results.get(0).get("suppressions").get(0);
        assertThat(suppression.get("kind").asText()).isEqualTo("inSource");
        assertThat(suppression.get("justification").asText())
                .isEqualTo("anticipated by the scenario's expect: xstate-leak");
        assertThat(results.get(1).has("suppressions")).isFalse();
    }

    @Test
    void fingerprintsFollowRuleScenarioHostGuestAndCaseNotMessageStepOrLine() throws Exception {
        Map<String, String> bindings = new LinkedHashMap<>();
        bindings.put("hosts.new.kernel", "4.21");
        bindings.put("cpu", "genoa");
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("cpu", "genoa");
        reordered.put("hosts.new.kernel", "4.21");
        Finding f = finding("xstate-leak", bindings, "h", "switch h", 7, "leak");
        String print = SarifReportWriter.fingerprint(f);
        assertThat(print).matches("[0-9a-f]{64}");
        assertThat(SarifReportWriter.fingerprint(finding("xstate-leak", reordered, "h", "boot g h", 40, "other")))
                .isEqualTo(print);
        assertThat(SarifReportWriter.fingerprint(finding("xstate-lost", bindings, "h", "switch h", 7, "leak")))
                .isNotEqualTo(print);
        assertThat(SarifReportWriter.fingerprint(finding("xstate-leak", Map.of("cpu", "genoa"), "h", "switch h", 7,
                "leak"))).isNotEqualTo(print);
        assertThat(SarifReportWriter.fingerprint(finding("xstate-leak", bindings, "h2", "switch h", 7, "leak")))
                .isNotEqualTo(print);
        Finding otherGuest = new Finding("xstate-leak", Severity.ERROR, "s", bindings, "b", "h", "switch h",
                new Location("scenarios/s.yaml", 7, 0), "leak", Map.of(), null);
        assertThat(SarifReportWriter.fingerprint(otherGuest)).isNotEqualTo(print);
        Finding otherScenario = new Finding("xstate-leak", Severity.ERROR, "t", bindings, "a", "h", "switch h",
                new Location("scenarios/s.yaml", 7, 0), "leak", Map.of(), null);
        assertThat(SarifReportWriter.fingerprint(otherScenario)).isNotEqualTo(print);

        Finding atAnotherStep = finding("xstate-leak", bindings, "h", "boot a h", 3, "leak");
        JsonNode results = sarif(new Report(List.of(f, atAnotherStep), List.of(), List.of(scenario()))).get("runs")
                .get(0).get("results");
        assertThat(results.get(0).get("partialFingerprints").get("kimpactFinding/v1").asText()).isEqualTo(print + ":1");
        assertThat(results.get(1).get("partialFingerprints").get("kimpactFinding/v1").asText()).isEqualTo(print + ":2");
    }

    @Test
    void urisAreRelativeToTheGitTopLevelAboveTheScenarioWhereverKimpactRuns() throws Exception {
        Path repo = workingDirectory.resolve("repo");
        Files.createDirectories(repo.resolve(".git"));
        Path sub = Files.createDirectories(repo.resolve("tools/ci"));
        Finding f = new Finding("xstate-leak", Severity.ERROR, "s", Map.of(), "a", "h", "switch h",
                new Location("../../scenarios/a b.yaml", 7, 0), "leak", Map.of(), null);
        Report r = new Report(List.of(f), List.of(), List.of(new Report.ScenarioResult("s", "../../scenarios/a b.yaml",
                null, List.of(Map.of()), List.of())));
        JsonNode run = sarif(r, sub).get("runs").get(0);
        assertThat(run.get("originalUriBaseIds").get("SRCROOT").get("uri").asText())
                .isEqualTo(repo.toUri().toASCIIString());
        JsonNode artifact = artifact(run.get("results").get(0));
        assertThat(artifact.get("uri").asText()).isEqualTo("scenarios/a%20b.yaml");
        assertThat(artifact.get("uriBaseId").asText()).isEqualTo("SRCROOT");
    }

    @Test
    void withoutGitTheWorkingDirectoryIsTheRootAndFilesOutsideItAreAbsolute() throws Exception {
        Finding f = new Finding("xstate-leak", Severity.ERROR, "s", Map.of(), "a", "h", "switch h",
                new Location("/srv/s/c:x.yaml", 7, 0), "leak", Map.of(), null);
        Finding g = new Finding("xstate-leak", Severity.ERROR, "s", Map.of(), "b", "h", "switch h",
                new Location("c:x.yaml", 3, 0), "leak", Map.of(), null);
        JsonNode run = sarif(new Report(List.of(f, g), List.of(), List.of())).get("runs").get(0);
        String root = run.get("originalUriBaseIds").get("SRCROOT").get("uri").asText();
        assertThat(root).isEqualTo(workingDirectory.toUri().toASCIIString()).startsWith("file:///").endsWith("/");
        assertThat(artifact(run.get("results").get(0)).get("uri").asText()).isEqualTo("file:///srv/s/c:x.yaml");
        assertThat(artifact(run.get("results").get(0)).has("uriBaseId")).isFalse();
        assertThat(artifact(run.get("results").get(1)).get("uri").asText()).isEqualTo("./c:x.yaml");
    }

    @Test
    void stdinIsAStableArtifact() throws Exception {
        Finding f = new Finding("xstate-leak", Severity.ERROR, "s", Map.of(), "a", "h", "switch h",
                new Location("<stdin>", 7, 0), "leak", Map.of(), null);
        Report r = new Report(List.of(f), List.of(), List.of(new Report.ScenarioResult("s", "<stdin>", null,
                List.of(Map.of()), List.of())));
        JsonNode physical = sarif(r).get("runs").get(0).get("results").get(0).get("locations").get(0)
                .get("physicalLocation");
        assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("%3Cstdin%3E");
        assertThat(physical.get("region").get("startLine").asInt()).isEqualTo(7);
    }

    private static Finding finding(String rule, Map<String, String> bindings, String host, String step, int line,
                                   String message) {
        return new Finding(rule, Severity.ERROR, "s", bindings, "a", host, step,
                new Location("scenarios/s.yaml", line, 0), message, Map.of(), null);
    }

    private static Report.ScenarioResult scenario() {
        return new Report.ScenarioResult("s", "scenarios/s.yaml", null, List.of(Map.of()), List.of());
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
