package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kimpact.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --baseline REPORT.json} on run, merge-reports, diff and series: a finding the baseline has does not fail the
 * command, a new one does; the baseline's findings the run lacks are listed as absent; a baseline that is not a
 * report of the same command is bad input naming the file.
 */
class BaselineOptionTest {

    @TempDir
    static Path tmp;
    /** The seed scenario without its expect: entries, so that its findings count for --fail-on. */
    static Path scenario;
    /** The same with no patch on the new host: no findings. */
    static Path unpatched;
    /** {@code run scenario -f json}. */
    static Path report;

    @BeforeAll
    static void files() throws IOException {
        String seed = Files.readString(Path.of("scenarios/mpx-removal-4.21.yaml"));
        String plain = seed.substring(0, seed.indexOf("\nexpect:") + 1);
        scenario = tmp.resolve("mpx.yaml");
        Files.writeString(scenario, plain);
        unpatched = tmp.resolve("unpatched.yaml");
        Files.writeString(unpatched, plain.replace("patches: [x86-remove-intel-mpx]", "patches: []"));
        report = tmp.resolve("report.json");
        CliRun run = CliRun.of("run", scenario.toString(), "-f", "json", "-o", report.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    }

    /** {@code report} with its findings of guest {@code guest} left out, written to a new file. */
    private static Path without(Path from, String key, String guest) throws IOException {
        ObjectNode root = (ObjectNode) Json.mapper().readTree(Files.readString(from));
        ArrayNode findings = (ArrayNode) root.get(key);
        for (int i = findings.size() - 1; i >= 0; i--) {
            if (guest.equals(findings.get(i).path("guest").asText())) {
                findings.remove(i);
            }
        }
        Path out = Files.createTempFile(tmp, "baseline", ".json");
        Files.writeString(out, Json.mapper().writeValueAsString(root));
        return out;
    }

    private static List<String> states(JsonNode findings) {
        List<String> out = new ArrayList<>();
        findings.forEach(f -> out.add(f.path("baseline_state").asText()));
        return out;
    }

    private static CliRun withStdin(String input, Supplier<CliRun> run) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return run.get();
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void findingsOfTheBaselineDoNotFailTheRunInAnyFormat() {
        for (String format : List.of("text", "json", "yaml", "sarif", "markdown")) {
            CliRun run = CliRun.of("run", scenario.toString(), "--baseline", report.toString(), "-f", format);
            assertThat(run.exitCode()).as(format + ": " + run.err()).isZero();
        }
        CliRun json = CliRun.of("run", scenario.toString(), "--baseline", report.toString(), "-f", "json");
        assertThat(states(json.json().get("findings"))).hasSize(7).containsOnly("unchanged");
        assertThat(json.json().get("absent")).isEmpty();
        assertThat(json.json().get("baseline_file").asText()).isEqualTo(report.toString());
    }

    @Test
    void aNewFindingFailsTheRunAndIsMarkedNewInEveryFormat() throws IOException {
        Path older = without(report, "findings", "fixed-mask");
        CliRun text = CliRun.of("run", scenario.toString(), "--baseline", older.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("[new] error[xsetbv-fault] fixed-mask new:")
                .contains("[unchanged] error[xstate-lost] rhel7 new:")
                .contains("baseline " + older + ": 1 new, 6 unchanged, 0 absent");
        CliRun quiet = CliRun.of("-q", "run", scenario.toString(), "--baseline", older.toString());
        assertThat(quiet.out()).contains("[new] error[xsetbv-fault]");
        for (String format : List.of("json", "yaml")) {     // streamed: the state and the exit status as it goes
            CliRun run = CliRun.of("run", scenario.toString(), "--baseline", older.toString(), "-f", format);
            assertThat(run.exitCode()).as(format).isEqualTo(1);
            assertThat(run.out()).contains("baseline_state").contains("new");
        }
        JsonNode json = CliRun.of("run", scenario.toString(), "--baseline", older.toString(), "-f", "json").json();
        assertThat(states(json.get("findings"))).containsExactly("unchanged", "unchanged", "unchanged",
                "unchanged", "new", "unchanged", "unchanged");
        CliRun markdown = CliRun.of("run", scenario.toString(), "--baseline", older.toString(), "-f", "markdown");
        assertThat(markdown.out()).contains("| baseline | severity |").contains("| new | error | `xsetbv-fault`");
        JsonNode sarif = SarifSchemaTest.valid(CliRun.of("run", scenario.toString(), "--baseline", older.toString(),
                "-f", "sarif"));
        List<String> sarifStates = new ArrayList<>();
        sarif.get("runs").get(0).get("results").forEach(r -> sarifStates.add(r.get("baselineState").asText()));
        assertThat(sarifStates).containsExactly("unchanged", "unchanged", "unchanged", "unchanged", "new",
                "unchanged", "unchanged");
        assertThat(CliRun.of("run", scenario.toString(), "--baseline", older.toString(), "--fail-on", "never")
                .exitCode()).isZero();
    }

    @Test
    void theBaselinesFindingsThisRunLacksAreListedAsAbsent() throws IOException {
        Path unpatchedReport = tmp.resolve("unpatched.json");
        assertThat(CliRun.of("run", unpatched.toString(), "-f", "json", "-o", unpatchedReport.toString())
                .exitCode()).isZero();
        // The patched scenario's report as the baseline of the unpatched one: all 7 findings are gone.
        CliRun text = CliRun.of("run", unpatched.toString(), "--baseline", report.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("absent (in baseline " + report + ", not in this run):")
                .contains("error[xsetbv-fault] fixed-mask new:")
                .contains("0 new, 0 unchanged, 7 absent");
        JsonNode json = CliRun.of("run", unpatched.toString(), "--baseline", report.toString(), "-f", "json").json();
        assertThat(json.get("findings")).isEmpty();
        assertThat(states(json.get("absent"))).hasSize(7).containsOnly("absent");
        JsonNode sarif = SarifSchemaTest.valid(CliRun.of("run", unpatched.toString(), "--baseline",
                report.toString(), "-f", "sarif"));
        assertThat(sarif.get("runs").get(0).get("results")).hasSize(7)
                .allSatisfy(r -> assertThat(r.get("baselineState").asText()).isEqualTo("absent"));
        CliRun markdown = CliRun.of("run", unpatched.toString(), "--baseline", report.toString(), "-f", "markdown");
        assertThat(markdown.out()).contains("Absent (in baseline `" + report + "`, not in this run):");
    }

    @Test
    void aBaselineOnStdinWorks() throws IOException {
        String older = Files.readString(without(report, "findings", "fixed-mask"));
        CliRun run = withStdin(older, () -> CliRun.of("run", scenario.toString(), "--baseline", "-"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("baseline <stdin>: 1 new, 6 unchanged, 0 absent");
        CliRun both = withStdin(older, () -> CliRun.of("run", "-", "--baseline", "-"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("cannot both read stdin");
    }

    @Test
    void aMalformedOrWrongKindOfBaselineIsBadInputNamingTheFile() throws IOException {
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"format\": 1,\n  \"findings\": [1,]}\n");
        CliRun malformed = CliRun.of("run", scenario.toString(), "--baseline", broken.toString());
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("kimpact: error: " + broken + ":2:18: not valid JSON").hasLineCount(1);
        assertThat(malformed.out()).isEmpty();

        Path diff = tmp.resolve("diff.json");
        assertThat(CliRun.of("diff", scenario.toString(), "--set", "cpu=genoa", "-f", "json", "-o", diff.toString())
                .exitCode()).isZero();
        CliRun wrongKind = CliRun.of("run", scenario.toString(), "--baseline", diff.toString());
        assertThat(wrongKind.exitCode()).isEqualTo(2);
        assertThat(wrongKind.err()).isEqualTo("kimpact: error: " + diff + ": a kimpact diff report, not a run report:"
                + " --baseline takes a report of the same command (kimpact run --format json)\n");

        Path other = tmp.resolve("other.json");
        Files.writeString(other, "{\"findings\": []}");
        CliRun notAReport = CliRun.of("merge-reports", report.toString(), "--baseline", other.toString());
        assertThat(notAReport.exitCode()).isEqualTo(2);
        assertThat(notAReport.err()).startsWith("kimpact: error: " + other + ": not a kimpact JSON report");

        CliRun missing = CliRun.of("run", scenario.toString(), "--baseline", tmp.resolve("nope.json").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("kimpact: error: " + tmp.resolve("nope.json") + ": no such file\n");
    }

    @Test
    void mergeReportsComparesTheMergedReportWithTheBaseline() throws IOException {
        Path older = without(report, "findings", "fixed-mask");
        assertThat(CliRun.of("merge-reports", report.toString(), "--baseline", report.toString()).exitCode()).isZero();
        CliRun merged = CliRun.of("merge-reports", report.toString(), "--baseline", older.toString(), "-f", "json");
        assertThat(merged.exitCode()).isEqualTo(1);
        assertThat(states(merged.json().get("findings"))).containsOnlyOnce("new");
    }

    @Test
    void diffCountsOnlyFindingsThatDidNotAppearInTheBaselineDiff() throws IOException {
        String[] diff = {"diff", unpatched.toString(), "--set", "hosts.new.patches=[x86-remove-intel-mpx]"};
        Path earlier = tmp.resolve("diff-earlier.json");
        CliRun first = CliRun.of(concat(diff, "-f", "json", "-o", earlier.toString()));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        assertThat(CliRun.of(concat(diff, "--baseline", earlier.toString())).exitCode()).isZero();

        Path older = without(earlier, "appeared", "fixed-mask");
        CliRun text = CliRun.of(concat(diff, "--baseline", older.toString()));
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).contains("+ [new] error[xsetbv-fault] fixed-mask new:")
                .contains("+ [unchanged] error[xstate-lost] rhel7 new:").contains("1 new, 6 unchanged, 0 absent");
        JsonNode json = CliRun.of(concat(diff, "--baseline", older.toString(), "-f", "json")).json();
        assertThat(states(json.get("appeared"))).containsOnlyOnce("new");
        assertThat(json.get("baseline_file").asText()).isEqualTo(older.toString());

        CliRun runReport = CliRun.of(concat(diff, "--baseline", report.toString()));
        assertThat(runReport.exitCode()).isEqualTo(2);
        assertThat(runReport.err()).contains("a kimpact run report, not a diff report");
    }

    @Test
    void seriesCountsOnlyNewFindings() throws IOException {
        Path mbox = tmp.resolve("series.mbox");
        Path maintainers = tmp.resolve("MAINTAINERS");
        Files.writeString(mbox, resource("/series/series.mbox"));
        Files.writeString(maintainers, resource("/series/MAINTAINERS"));
        String[] series = {"series", "--mbox", mbox.toString(), "--maintainers", maintainers.toString(),
                "--fail-on", "warning"};
        assertThat(CliRun.of(series).exitCode()).isEqualTo(1);
        Path earlier = tmp.resolve("series.json");
        CliRun first = CliRun.of(concat(series, "-f", "json", "-o", earlier.toString()));
        assertThat(first.exitCode()).as(first.err()).isEqualTo(1);
        CliRun same = CliRun.of(concat(series, "--baseline", earlier.toString()));
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.out()).contains("[unchanged] warning missing-maintainer-ack:");

        ObjectNode root = (ObjectNode) Json.mapper().readTree(Files.readString(earlier));
        ((ArrayNode) root.get("findings")).remove(0);                           // the missing ack
        Path older = tmp.resolve("series-older.json");
        Files.writeString(older, Json.mapper().writeValueAsString(root));
        CliRun fresh = CliRun.of(concat(series, "--baseline", older.toString()));
        assertThat(fresh.exitCode()).isEqualTo(1);
        assertThat(fresh.out()).contains("[new] warning missing-maintainer-ack:");
        JsonNode sarif = SarifSchemaTest.valid(CliRun.of(concat(series, "--baseline", older.toString(), "-f",
                "sarif")));
        assertThat(sarif.get("runs").get(0).get("results").get(0).get("baselineState").asText()).isEqualTo("new");
        assertThat(CliRun.of(concat(series, "--baseline", older.toString(), "-f", "yaml")).out())
                .contains("baseline_state: new").contains("baseline_state: unchanged");

        CliRun runReport = CliRun.of(concat(series, "--baseline", report.toString()));
        assertThat(runReport.exitCode()).isEqualTo(2);
        assertThat(runReport.err()).contains("a kimpact run report, not a series report");
        CliRun both = withStdin("", () -> CliRun.of("series", "--mbox", "-", "--baseline", "-"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("cannot both read stdin");
    }

    private static String[] concat(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BaselineOptionTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
