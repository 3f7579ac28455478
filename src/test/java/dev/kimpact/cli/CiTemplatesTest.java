package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kimpact.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml cannot rot: both are parsed, the {@code kimpact} command
 * lines of their shard job and their merge job are taken out, the CI variables replaced by a shard index and
 * count, and run in this JVM for N = 1..4 shards; the merged JSON and SARIF must equal those of the unsharded run,
 * and the jobs must hand each other the files the commands write.
 */
class CiTemplatesTest {

    private static final Path GITHUB = Path.of("docs/ci/github-actions.yml");
    private static final Path GITLAB = Path.of("docs/ci/gitlab-ci.yml");
    private static final Environment PLAIN = new Environment(name -> null, false);

    /** The kimpact command lines of a CI file, with the variable for shard I/N still in them. */
    private record Template(List<String> shard, List<String> merge, Map<String, String> variables) {

        /** {@code line} with the CI's variables of shard {@code i} of {@code n} replaced, split into words. */
        List<String> words(String line, int i, int n) {
            String s = line.replace("${{ matrix.shard }}", String.valueOf(i))
                    .replace("${{ strategy.job-total }}", String.valueOf(n))
                    .replace("$CI_NODE_INDEX", String.valueOf(i)).replace("$CI_NODE_TOTAL", String.valueOf(n));
            Matcher m = Pattern.compile("\\$\\{\\{ env\\.(\\w+) }}|\\$\\{?(\\w+)}?").matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                assertThat(variables).as("variable %s in: %s", name, line).containsKey(name);
                m.appendReplacement(out, Matcher.quoteReplacement(variables.get(name)));
            }
            m.appendTail(out);
            List<String> words = new ArrayList<>();
            for (String w : out.toString().strip().split("\\s+")) {
                words.add(w.replace("\"", ""));
            }
            assertThat(words.get(0)).isEqualTo("kimpact");
            return words.subList(1, words.size());
        }
    }

    private static JsonNode yaml(Path file) throws IOException {
        return new YAMLMapper().readTree(file.toFile());
    }

    /** The lines of {@code script} (a string, or a list of strings) that run kimpact. */
    private static List<String> kimpactLines(JsonNode script) {
        List<String> lines = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        if (script.isArray()) {
            script.forEach(entries::add);
        } else if (!script.isMissingNode()) {
            entries.add(script);
        }
        for (JsonNode entry : entries) {
            entry.asText().lines().map(String::strip).filter(l -> l.startsWith("kimpact ")).forEach(lines::add);
        }
        return lines;
    }

    private static List<String> githubRunLines(JsonNode job) {
        List<String> lines = new ArrayList<>();
        job.get("steps").forEach(step -> lines.addAll(kimpactLines(step.path("run"))));
        return lines;
    }

    private static JsonNode githubStep(JsonNode job, String action) {
        for (JsonNode step : job.get("steps")) {
            if (step.path("uses").asText().startsWith(action + "@")) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + action);
    }

    private static Template github() throws IOException {
        JsonNode ci = yaml(GITHUB);
        JsonNode shard = ci.at("/jobs/shard");
        JsonNode merge = ci.at("/jobs/merge");
        Map<String, String> variables = new TreeMap<>();
        ci.get("env").fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        return new Template(githubRunLines(shard), githubRunLines(merge), variables);
    }

    private static Template gitlab() throws IOException {
        JsonNode ci = yaml(GITLAB);
        Map<String, String> variables = new TreeMap<>();
        ci.get("variables").fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
        return new Template(kimpactLines(ci.at("/kimpact-shard/script")), kimpactLines(ci.at("/kimpact-report/script")),
                variables);
    }

    /** The value after {@code option} in {@code words}. */
    private static String option(List<String> words, String... names) {
        for (int k = 0; k < words.size() - 1; k++) {
            if (List.of(names).contains(words.get(k))) {
                return words.get(k + 1);
            }
        }
        throw new AssertionError("no " + names[0] + " in " + words);
    }

    /**
     * Runs {@code words} in this JVM as the CI would in {@code dir}: output files go to {@code dir}, a glob
     * ({@code shard-*.json}) is expanded there, other relative paths (scenarios/) stay relative to the project.
     */
    private static CliRun runIn(Path dir, List<String> words) throws IOException {
        List<String> args = new ArrayList<>();
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            if (w.contains("*")) {
                List<String> matches = new ArrayList<>();
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, w)) {
                    files.forEach(p -> matches.add(p.toString()));
                }
                assertThat(matches).as(w).isNotEmpty();
                matches.sort(null);
                args.addAll(matches);
            } else if ((w.equals("-o") || w.equals("--output")) && k + 1 < words.size()) {
                args.add(w);
                args.add(dir.resolve(words.get(++k)).toString());
            } else {
                args.add(w);
            }
        }
        return CliRun.in(PLAIN, args.toArray(String[]::new));
    }

    /** Options of a run or merge-reports that say how and where the report is written, with their values. */
    private static final List<String> OUTPUT_OPTIONS = List.of("--format", "-f", "--output", "-o", "--fail-on");

    /**
     * The unsharded run matching {@code merge}: {@code shard} without {@code --shard I/N} and its output options,
     * with those of {@code merge} instead (its output file renamed {@code unsharded-FILE}).
     */
    private static List<String> unsharded(List<String> shard, List<String> merge) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < shard.size(); k++) {
            if (shard.get(k).equals("--shard") || OUTPUT_OPTIONS.contains(shard.get(k))) {
                k++;
            } else {
                out.add(shard.get(k));
            }
        }
        for (int k = 0; k < merge.size() - 1; k++) {
            String w = merge.get(k);
            if (OUTPUT_OPTIONS.contains(w)) {
                boolean file = w.equals("-o") || w.equals("--output");
                out.addAll(List.of(w, file ? "unsharded-" + merge.get(k + 1) : merge.get(k + 1)));
            }
        }
        return out;
    }

    /**
     * Shards 1..N of {@code template}, then its merge commands, in {@code dir}; each merge's output (file and
     * stdout) and exit status must equal the unsharded run's with the same output options.
     */
    private static void runsAsTheUnshardedRun(Template template, Path dir) throws IOException {
        assertThat(template.shard()).hasSize(1);
        assertThat(template.merge()).anySatisfy(l -> assertThat(l).contains("--format sarif"))
                .anySatisfy(l -> assertThat(l).contains("--format json"));
        for (int n = 1; n <= 4; n++) {
            Path work = Files.createDirectories(dir.resolve("n" + n));
            List<String> shard = List.of();
            for (int i = 1; i <= n; i++) {
                shard = template.words(template.shard().get(0), i, n);
                assertThat(shard).first().isEqualTo("run");
                assertThat(option(shard, "--shard")).isEqualTo(i + "/" + n);
                CliRun r = runIn(work, shard);
                assertThat(r.exitCode()).as("%s: %s", shard, r.err()).isZero();
                assertThat(work.resolve(option(shard, "-o", "--output"))).isNotEmptyFile();
            }
            for (String line : template.merge()) {
                List<String> merge = template.words(line, 1, n);
                assertThat(merge).first().isEqualTo("merge-reports");
                CliRun merged = runIn(work, merge);
                List<String> single = unsharded(shard, merge);
                CliRun whole = runIn(work, single);
                assertThat(whole.exitCode()).as("%s: %s", single, whole.err()).isIn(0, 1);
                assertThat(merged.exitCode()).as("%s: %s", merge, merged.err()).isEqualTo(whole.exitCode());
                assertThat(merged.out()).as("%s (n = %d)", merge, n).isEqualTo(whole.out());
                if (merge.contains("-o") || merge.contains("--output")) {
                    String file = option(merge, "-o", "--output");
                    assertThat(Files.readString(work.resolve(file))).as("%s (n = %d)", merge, n)
                            .isEqualTo(Files.readString(work.resolve("unsharded-" + file)));
                }
            }
        }
    }

    @Test
    void githubActionsShardsMergeIntoTheUnshardedReport(@TempDir Path dir) throws IOException {
        runsAsTheUnshardedRun(github(), dir);
    }

    @Test
    void gitlabShardsMergeIntoTheUnshardedReport(@TempDir Path dir) throws IOException {
        runsAsTheUnshardedRun(gitlab(), dir);
    }

    @Test
    void githubJobsHandEachOtherTheirFiles() throws IOException {
        JsonNode ci = yaml(GITHUB);
        JsonNode shardJob = ci.at("/jobs/shard");
        JsonNode mergeJob = ci.at("/jobs/merge");
        Template t = github();
        // The matrix is 1..N, and the shard job names its output by matrix.shard.
        List<Integer> shards = new ArrayList<>();
        shardJob.at("/strategy/matrix/shard").forEach(s -> shards.add(s.asInt()));
        assertThat(shards).isNotEmpty();
        for (int k = 0; k < shards.size(); k++) {
            assertThat(shards.get(k)).isEqualTo(k + 1);
        }
        // Shard 3 writes shard-3.json, uploads it, the merge job downloads it and every merge command reads it.
        String output = option(t.words(t.shard().get(0), 3, 4), "-o", "--output");
        JsonNode upload = githubStep(shardJob, "actions/upload-artifact");
        assertThat(upload.at("/with/path").asText().replace("${{ matrix.shard }}", "3")).isEqualTo(output);
        String artifact = upload.at("/with/name").asText().replace("${{ matrix.shard }}", "3");
        JsonNode download = githubStep(mergeJob, "actions/download-artifact");
        assertThat(artifact).matches(glob(download.at("/with/pattern").asText()));
        assertThat(download.at("/with/merge-multiple").asBoolean()).isTrue();
        assertThat(mergeJob.get("needs").asText()).isEqualTo("shard");
        for (String line : t.merge()) {
            assertThat(t.words(line, 1, 4)).anySatisfy(w -> assertThat(output).matches(glob(w)));
        }
        // The SARIF uploaded is the one written.
        String sarif = t.merge().stream().filter(l -> l.contains("--format sarif")).findFirst().orElseThrow();
        assertThat(githubStep(mergeJob, "github/codeql-action/upload-sarif").at("/with/sarif_file").asText())
                .isEqualTo(option(t.words(sarif, 1, 4), "-o", "--output"));
        assertThat(mergeJob.at("/permissions/security-events").asText()).isEqualTo("write");
        // Findings fail neither a shard nor the SARIF upload; the last step fails on KIMPACT_FAIL_ON.
        assertThat(t.shard().get(0)).contains("--fail-on never");
        assertThat(t.merge().get(t.merge().size() - 1)).contains("--fail-on \"$KIMPACT_FAIL_ON\"");
        assertThat(t.variables()).containsKey("KIMPACT_FAIL_ON");
    }

    @Test
    void gitlabJobsHandEachOtherTheirFiles() throws IOException {
        JsonNode ci = yaml(GITLAB);
        Template t = gitlab();
        assertThat(ci.at("/kimpact-shard/parallel").isInt()).isTrue();
        assertThat(ci.at("/kimpact-shard/parallel").asInt()).isBetween(2, 200);
        assertThat(ci.at("/kimpact-report/needs/0").asText()).isEqualTo("kimpact-shard");
        String output = option(t.words(t.shard().get(0), 3, 4), "-o", "--output");
        String paths = ci.at("/kimpact-shard/artifacts/paths/0").asText();
        assertThat(output).matches(glob(paths));
        for (String line : t.merge()) {
            assertThat(t.words(line, 1, 4)).anySatisfy(w -> assertThat(output).matches(glob(w)));
        }
        JsonNode artifacts = ci.at("/kimpact-report/artifacts");
        assertThat(artifacts.get("when").asText()).isEqualTo("always");
        List<String> kept = new ArrayList<>();
        artifacts.get("paths").forEach(p -> kept.add(p.asText()));
        for (String line : t.merge()) {
            List<String> words = t.words(line, 1, 4);
            if (words.contains("-o")) {
                assertThat(kept).contains(option(words, "-o"));
            }
        }
        assertThat(kept).contains(artifacts.at("/reports/codequality").asText());
        assertThat(t.shard().get(0)).contains("--fail-on never");
        assertThat(t.merge().get(t.merge().size() - 1)).contains("--fail-on \"$KIMPACT_FAIL_ON\"");
    }

    /** The jq line of the GitLab merge job turns the merged JSON into a code quality report GitLab accepts. */
    @Test
    void gitlabCodeQualityReportHasTheFieldsGitlabReads(@TempDir Path dir) throws Exception {
        Path jq = executable("jq");
        assumeTrue(jq != null, "jq is not installed");
        JsonNode ci = yaml(GITLAB);
        String convert = null;
        for (JsonNode line : ci.at("/kimpact-report/script")) {
            if (line.asText().startsWith("jq ")) {
                convert = line.asText();
            }
        }
        assertThat(convert).isNotNull();
        Template t = gitlab();
        List<String> shard = t.words(t.shard().get(0), 1, 1);
        CliRun run = runIn(dir, shard);
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> merge = t.words(t.merge().stream().filter(l -> l.contains("--format json")).findFirst()
                .orElseThrow(), 1, 1);
        assertThat(runIn(dir, merge).exitCode()).isZero();

        Process p = new ProcessBuilder("sh", "-c", convert).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("jq.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("jq.log"))).isZero();
        String report = ci.at("/kimpact-report/artifacts/reports/codequality").asText();
        JsonNode issues = Json.mapper().readTree(dir.resolve(report).toFile());
        JsonNode findings = Json.mapper().readTree(dir.resolve(option(merge, "-o")).toFile()).get("findings");
        assertThat(issues.isArray()).isTrue();
        assertThat(issues).hasSize(findings.size()).isNotEmpty();
        Set<String> fingerprints = new HashSet<>();
        for (int k = 0; k < issues.size(); k++) {
            JsonNode issue = issues.get(k);
            JsonNode finding = findings.get(k);
            assertThat(issue.get("check_name").asText()).isEqualTo(finding.get("rule").asText());
            assertThat(issue.get("description").asText()).contains(finding.get("message").asText());
            assertThat(issue.get("severity").asText()).isIn("info", "minor", "major", "critical", "blocker");
            assertThat(issue.at("/location/path").asText() + ":" + issue.at("/location/lines/begin").asInt())
                    .isEqualTo(finding.get("location").asText());
            fingerprints.add(issue.get("fingerprint").asText());
        }
        assertThat(fingerprints).hasSameSizeAs(issues);
    }

    /** A shell glob with only {@code *} in it ({@code shard-*.json}) as a regular expression. */
    private static String glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return String.join(".*", parts);
    }

    private static Path executable(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void theReadmeNamesBothFiles() throws IOException {
        String readme = Files.readString(Path.of("docs/ci/README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("github-actions.yml", "gitlab-ci.yml", "kimpact-VERSION.tar.gz");
    }
}
