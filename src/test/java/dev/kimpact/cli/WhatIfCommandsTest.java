package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kimpact.report.Json;
import dev.kimpact.xsave.CpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** run --set/--matrix/--shard/--jobs, diff and merge-reports, through Main.run: exit statuses and output. */
class WhatIfCommandsTest {

    private static final String MPX = "scenarios/mpx-removal-4.21.yaml";
    private static final String REMOVE_APIS_ONLY = "hosts.new.patches=[x86-mpx-remove-apis]";

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    private static List<String> rules(JsonNode findings) {
        List<String> out = new ArrayList<>();
        findings.forEach(f -> out.add(f.get("rule").asText() + " " + f.get("guest").asText()));
        return out;
    }

    // ---- --set ---------------------------------------------------------------------------------------------

    @Test
    void setBindsTheCaseAndEveryFindingCarriesIt() throws Exception {
        CliRun r = CliRun.of("run", MPX, "--set", REMOVE_APIS_ONLY, "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode root = r.json();
        assertThat(root.at("/scenarios/0/cases").toString()).isEqualTo("[{\"hosts.new.patches\":\"[x86-mpx-remove-apis]\"}]");
        assertThat(root.get("findings")).isNotEmpty().allSatisfy(f ->
                assertThat(f.at("/case/hosts.new.patches").asText()).isEqualTo("[x86-mpx-remove-apis]"));
        assertThat(rules(root.get("findings"))).doesNotContain("migration-xcrs-rejected rhel7-idle",
                "migration-xsave-rejected rhel7");
        assertThat(root.get("shard").isNull()).isTrue();
    }

    @Test
    void setOnEachKindOfPath() {
        for (String set : List.of("cpu=icelake-server", "hosts.new.kernel=4.22", "hosts.old.patches=[]",
                "guests.rhel7.vmm.enforce=true", "guests.skylake-enforce.vmm={cpu-model: Skylake-Server-v5}",
                "steps.1.use.state=[avx]", "hosts.1.kernel=5.1")) {
            CliRun r = CliRun.of("run", MPX, "--set", set, "--fail-on", "never", "--format", "json");
            assertThat(r.exitCode()).as(set + ": " + r.err()).isZero();
            assertThat(r.out()).as(set).contains("\"" + set.substring(0, set.indexOf('=')) + "\" : ");
        }
    }

    @Test
    void aTextRunOfOneCaseKeepsTheFullReport() {
        CliRun r = CliRun.of("run", MPX, "--set", "hosts.new.kernel=4.22");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);    // every error is anticipated by expect:
        assertThat(r.out()).contains("error[migration-xcrs-rejected] rhel7-idle new:", "case: hosts.new.kernel=4.22")
                .doesNotContain("[1] error");   // no matrix legend
    }

