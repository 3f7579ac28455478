package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every SARIF log kimpact writes (each shipped scenario, all of them at once, a matrix, --ignore, a scenario from
 * stdin, merge-reports) is valid against the official SARIF 2.1.0 JSON schema, copied with its provenance under
 * src/test/resources/sarif/.
 */
class SarifSchemaTest {

    private static final String MPX = "scenarios/mpx-removal-4.21.yaml";

    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    /** {@code run} is a SARIF log that the schema accepts; returns it (also for other tests' SARIF). */
    static JsonNode valid(CliRun run) {
        if (schema == null) {
            try {
                loadSchema();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        JsonNode log = run.json();
        List<Error> errors = schema.validate(log);
        assertThat(errors).as("schema violations").isEmpty();
        assertThat(log.get("runs").get(0).get("results")).isNotEmpty();
        for (JsonNode result : log.get("runs").get(0).get("results")) {
            assertThat(result.get("locations")).as("every result has a location").hasSize(1);
            assertThat(result.get("partialFingerprints").get("kimpactFinding/v1").asText()).isNotEmpty();
        }
        return log;
    }

    @Test
    void theSchemaRejectsAnInvalidLog() throws IOException {
        JsonNode log = valid(CliRun.of("run", MPX, "-f", "sarif"));
        ((ObjectNode) log.get("runs").get(0).get("results").get(0))
                .put("level", "fatal");
        ((ObjectNode) log.get("runs").get(0).get("results").get(1)
                .get("suppressions").get(0)).put("kind", "inline");
        assertThat(schema.validate(log)).hasSizeGreaterThanOrEqualTo(2);
    }

    @TestFactory
    Stream<DynamicTest> everyShippedScenario() throws IOException {
        List<Path> scenarios;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            scenarios = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(scenarios).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path scenario : scenarios) {
            tests.add(DynamicTest.dynamicTest(scenario.toString(),
                    () -> valid(CliRun.of("run", scenario.toString(), "-f", "sarif"))));
        }
        tests.add(DynamicTest.dynamicTest("scenarios/", () -> valid(CliRun.of("run", "scenarios/", "-f", "sarif"))));
        return tests.stream();
    }

    @Test
    void aMatrix() {
        valid(CliRun.of("run", MPX, "--matrix", "hosts.new.kernel=4.20,4.21,4.22", "--matrix",
                "cpu=cascadelake-server,genoa", "-f", "sarif"));
    }

    @Test
    void findingsTheIgnoreOptionSuppresses() {
        JsonNode log = valid(CliRun.of("run", MPX, "--ignore", "xstate-lost", "-f", "sarif"));
        List<String> kinds = new ArrayList<>();
        for (JsonNode result : log.get("runs").get(0).get("results")) {
            if (result.get("ruleId").asText().equals("xstate-lost")) {
                kinds.add(result.get("suppressions").get(0).get("kind").asText());
            }
        }
        assertThat(kinds).isNotEmpty().containsOnly("external");
    }

    @Test
    void aScenarioFromStdin() throws IOException {
        byte[] yaml = Files.readAllBytes(Path.of(MPX));
        InputStream saved = System.in;
        CliRun run;
        try {
            System.setIn(new ByteArrayInputStream(yaml));
            run = CliRun.of("run", "-", "-f", "sarif");
        } finally {
            System.setIn(saved);
        }
        JsonNode result = valid(run).get("runs").get(0).get("results").get(0);
        assertThat(result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText())
                .isEqualTo("%3Cstdin%3E");
    }

    @Test
    void mergedReports(@TempDir Path dir) {
        List<String> merge = new ArrayList<>(List.of("merge-reports", "-f", "sarif"));
        for (int i = 1; i <= 2; i++) {
            Path out = dir.resolve("shard-" + i + ".json");
            CliRun shard = CliRun.of("run", MPX, "--matrix", "cpu=cascadelake-server,genoa", "--shard", i + "/2",
                    "-f", "json", "--output", out.toString());
            assertThat(shard.exitCode()).as(shard.err()).isIn(0, 1);
            merge.add(out.toString());
        }
        valid(CliRun.of(merge.toArray(String[]::new)));
    }
}
