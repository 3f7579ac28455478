package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kimpact run} and {@code kimpact check} driven through the real entry point. */
class RunCommandTest {

    @Test
    void shippedScenariosRunAndEveryExpectationHolds() throws Exception {
        CliRun r = CliRun.of("run", "scenarios/", "--format", "json");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode report = r.json();
        assertThat(report.get("scenarios")).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode s : report.get("scenarios")) {
            assertThat(s.get("expectations")).as(s.get("name").asText()).isNotEmpty();
            for (JsonNode e : s.get("expectations")) {
                assertThat(e.get("met").asBoolean()).as(s.get("name") + " " + e).isTrue();
            }
        }
        assertThat(report.get("findings").findValuesAsText("rule")).doesNotContain("expectation-unmet");
    }

    @Test
    void seedScenarioReportsTheDecember2018Risks() throws Exception {
        CliRun r = CliRun.of("run", "scenarios/mpx-removal-4.21.yaml", "--format", "json");
        JsonNode findings = r.json().get("findings");
        assertThat(findings.findValuesAsText("rule")).contains("migration-xcrs-rejected", "migration-xsave-rejected",
                "xsetbv-fault", "cpuid-xcr0-mismatch", "user-abi-removed");
        for (JsonNode f : findings) {
            assertThat(f.get("location").asText()).startsWith("scenarios/mpx-removal-4.21.yaml:");
            assertThat(f.get("evidence").size()).isPositive();
        }
    }

    @Test
    void anUnmetExpectationFailsTheRun(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, """
                scenario: wrong-expectation
                cpu: cascadelake-server
                hosts: [{name: h, kernel: "4.20"}]
                guests: [{name: g, kernel: rhel-7}]
                steps:
                  - boot: {guest: g, host: h}
                expect:
                  - {rule: xsetbv-fault, guest: g}
                """);
        CliRun r = CliRun.of("run", s.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("expectation-unmet").contains(s + ":8");
    }

    @Test
    void findingsFailTheRunAtTheirSeverityOnly(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, """
                scenario: abi-only
                cpu: cascadelake-server
                hosts:
                  - {name: a, kernel: "4.20"}
                  - {name: b, kernel: "5.4"}
                """);
        assertThat(CliRun.of("run", s.toString()).exitCode()).isZero();
        assertThat(CliRun.of("run", s.toString(), "--fail-on", "warning").exitCode()).isEqualTo(1);
        CliRun ignored = CliRun.of("run", s.toString(), "--fail-on", "warning", "--ignore", "user-abi-removed",
                "--format", "json");
        assertThat(ignored.exitCode()).isZero();
        assertThat(ignored.out()).contains("\"reason\" : \"--ignore user-abi-removed\"");
    }

    @Test
    void scenarioIgnoreEntriesSuppressWithTheirReason(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, """
                scenario: abi-ignored
                cpu: cascadelake-server
                hosts:
                  - {name: a, kernel: "4.20"}
                  - {name: b, kernel: "5.4"}
                ignore:
                  - {rule: user-abi-removed, reason: "prctl removal announced in 2019"}
                """);
        CliRun r = CliRun.of("run", s.toString(), "--fail-on", "warning", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("prctl removal announced in 2019");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top key      | scenario: x\\ncpus: genoa\\n                                      | 2:1  | unknown key 'cpus'        | cpu
            unknown kernel       | scenario: x\\ncpu: genoa\\nhosts: [{name: h, kernel: "4.21x"}]\\n  | 3:27 | unknown kernel version    | 4.21
            unknown guest model  | scenario: x\\ncpu: genoa\\nhosts: [{name: h, kernel: "5.4"}]\\nguests: [{name: g, kernel: rhel7}]\\n | 4:28 | unknown guest kernel model | rhel-7
            unknown cpu          | scenario: x\\ncpu: genao\\nhosts: [{name: h, kernel: "5.4"}]\\n    | 2:6  | unknown CPU model         | genoa
            unknown patch        | scenario: x\\ncpu: genoa\\nhosts: [{name: h, kernel: "5.4", patches: [x86-remove-intel-mxp]}]\\n | 3:44 | unknown patch model | x86-remove-intel-mpx
            bad mask             | scenario: x\\ncpu: genoa\\nhosts: [{name: h, kernel: "5.4"}]\\nguests: [{name: g, kernel: {knows: [x87, bndreg]}}]\\n | 4:42 | unknown state component | bndregs
            unknown step         | scenario: x\\ncpu: genoa\\nhosts: [{name: h, kernel: "5.4"}]\\nsteps: [{bot: {guest: g, host: h}}]\\n | 4:10 | unknown step | boot
            unknown host in step | scenario: x\\ncpu: genoa\\nhosts: [{name: host1, kernel: "5.4"}]\\nguests: [{name: g, kernel: rhel-7}]\\nsteps: [{boot: {guest: g, host: hots1}}]\\n | 5:33 | unknown host | host1
            yaml syntax          | scenario: [x\\n                                                     | 1:11 | invalid YAML              |
            """)
    void badScenariosGiveOneLocatedErrorWithASuggestion(String name, String yaml, String where, String message,
                                                        String suggestion, @TempDir Path dir) throws Exception {
        Path s = dir.resolve("bad.yaml");
        Files.writeString(s, yaml.replace("\\n", "\n"), StandardCharsets.UTF_8);
        for (String cmd : new String[] {"run", "check"}) {
            CliRun r = CliRun.of(cmd, s.toString());
            assertThat(r.exitCode()).as(cmd).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(cmd).hasSize(1);
            assertThat(r.err()).startsWith("kimpact: error: " + s + ":" + where).contains(message);
            if (suggestion != null) {
                assertThat(r.err()).contains("did you mean '" + suggestion + "'");
            }
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void checkValidatesEveryShippedScenario() {
        CliRun r = CliRun.of("check", "scenarios/");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("ok: ")).count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void missingFileIsBadInput() {
        CliRun r = CliRun.of("run", "no/such/file.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("kimpact: error: no/such/file.yaml: no such file or directory\n");
    }

    @Test
    void binaryAndNonUtf8FilesAreBadInput(@TempDir Path dir) throws Exception {
        Path bin = dir.resolve("bin.yaml");
        Files.write(bin, new byte[] {'a', ':', 0, 1, 2});
        assertThat(CliRun.of("run", bin.toString()).err()).contains("binary file");
        Path latin = dir.resolve("latin.yaml");
        Files.write(latin, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThat(CliRun.of("run", latin.toString()).err()).contains("not valid UTF-8");
    }

    @Test
    void dumpPathsMayNotEscapeTheScenarioDirectory(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, "scenario: x\ncpu: {dump: ../../etc/passwd}\nhosts: [{name: h, kernel: \"5.4\"}]\n");
        CliRun r = CliRun.of("run", s.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(s + ":2:13").contains("inside the scenario's directory");
    }

    @Test
    void aCpuDumpNextToTheScenarioIsUsed(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("src/test/resources/cpuid/cascadelake-cpuid-r.txt"), dir.resolve("clx.txt"));
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, """
                scenario: dump
                cpu: {dump: clx.txt}
                hosts:
                  - {name: old, kernel: "4.20"}
                  - {name: new, kernel: "4.21", patches: [x86-remove-intel-mpx]}
                guests: [{name: g, kernel: rhel-7}]
                steps:
                  - boot: {guest: g, host: old}
                  - migrate: {guest: g, from: old, to: new}
                expect:
                  - {rule: migration-xcrs-rejected, guest: g}
                """);
        CliRun r = CliRun.of("run", s.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }

    @Test
    void aDirectoryScanTakesYamlOutsideHiddenDirectoriesAndSkipsFilesWithoutAScenario(@TempDir Path dir) throws Exception {
        Files.copy(Path.of("scenarios/mpx-removal-4.21.yaml"), dir.resolve("mpx.yaml"));
        Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(dir.resolve(".github/workflows/ci.yaml"), "on: [push]\njobs: {build: {runs-on: x}}\n");
        Files.writeString(dir.resolve("old.yml"), "scenario: [not, read]\n");
        Files.createDirectories(dir.resolve("deploy"));
        Files.writeString(dir.resolve("deploy/app.yaml"), "apiVersion: v1\nkind: ConfigMap\n---\nkind: Service\n");

        CliRun plain = CliRun.of("run", dir.resolve("mpx.yaml").toString(), "--format", "json");
        CliRun scan = CliRun.of("run", dir.toString(), "--format", "json");
        assertThat(scan.err()).isEmpty();
        assertThat(scan).isEqualTo(plain);

        CliRun verbose = CliRun.of("-v", "check", dir.toString());
        assertThat(verbose.exitCode()).isZero();
        assertThat(verbose.err()).isEqualTo("kimpact: skipped " + dir.resolve("deploy/app.yaml")
                + ": no 'scenario:' document\n");
        assertThat(verbose.out()).startsWith("ok: " + dir.resolve("mpx.yaml") + ": mpx-removal-in-4.21");

        // Named on the command line, a file must be a scenario.
        CliRun named = CliRun.of("check", dir.resolve("deploy/app.yaml").toString());
        assertThat(named.exitCode()).isEqualTo(2);
        assertThat(named.err()).startsWith("kimpact: error: " + dir.resolve("deploy/app.yaml") + ":1:1: ");
    }

    @Test
    void quietPrintsOnlyFindingsAndErrors(@TempDir Path dir) throws Exception {
        CliRun ok = CliRun.of("-q", "check", "scenarios/");
        assertThat(ok).isEqualTo(new CliRun(0, "", ""));
        CliRun run = CliRun.of("run", "-q", "scenarios/mpx-removal-4.21.yaml");
        assertThat(run.out()).startsWith("error[migration-xsave-rejected]").doesNotContain("== ", "expectations:", " errors, ");
        assertThat(CliRun.of("run", "scenarios/mpx-removal-4.21.yaml").out()).contains(run.out().strip());
        Files.writeString(dir.resolve("bad.yaml"), "scenario: x\ncpu: genoa\nhostz: []\n");
        CliRun bad = CliRun.of("check", "-q", "scenarios/mpx-removal-4.21.yaml", dir.resolve("bad.yaml").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).startsWith("kimpact: error: " + dir.resolve("bad.yaml") + ":3:1: ");
    }

    @Test
    void checkReportsEveryProblemOfAFileInOrder(@TempDir Path dir) throws Exception {
        Path s = Files.writeString(dir.resolve("s.yaml"), """
                scenario: many-mistakes
                cpu: cascadelake-server
                sumary: typo
                hosts:
                  - {name: old, kernel: "4.20"}
                  - {name: new, kernel: "4.2l"}
                guests:
                  - {name: g, kernel: rhel-77}
                steps:
                  - boot: {guest: g, host: new}
                  - boot: {guest: g, host: nwe}
                  - migrate: {guest: g, from: old, to: old}
                expect:
                  - {rule: xsetbv-falt}
                """);
        CliRun r = CliRun.of("check", s.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().map(l -> l.replace(s.toString(), "s.yaml").replaceAll("(s\\.yaml:\\d+):\\d+: .*", "$1")))
                .containsExactly("kimpact: error: s.yaml:3", "kimpact: error: s.yaml:6", "kimpact: error: s.yaml:8",
                        "kimpact: error: s.yaml:11", "kimpact: error: s.yaml:12", "kimpact: error: s.yaml:14");
        assertThat(r.err()).contains("(did you mean 'summary'?)", "(did you mean 'new'?)", "(did you mean 'xsetbv-fault'?)");
        // run still stops at the first.
        CliRun run = CliRun.of("run", s.toString());
        assertThat(run.err().lines()).hasSize(1);
    }
}