    @Test
    void unknownPathsAreBadInputWithDidYouMean() {
        CliRun key = CliRun.of("run", MPX, "--set", "hosts.new.kernl=4.22");
        assertThat(key.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(key.err()).isEqualTo("kimpact: error: --set hosts.new.kernl=4.22: in " + MPX + ": no key 'kernl' in hosts.new "
                + "(keys: name, kernel, patches; may be added: cpu) (did you mean 'kernel'?)\n");
        CliRun name = CliRun.of("run", MPX, "--matrix", "guests.rhel.kernel=all");
        assertThat(name.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(name.err()).contains("no guest 'rhel' in guests", "(did you mean 'rhel7'?)");
        CliRun index = CliRun.of("run", MPX, "--set", "steps.12.boot.host=old");
        assertThat(index.err()).contains("no entry '12' in steps (indexes 0..11)");
        assertThat(index.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aBadValueIsBadInputNotACaseResult() {
        CliRun r = CliRun.of("run", MPX, "--matrix", "hosts.new.kernel=4.20,4.99");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("kimpact: error: --matrix hosts.new.kernel=4.99: unknown kernel version '4.99'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aStreamedReportFailsTheRunAsTheWholeReportDoes() {
        // json and yaml decide the exit status case by case; text from the whole report.
        List<List<String>> runs = List.of(List.of("--set", "hosts.new.kernel=4.22"),
                List.of("--matrix", "hosts.new.kernel=4.20,4.22"),
                List.of("--matrix", "cpu=all", "--matrix", "hosts.new.kernel=4.20,4.22"),
                List.of("--matrix", "cpu=all", "--fail-on", "never"),
                List.of("--matrix", "cpu=all", "--fail-on", "note", "--ignore", "expectation-unmet"));
        List<Integer> statuses = new ArrayList<>();
        for (List<String> options : runs) {
            List<String> args = new ArrayList<>(List.of("run", MPX));
            args.addAll(options);
            int text = CliRun.of(args.toArray(String[]::new)).exitCode();
            statuses.add(text);
            for (String format : List.of("json", "yaml")) {
                List<String> streamed = new ArrayList<>(args);
                streamed.addAll(List.of("--format", format));
                assertThat(CliRun.of(streamed.toArray(String[]::new)).exitCode()).as("%s %s", options, format)
                        .isEqualTo(text);
            }
        }
        assertThat(statuses).contains(ExitCodes.OK, ExitCodes.FINDINGS);
    }

    @Test
    void aStreamedReportThatMeetsABadValueLaterShowsNothing(@TempDir Path dir) throws Exception {
        // json and yaml are written case by case; the cases before the bad one were written, and are not shown.
        for (String format : List.of("json", "yaml")) {
            for (String jobs : List.of("1", "2")) {
                CliRun r = CliRun.of("run", MPX, "--matrix", "cpu=all", "--matrix", "hosts.new.kernel=4.20,4.21,4.99",
                        "--format", format, "--jobs", jobs);
                assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(r.err()).startsWith("kimpact: error: --matrix hosts.new.kernel=4.99: unknown kernel version");
                assertThat(r.out()).isEmpty();
            }
            Path out = dir.resolve("report." + format);
            Files.writeString(out, "old\n");
            CliRun r = CliRun.of("run", MPX, "--matrix", "hosts.new.kernel=4.20,4.99", "--format", format,
                    "--output", out.toString());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(Files.readString(out)).isEqualTo("old\n");
            try (var files = Files.list(dir)) {
                assertThat(files.toList()).containsExactly(out);
            }
            Files.delete(out);
        }
    }

    // ---- --matrix ------------------------------------------------------------------------------------------

    @Test
    void matrixCasesInOrderWithTheirBindings() throws Exception {
        CliRun r = CliRun.of("run", MPX, "--matrix", "cpu=all", "--matrix", "hosts.new.kernel=4.20,4.22",
                "--format", "json", "--fail-on", "never");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode cases = r.json().at("/scenarios/0/cases");
        assertThat(cases).hasSize(CpuCatalog.BUILTIN.size() * 2);
        assertThat(cases.get(0).toString()).isEqualTo("{\"cpu\":\"cascadelake-server\",\"hosts.new.kernel\":\"4.20\"}");
        assertThat(cases.get(1).toString()).isEqualTo("{\"cpu\":\"cascadelake-server\",\"hosts.new.kernel\":\"4.22\"}");
        assertThat(cases.get(7).toString()).isEqualTo("{\"cpu\":\"genoa\",\"hosts.new.kernel\":\"4.22\"}");
        // findings are grouped by case, in case order
        List<Integer> order = new ArrayList<>();
        r.json().get("findings").forEach(f -> order.add(caseIndex(cases, f.get("case"))));
        assertThat(order).isSorted().doesNotContain(-1);
    }

    private static int caseIndex(JsonNode cases, JsonNode bindings) {
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i).equals(bindings)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theReportDoesNotDependOnTheNumberOfThreads() {
        String[] args = {"run", MPX, "--matrix", "cpu=all", "--matrix", "hosts.new.kernel=all", "--format", "json"};
        CliRun one = CliRun.of(concat(args, "--jobs", "1"));
        CliRun four = CliRun.of(concat(args, "--jobs", "4"));
        assertThat(one.exitCode()).as(one.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(four.exitCode()).isEqualTo(one.exitCode());
        assertThat(four.out()).isEqualTo(one.out());
        assertThat(CliRun.of("run", MPX, "--jobs", "0").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        CliRun many = CliRun.of("run", MPX, "--jobs", "100000");
        assertThat(many.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(many.err()).isEqualTo("kimpact: error: --jobs 100000: expected 1 to 1024 threads\n");
        assertThat(CliRun.of("run", MPX, "--jobs", "1024").exitCode()).isEqualTo(CliRun.of("run", MPX).exitCode());
    }

    @Test
    void textReportOfAMatrixIsATable() {
        CliRun r = CliRun.of("run", MPX, "--matrix", "cpu=cascadelake-server,genoa", "--ignore", "expectation-unmet");
        assertThat(r.out()).contains("    2 cases\n\n"
                + "    cpu                 [1]  [2]  [3]  [4]  [5]  [6]\n"
                + "    cascadelake-server    1    2    1    1    1    1\n"
                + "    genoa                 .    .    .    1    1    1\n"
                + "\n"
                + "    [1] error migration-xsave-rejected\n"
                + "    [2] error xstate-lost\n"
                + "    [3] error migration-xcrs-rejected\n"
                + "    [4] error xsetbv-fault\n"
                + "    [5] error cpuid-xcr0-mismatch\n"
                + "    [6] warning user-abi-removed\n");
        assertThat(r.out()).contains("expectations:\n    UNMET migration-xsave-rejected for guest rhel7 on host new\n")
                .contains("suppressed:\n    expectation-unmet: 4 findings (reason: --ignore expectation-unmet)\n")
                .endsWith("8 errors, 2 warnings, 0 notes in 1 scenario (4 suppressed)\n");
        assertThat(r.exitCode()).as("every error left is anticipated by expect:").isEqualTo(ExitCodes.OK);
    }

    @Test
    void aCaseThatCannotRunIsAFindingOfThatCase() throws Exception {
        CliRun r = CliRun.of("run", MPX, "--matrix", "steps.0.boot.host=old,new", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode findings = r.json().get("findings");
        List<JsonNode> invalid = new ArrayList<>();
        findings.forEach(f -> {
            if (f.get("rule").asText().equals("case-invalid")) {
                invalid.add(f);
            }
        });
        assertThat(invalid).hasSize(1);
        assertThat(invalid.get(0).get("case").toString()).isEqualTo("{\"steps.0.boot.host\":\"new\"}");
        assertThat(invalid.get(0).get("message").asText())
                .isEqualTo("this case cannot run: migrate: guest 'rhel7' runs on host 'new', not 'old'");
        assertThat(invalid.get(0).get("location").asText()).isEqualTo(MPX + ":36");
        assertThat(r.json().at("/scenarios/0/cases")).hasSize(2);
        CliRun text = CliRun.of("run", MPX, "--matrix", "steps.0.boot.host=old,new");
        assertThat(text.out()).contains("invalid cases:\n    steps.0.boot.host=new: this case cannot run: migrate: "
                + "guest 'rhel7' runs on host 'new', not 'old'\n      at: " + MPX + ":36\n");
    }

    @Test
    void theNumberOfCasesIsBounded() {
        CliRun r = CliRun.of("run", MPX, "--matrix", "cpu=all", "--matrix", "hosts.new.kernel=all", "--matrix",
                "hosts.old.kernel=all", "--matrix", "guests.rhel7.kernel=all", "--matrix", "guests.rhel7-idle.kernel=all");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("cases, more than the limit of 10,000 per run");
    }

    // ---- --shard and merge-reports -------------------------------------------------------------------------

    @Test
    void shardsShareTheScenarioFilesOfARunWithoutAMatrix() throws Exception {
        // Eleven single-case scenarios in four shards: 3, 3, 3 and 2 of them run, each in exactly one shard.
        List<Integer> perShard = new ArrayList<>();
        Set<String> ran = new HashSet<>();
        for (int i = 1; i <= 4; i++) {
            JsonNode root = json(CliRun.of("run", "scenarios/", "--shard", i + "/4", "--format", "json").out());
            int n = 0;
            for (JsonNode sc : root.get("scenarios")) {
                if (sc.get("cases").size() > 0) {
                    assertThat(ran.add(sc.get("name").asText())).as("in two shards").isTrue();
                    n++;
                }
            }
            perShard.add(n);
        }
        assertThat(perShard).containsExactly(3, 3, 3, 2);
        assertThat(ran).hasSize(11);
    }

    @Test
    void shardsMergeIntoTheUnshardedReport(@TempDir Path dir) throws Exception {
        String[] args = {"run", MPX, "scenarios/avx512-intel-to-amd.yaml", "--matrix", "cpu=all", "--format", "json"};
        CliRun whole = CliRun.of(args);
        List<String> files = new ArrayList<>();
        int cases = 0;
        for (int i = 3; i >= 1; i--) {
            Path out = dir.resolve("shard-" + i + ".json");
            CliRun shard = CliRun.of(concat(args, "--shard", i + "/3", "--output", out.toString()));
            assertThat(shard.exitCode()).as(shard.err()).isIn(ExitCodes.OK, ExitCodes.FINDINGS);
            JsonNode root = json(Files.readString(out, StandardCharsets.UTF_8));
            assertThat(root.get("shard").toString()).isEqualTo("{\"index\":" + i + ",\"count\":3}");
            cases += root.at("/scenarios/0/cases").size();
            files.add(out.toString());
        }
        assertThat(cases).isEqualTo(CpuCatalog.BUILTIN.size());
        List<String> merge = new ArrayList<>(List.of("merge-reports", "--format", "json"));
        merge.addAll(files);
        CliRun merged = CliRun.of(merge.toArray(String[]::new));
        assertThat(merged.exitCode()).as(merged.err()).isEqualTo(whole.exitCode());
        assertThat(merged.out()).isEqualTo(whole.out());

        List<String> text = new ArrayList<>(List.of("merge-reports"));
        text.addAll(files);
        assertThat(CliRun.of(text.toArray(String[]::new)).out()).isEqualTo(CliRun.of("run", MPX,
                "scenarios/avx512-intel-to-amd.yaml", "--matrix", "cpu=all").out());
    }

    @Test
    void mergeReportsRefusesWhatDoesNotFit(@TempDir Path dir) throws Exception {
        Path one = dir.resolve("1.json");
        Path whole = dir.resolve("whole.json");
        Files.writeString(one, CliRun.of("run", MPX, "--matrix", "cpu=all", "--shard", "1/2", "--format", "json").out());
        Files.writeString(whole, CliRun.of("run", MPX, "--format", "json").out());
        CliRun missing = CliRun.of("merge-reports", one.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("missing shard 2/2");
        assertThat(CliRun.of("merge-reports", one.toString(), one.toString()).err()).contains("shard 1/2 is also");
        assertThat(CliRun.of("merge-reports", one.toString(), whole.toString()).err()).contains("not a shard");
        assertThat(CliRun.of("merge-reports", dir.resolve("none.json").toString()).err()).contains("no such file");
        Files.writeString(dir.resolve("bad.json"), "{\"format\": 1}");
        CliRun bad = CliRun.of("merge-reports", dir.resolve("bad.json").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("not a kimpact JSON report");
        CliRun concatenated = CliRun.of("merge-reports", whole.toString(), whole.toString(), "--format", "json");
        assertThat(concatenated.json().get("scenarios")).hasSize(2);
    }

    @Test
    void badShardSpecsAreUsageErrors() {
        for (String bad : List.of("0/2", "3/2", "x", "1/0")) {
            CliRun r = CliRun.of("run", MPX, "--shard", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.err()).as(bad).contains("invalid value for option '--shard'");
        }
    }

    // ---- diff ----------------------------------------------------------------------------------------------

    @Test
    void diffShowsWhatDisappearsAndAppears() {
        CliRun r = CliRun.of("diff", MPX, "--set", REMOVE_APIS_ONLY);
        // The baseline's expect: entries do not apply to the what-if, so no expectation-unmet appears.
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("== diff mpx-removal-in-4.21 (" + MPX + ")\n"
                + "    hosts.new.patches: [x86-remove-intel-mpx] -> [x86-mpx-remove-apis]\n\n");
        assertThat(r.out()).contains("- error[migration-xsave-rejected] rhel7 new: ",
                "- error[migration-xcrs-rejected] rhel7-idle new: ",
                "    at: migrate rhel7-idle old->new (" + MPX + ":39)\n");
        assertThat(r.out()).doesNotContain("expectation-unmet");
        assertThat(r.out()).endsWith("\n0 appeared, 6 disappeared, 1 unchanged\n");
    }

    @Test
    void diffAsJson() throws Exception {
        CliRun r = CliRun.of("diff", MPX, "--set", REMOVE_APIS_ONLY, "--ignore", "expectation-unmet", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);    // nothing appeared but suppressed ones
        JsonNode root = r.json();
        assertThat(JsonKeys.of(root)).containsExactly("format", "tool", "scenario", "file", "baseline", "case",
                "appeared", "disappeared", "unchanged");
        assertThat(root.get("baseline").toString()).isEqualTo("{\"hosts.new.patches\":\"[x86-remove-intel-mpx]\"}");
        assertThat(root.get("case").toString()).isEqualTo("{\"hosts.new.patches\":\"[x86-mpx-remove-apis]\"}");
        assertThat(root.get("appeared")).isEmpty();
        assertThat(rules(root.get("disappeared"))).contains("migration-xcrs-rejected rhel7-idle",
                "migration-xsave-rejected rhel7");
        assertThat(root.get("disappeared").get(0).get("case").toString()).isEqualTo("{}");
        assertThat(root.get("unchanged").asInt()).isEqualTo(1);
    }

    @Test
    void diffOfANewKeyAndItsExitStatus() throws Exception {
        CliRun r = CliRun.of("diff", MPX, "--set", "guests.rhel7.vmm.cpu-model=Skylake-Server", "--set",
                "guests.rhel7.vmm.enforce=true", "--format", "json");
        JsonNode root = r.json();
        assertThat(root.get("baseline").toString())
                .isEqualTo("{\"guests.rhel7.vmm.cpu-model\":null,\"guests.rhel7.vmm.enforce\":null}");
        assertThat(rules(root.get("appeared"))).contains("cpuid-xcr0-mismatch rhel7");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(CliRun.of("diff", MPX, "--set", "guests.rhel7.vmm.cpu-model=Skylake-Server", "--set",
                "guests.rhel7.vmm.enforce=true", "--fail-on", "never").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("diff", MPX, "--set", "notes=nothing changes").out())
                .endsWith("0 appeared, 0 disappeared, 7 unchanged\n");
    }

    @Test
    void diffNeedsOneScenarioAndASet() {
        assertThat(CliRun.of("diff", MPX).err()).contains("give at least one --set");
        assertThat(CliRun.of("diff", "scenarios/", "--set", "cpu=genoa").err()).contains("diff compares one scenario");
        assertThat(CliRun.of("diff", MPX, "--set", "cpu=genoa", "--format", "sarif").exitCode())
                .isEqualTo(ExitCodes.BAD_INPUT);
    }

    // ---- progress ------------------------------------------------------------------------------------------

    @Test
    void progressOnATerminalAfterASecond() {
        AtomicLong clock = new AtomicLong();
        Environment tty = new Environment(name -> null, false, true, () -> clock.addAndGet(600_000_000L));
        String fourCpus = "cpu=cascadelake-server,icelake-server,sapphirerapids,genoa";
        CliRun r = CliRun.in(tty, "run", MPX, "--matrix", fourCpus, "--jobs", "1");
        assertThat(r.err()).contains("\r[2/4] cases", "\r[4/4] cases").doesNotContain("[1/4]")
                .endsWith("\r" + " ".repeat("[4/4] cases".length()) + "\r");
        Environment pipe = new Environment(name -> null, false, false, () -> clock.addAndGet(600_000_000L));
        assertThat(CliRun.in(pipe, "run", MPX, "--matrix", "cpu=all").err()).isEmpty();
        assertThat(CliRun.in(tty, "-q", "run", MPX, "--matrix", "cpu=all").err()).isEmpty();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Field names of a JSON object in order. */
    private static final class JsonKeys {
        static List<String> of(JsonNode node) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            return keys;
        }
    }
}
