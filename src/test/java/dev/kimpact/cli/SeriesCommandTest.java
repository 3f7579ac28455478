package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kimpact.report.Json;
import dev.kimpact.series.TestRepo;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesCommandTest {

    @TempDir
    Path tmp;

    Path repoDir;
    ObjectId base;
    ObjectId fpu;
    ObjectId mpx;
    ObjectId kvm1;
    String maintainers;

    static String resource(String name) throws IOException {
        try (InputStream in = SeriesCommandTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final String BODY = "one\ntwo\nthree\nfour\nfive\nsix\n";

    /**
     * master: base, then "x86/fpu" (acked by tglx) and "x86: Remove Intel MPX" (no maintainer of KVM/x86 in
     * its trailers); kvm: "KVM: x86" changing the same line of arch/x86/kvm/x86.c; same: the MPX change made
     * identically and a new file (a clean merge whose result tree is a new object).
     */
    @BeforeEach
    void repo() throws Exception {
        repoDir = tmp.resolve("linux");
        maintainers = resource("/series/MAINTAINERS");
        try (TestRepo r = TestRepo.init(repoDir)) {
            base = r.commit("master", "base\n", f -> {
                f.put("MAINTAINERS", maintainers);
                f.put("arch/x86/kvm/x86.c", BODY);
                f.put("arch/x86/kernel/fpu/core.c", BODY);
            });
            r.branch("kvm", "master");
            r.branch("same", "master");
            fpu = r.commit("master", "x86/fpu: Tidy\n\nAcked-by: Thomas Gleixner <tglx@kernel.org>\n",
                    f -> f.put("arch/x86/kernel/fpu/core.c", BODY.replace("two", "TWO")));
            mpx = r.commit("master", "x86: Remove Intel MPX\n\nSigned-off-by: Dave Hansen <dave.hansen@linux.intel.com>\n",
                    f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "tip")));
            kvm1 = r.commit("kvm", "KVM: x86: own XSAVE\n", f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "kvm")));
            r.commit("same", "x86: Remove Intel MPX (dup)\n", f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "tip")));
            r.commit("same", "docs: other\n", f -> f.put("Documentation/other.rst", "new\n")); // a new merged tree
        }
    }

    String range() {
        return base.name() + "..master";
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        CliRun r = CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm",
                "--against", "same", "--format", "json");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FINDINGS);
        JsonNode root = r.json();
        assertThat(fields(root)).containsExactly("repo", "range", "commits", "sections", "merges", "models",
                "derivation", "sweep", "findings", "suppressed");
        assertThat(root.get("derivation").isNull()).as("not a kernel tree").isTrue();
        assertThat(root.get("sweep").isNull()).isTrue();
        assertThat(root.get("range").asText()).isEqualTo(range());
        JsonNode c = root.get("commits").get(0);
        assertThat(fields(c)).containsExactly("id", "subject", "author", "date", "files", "trailers");
        assertThat(c.get("id").asText()).isEqualTo(fpu.name());
        assertThat(fields(c.get("author"))).containsExactly("name", "email");
        assertThat(c.get("date").asText()).isEqualTo("2018-12-01T13:00:00+01:00");
        assertThat(fields(c.get("files").get(0))).containsExactly("path", "old_path", "change");
        assertThat(c.get("files").get(0).get("change").asText()).isEqualTo("modify");
        assertThat(fields(c.get("trailers").get(0))).containsExactly("key", "name", "email", "value");
        JsonNode s = root.get("sections").get(0);
        assertThat(fields(s)).containsExactly("name", "maintainers", "reviewers", "lists", "paths", "acked_by");
        JsonNode merges = root.get("merges");
        assertThat(merges).hasSize(2);
        assertThat(fields(merges.get(0))).containsExactly("against", "clean", "conflicts");
        assertThat(merges.get(0).get("clean").asBoolean()).isFalse();
        JsonNode conflict = merges.get(0).get("conflicts").get(0);
        assertThat(fields(conflict)).containsExactly("path", "ours", "theirs");
        assertThat(conflict.get("path").asText()).isEqualTo("arch/x86/kvm/x86.c");
        assertThat(conflict.get("ours").get(0).asText()).isEqualTo(mpx.name());
        assertThat(conflict.get("theirs").get(0).asText()).isEqualTo(kvm1.name());
        assertThat(merges.get(1).get("clean").asBoolean()).isTrue();
        assertThat(fields(root.get("models").get(0))).containsExactly("commit", "patch", "scenarios", "derived",
                "cross_check");
        JsonNode f = root.get("findings").get(0);
        // The same shape as run's findings (ReportTree.finding): location is the repository path of the finding.
        assertThat(fields(f)).containsExactly("rule", "severity", "scenario", "case", "guest", "host", "step",
                "location", "message", "evidence", "remedy");
        assertThat(f.get("rule").asText()).isEqualTo("merge-conflict");
        assertThat(f.get("case").isObject()).isTrue();
        assertThat(f.get("guest").isNull()).isTrue();
        assertThat(f.get("evidence").get("merge_base").asText()).isEqualTo(base.name());
        List<String> rules = new ArrayList<>();
        root.get("findings").forEach(n -> rules.add(n.get("rule").asText()));
        assertThat(rules).containsExactly("merge-conflict", "missing-maintainer-ack");
    }

    private static List<JsonNode> missingAcks(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.get("findings").forEach(n -> {
            if (n.get("rule").asText().equals("missing-maintainer-ack")) {
                out.add(n);
            }
        });
        return out;
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void textReadsLikeALinuxNextMail() {
        CliRun r = CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("COMMIT        DATE        AUTHOR")
                .contains(fpu.name().substring(0, 12) + "  2018-12-01  Ann Author")
                .contains("Merging kvm with the series got a conflict in:")
                .contains("    arch/x86/kvm/x86.c")
                .contains(mpx.name().substring(0, 12) + " (\"x86: Remove Intel MPX\")")
                .contains(kvm1.name().substring(0, 12) + " (\"KVM: x86: own XSAVE\")")
                .contains("error   merge-conflict: merging kvm conflicts in 1 path: arch/x86/kvm/x86.c")
                .contains("summary: 1 error, 1 warning, 0 notes");
    }

    @Test
    void ignoreMovesARulesFindingsToTheSuppressedOnes() throws Exception {
        String[] args = {"series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm",
                "--ignore", "merge-conflict"};
        CliRun text = CliRun.of(args);
        assertThat(text.exitCode()).as("the only error is suppressed").isEqualTo(0);
        assertThat(text.out()).contains("Suppressed:\n\n  error   merge-conflict: merging kvm conflicts in 1 path")
                .contains("          reason: --ignore merge-conflict").contains("summary: 0 errors, 1 warning, 0 notes");
        JsonNode root = new ObjectMapper().readTree(CliRun.of(concat(args, "--format", "json")).out());
        assertThat(root.get("findings")).extracting(n -> n.get("rule").asText()).containsExactly("missing-maintainer-ack");
        assertThat(root.get("suppressed").get(0).get("rule").asText()).isEqualTo("merge-conflict");
        assertThat(root.get("suppressed").get(0).get("reason").asText()).isEqualTo("--ignore merge-conflict");
        assertThat(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--ignore", "merge-conflit")
                .err()).contains("unknown rule 'merge-conflit'", "(did you mean 'merge-conflict'?)");
    }

    @Test
    void missingAckFindingsPerCommitNameTheCommit() throws Exception {
        String[] args = {"series", "--repo", repoDir.toString(), "--range", range(), "--format", "json"};
        JsonNode perSection = new ObjectMapper().readTree(CliRun.of(args).out());
        JsonNode perCommit = new ObjectMapper().readTree(CliRun.of(concat(args, "--missing-ack-per", "commit")).out());
        List<JsonNode> bySection = missingAcks(perSection);
        List<JsonNode> byCommit = missingAcks(perCommit);
        assertThat(bySection).isNotEmpty().allMatch(n -> n.get("evidence").has("section"));
        assertThat(byCommit).isNotEmpty()
                .allMatch(n -> n.get("evidence").get("commit").asText().equals(n.get("step").asText()));
        assertThat(CliRun.of(concat(args, "--missing-ack-per", "file")).err())
                .contains("--missing-ack-per", "section", "commit");
    }

    @Test
    void sarifNamesFilesOfTheRepository() throws Exception {
        JsonNode log = SarifSchemaTest.valid(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(),
                "--against", "kvm", "--ignore", "late-for-merge-window", "-f", "sarif"));
        JsonNode run = log.get("runs").get(0);
        assertThat(run.at("/originalUriBaseIds/SRCROOT/uri").asText()).isEqualTo(repoDir.toUri().toString());
        Map<String, String> where = new java.util.LinkedHashMap<>();
        for (JsonNode r : run.get("results")) {
            JsonNode loc = r.at("/locations/0/physicalLocation");
            assertThat(loc.at("/artifactLocation/uriBaseId").asText()).isEqualTo("SRCROOT");
            where.put(r.get("ruleId").asText(), loc.at("/artifactLocation/uri").asText()
                    + (loc.has("region") ? ":" + loc.at("/region/startLine").asInt() : ""));
        }
        // The conflict at the conflicting path; the missing ack at its MAINTAINERS section (not MAINTAINERS@master).
        assertThat(where.get("merge-conflict")).isEqualTo("arch/x86/kvm/x86.c");
        assertThat(where.get("missing-maintainer-ack")).matches("MAINTAINERS:\\d+");
    }

    @Test
    void yamlHoldsTheJsonTree() throws Exception {
        String[] args = {"series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm"};
        JsonNode json = new ObjectMapper().readTree(CliRun.of(concat(args, "-f", "json")).out());
        JsonNode yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(CliRun.of(concat(args, "-f",
                "yaml")).out());
        assertThat(yaml).isEqualTo(json);
    }

    @Test
    void markdownIsAMailReplyWrappedAtSeventyTwoColumns() {
        CliRun r = CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm",
                "--format", "markdown");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("Merging kvm with the series got a conflict in:\n\n    arch/x86/kvm/x86.c\n")
                .contains("- error: merging kvm conflicts in 1 path: arch/x86/kvm/x86.c\n  (merge-conflict)\n")
                .contains("Maintainers of the sections touched");
        // Every line fits 72 columns, unless it is one word too long to break.
        assertThat(r.out().lines()).allMatch(l -> l.length() <= 72 || !l.strip().contains(" "));
    }

    @Test
    void failOnDecidesTheExitCode() {
        String[] args = {"series", "--repo", repoDir.toString(), "--range", range(), "--against", "same"};
        assertThat(CliRun.of(args).exitCode()).isEqualTo(0); // only a warning
        assertThat(CliRun.of(concat(args, "--fail-on", "warning")).exitCode()).isEqualTo(1);
        assertThat(CliRun.of(concat(args, "--fail-on", "note")).exitCode()).isEqualTo(1);
        assertThat(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm",
                "--fail-on", "never").exitCode()).isEqualTo(0);
        assertThat(CliRun.of("series", "--repo", repoDir.toString(), "--range", fpu.name() + ".." + fpu.name() + "^0",
                "--fail-on", "bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void maintainersFileOptionAndOutputFile() throws Exception {
        Path m = tmp.resolve("MAINTAINERS.local");
        Files.writeString(m, "KVM ONLY\nM:\tDave Hansen <dave.hansen@linux.intel.com>\nF:\tarch/x86/kvm/\n");
        Path out = tmp.resolve("report.json");
        CliRun r = CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--maintainers", m.toString(),
                "--format", "json", "--output", out.toString(), "--fail-on", "warning");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).isEmpty();
        JsonNode root = Json.mapper().readTree(out.toFile());
        assertThat(root.get("sections").get(0).get("acked_by").get(0).asText())
                .isEqualTo("Dave Hansen <dave.hansen@linux.intel.com>");
    }

    @Test
    void jsonOnStdoutAndInAnOutputFileIsTheSameText() throws Exception {
        Path out = tmp.resolve("same.json");
        String[] args = {"series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm",
            "--format", "json", "--fail-on", "never"};
        CliRun toStdout = CliRun.of(args);
        CliRun toFile = CliRun.of(concat(args, "--output", out.toString()));
        assertThat(toStdout.exitCode()).isZero();
        assertThat(toFile.exitCode()).isZero();
        assertThat(toFile.out()).isEmpty();
        assertThat(toStdout.out()).startsWith("{").endsWith("}\n").contains("\"commits\" : [");
        assertThat(Files.readString(out)).isEqualTo(toStdout.out());
    }

    @Test
    void mboxWithMaintainers() throws Exception {
        Path mbox = tmp.resolve("series.mbox");
        Files.write(mbox, resource("/series/series.mbox").getBytes(StandardCharsets.UTF_8));
        Path m = tmp.resolve("MAINTAINERS");
        Files.writeString(m, maintainers);
        CliRun r = CliRun.of("series", "--mbox", mbox.toString(), "--maintainers", m.toString(), "--format", "json");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(0);
        JsonNode root = r.json();
        assertThat(root.get("repo").isNull()).isTrue();
        assertThat(root.get("range").isNull()).isTrue();
        assertThat(root.get("commits")).hasSize(3);
        assertThat(root.get("commits").get(0).get("author").get("name").asText()).isEqualTo("Jörg Rödel");
        // patch 1 Cc'd x86@kernel.org; patch 2 nobody of X86; patch 3 adds kvm_vcpu_load (K:) with Reviewed-by Sean
        List<String> sections = new ArrayList<>();
        List<JsonNode> acks = new ArrayList<>();
        root.get("findings").forEach(n -> {
            if (n.get("rule").asText().equals("missing-maintainer-ack")) {
                acks.add(n);
                sections.add(n.get("evidence").get("section").asText());
            }
        });
        assertThat(sections).containsExactly("X86 ARCHITECTURE (32-BIT AND 64-BIT)");
        assertThat(acks.get(0).get("evidence").get("commits").get(0).asText())
                .isEqualTo("2222222222222222222222222222222222222222");
        assertThat(acks.get(0).get("scenario").asText()).isEqualTo(mbox.toString());
        // MAINTAINERS from the repository at HEAD (without --base nothing is applied: these patches would not)
        CliRun withRepo = CliRun.of("series", "--mbox", mbox.toString(), "--repo", repoDir.toString(),
                "--format", "json");
        assertThat(withRepo.exitCode()).isEqualTo(0);
        assertThat(withRepo.json().get("sections")).isNotEmpty();
    }

    /** A mail of the series {@link #mailed}: patch n of total changing x86.c's third line to {@code to}. */
    static String x86Mail(int n, int total, String to) {
        return "From " + String.valueOf(n).repeat(40) + " Mon Sep 17 00:00:00 2001\n"
                + "From: Ann Author <ann@example.org>\nDate: Tue, 11 Dec 2018 10:00:00 +0100\n"
                + "Subject: [PATCH " + n + "/" + total + "] x86: line three\n\nSigned-off-by: Ann Author"
                + " <ann@example.org>\n---\n"
                + "diff --git a/arch/x86/kvm/x86.c b/arch/x86/kvm/x86.c\n--- a/arch/x86/kvm/x86.c\n"
                + "+++ b/arch/x86/kvm/x86.c\n@@ -2,3 +2,3 @@\n two\n-three\n+" + to + "\n four\n-- \n2.20.0\n\n";
    }

    /** One patch changing the line kvm changes, applying onto {@link #base}. */
    Path mailed() throws IOException {
        Path mbox = tmp.resolve("x86.mbox");
        Files.writeString(mbox, x86Mail(1, 1, "mailed"));
        return mbox;
    }

    @Test
    void mboxAppliedOntoBaseMergesWithAgainst() throws Exception {
        Path mbox = mailed();
        CliRun conflict = CliRun.of("series", "--mbox", mbox.toString(), "--repo", repoDir.toString(), "--base",
                base.name(), "--against", "kvm", "--against", fpu.name(), "--format", "json");
        assertThat(conflict.err()).isEmpty();
        assertThat(conflict.exitCode()).isEqualTo(1);
        JsonNode merges = conflict.json().get("merges");
        assertThat(merges.get(0).get("clean").asBoolean()).isFalse();
        assertThat(merges.get(0).get("conflicts").get(0).get("path").asText()).isEqualTo("arch/x86/kvm/x86.c");
        assertThat(merges.get(0).get("conflicts").get(0).get("ours").get(0).asText()).isEqualTo("1".repeat(40));
        assertThat(merges.get(0).get("conflicts").get(0).get("theirs").get(0).asText()).isEqualTo(kvm1.name());
        assertThat(merges.get(1).get("clean").asBoolean()).isTrue();

        CliRun text = CliRun.of("series", "--mbox", mbox.toString(), "--repo", repoDir.toString(), "--base",
                base.name(), "--against", "kvm");
        assertThat(text.out()).contains("1111111111111111111111111111111111111111".substring(0, 12)
                + " (\"x86: line three\")");
    }

    @Test
    void mboxThatDoesNotApplyOntoBase() throws Exception {
        Path mbox = tmp.resolve("series.mbox");
        Files.writeString(mbox, resource("/series/series.mbox"));
        assertBadInput(CliRun.of("series", "--mbox", mbox.toString(), "--repo", repoDir.toString(), "--base",
                base.name()), mbox + ":49:1: patch 1/3 'x86/fpu: Fold the very long subject line...' (81 characters)"
                + " does not apply onto " + base.abbreviate(12).name()
                + ": arch/x86/kernel/fpu/core.c: hunk @@ -1,3 +1,3 @@: its context does not match the file");
    }

    @Test
    void calendarAndPatchModelsAreWiredThroughTheConstructor() throws Exception {
        dev.kimpact.series.ReleaseCalendar calendar = dev.kimpact.series.ReleaseCalendar.of(List.of(
                new dev.kimpact.series.ReleaseCalendar.Release("4.20", java.time.LocalDate.parse("2018-11-30"),
                        java.time.LocalDate.parse("2018-12-23"), java.time.LocalDate.parse("2018-12-24"),
                        java.time.LocalDate.parse("2019-01-06"))));
        SeriesCommand command = new SeriesCommand(() -> calendar,
                subject -> subject.equals("x86: Remove Intel MPX") ? java.util.Optional.of("x86-remove-intel-mpx")
                        : java.util.Optional.empty());
        StringWriter out = new StringWriter();
        picocli.CommandLine series = new picocli.CommandLine(command);
        series.setOut(new PrintWriter(out));
        int rc = series.execute("--repo", repoDir.toString(), "--range", range(), "--format", "json",
                "--fail-on", "note");
        assertThat(rc).isEqualTo(1);
        JsonNode root = Json.mapper().readTree(out.toString());
        assertThat(root.get("models").get(0).get("commit").asText()).isEqualTo(mpx.name());
        assertThat(root.get("models").get(0).get("patch").asText()).isEqualTo("x86-remove-intel-mpx");
        List<String> rules = new ArrayList<>();
        root.get("findings").forEach(n -> rules.add(n.get("rule").asText()));
        assertThat(rules).containsExactly("missing-maintainer-ack", "late-for-merge-window");
    }

    @Test
    void builtInPatchModelsMatchAndRunScenariosReportsTheGuestRisks() throws Exception {
        CliRun plain = CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--format", "json");
        JsonNode models = plain.json().get("models");
        assertThat(models).hasSize(1);
        assertThat(models.get(0).get("patch").asText()).isEqualTo("x86-remove-intel-mpx");
        assertThat(models.get(0).get("scenarios")).isEmpty();

        CliRun withScenarios = CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--format", "json",
                "--run-scenarios", "scenarios");
        assertThat(withScenarios.err()).isEmpty();
        assertThat(withScenarios.exitCode()).isEqualTo(1);
        JsonNode root = withScenarios.json();
        assertThat(root.get("models").get(0).get("scenarios").toString()).contains("mpx-removal-in-4.21");
        List<String> rules = new ArrayList<>();
        root.get("findings").forEach(n -> rules.add(n.get("rule").asText()));
        assertThat(rules).contains("missing-maintainer-ack", "migration-xcrs-rejected", "migration-xsave-rejected",
                "xsetbv-fault");
    }

    @Test
    void subjectsMatchIgnoringCaseSpacesAndPatchTags() {
        dev.kimpact.series.CatalogPatchModels m = new dev.kimpact.series.CatalogPatchModels(
                new dev.kimpact.model.ModelCatalog());
        assertThat(m.match("[PATCH v2 3/9]  x86:  remove intel MPX")).contains("x86-remove-intel-mpx");
        assertThat(m.match("x86: Remove Intel MPX support for real")).isEmpty();
    }

    @Test
    void helpHasExamples() {
        CliRun r = CliRun.of("series", "--help");
        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("Examples:").contains("--against").contains("--mbox");
    }

    // ------------------------------------------------------------------ bad input: exit 2, one line, no trace

    private static void assertBadInput(CliRun r, String expected) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("kimpact: error: ").contains(expected).doesNotContain("Exception\n")
                .doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void notARepository() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertBadInput(CliRun.of("series", "--repo", plain.toString(), "--range", "a..b"),
                plain + ": not a git repository");
        assertBadInput(CliRun.of("series", "--repo", tmp.resolve("nope").toString(), "--range", "a..b"), "no such directory");
    }

    @Test
    void unknownRevisionWithSuggestion() {
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", base.name() + "..mastr"),
                repoDir + ": unknown revision 'mastr' (did you mean 'master'?)");
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--against", "kmv"),
                "unknown revision 'kmv' (did you mean 'kvm'?)");
    }

    @Test
    void emptyAndReversedRanges() {
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", "master..master"), "is empty");
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", "master.." + base.name()),
                "is reversed: " + base.name() + " is an ancestor of master");
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", "master"), "not of the form A..B");
    }

    @Test
    void corruptObject() throws Exception {
        String id = mpx.name();
        Path loose = repoDir.resolve(".git/objects/" + id.substring(0, 2) + "/" + id.substring(2));
        loose.toFile().setWritable(true);
        Files.write(loose, "not zlib at all".getBytes(StandardCharsets.US_ASCII));
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", range()), "corrupt object");
    }

    @Test
    void malformedMbox() throws Exception {
        Path mbox = tmp.resolve("bad.mbox");
        Files.writeString(mbox, "From abc Mon Sep 17 00:00:00 2001\nFrom: a@x\nSubject: [PATCH] x\nno colon here\n");
        assertBadInput(CliRun.of("series", "--mbox", mbox.toString()), mbox + ":4:1: malformed mail header line");
        assertBadInput(CliRun.of("series", "--mbox", tmp.resolve("missing.mbox").toString()), "no such file");
        assertBadInput(CliRun.of("series", "--mbox", mbox.toString(), "--against", "kvm"),
                "--against needs --range, or --mbox with --repo and --base");
        assertBadInput(CliRun.of("series", "--mbox", mbox.toString(), "--repo", repoDir.toString(), "--against", "kvm"),
                "--against needs --range, or --mbox with --repo and --base");
    }

    @Test
    void badMaintainersLine() throws Exception {
        try (TestRepo r = TestRepo.init(tmp.resolve("bad"))) {
            ObjectId b = r.commit("master", "base\n", f -> f.put("MAINTAINERS", "X86\nM:\tA <a@x>\nQQ\nF:\tfoo(\nN:\tfoo(\n"));
            r.commit("master", "next\n", f -> f.put("a.c", "a\n"));
            assertBadInput(CliRun.of("series", "--repo", r.path(), "--range", b.name() + "..master"),
                    "MAINTAINERS@master:5:4: bad N: regex 'foo('");
        }
        Path m = tmp.resolve("M");
        Files.writeString(m, "T\nM:\tno address\n");
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--maintainers", m.toString()),
                m + ":2:1: M: entry 'no address' has no e-mail address");
    }

    @Test
    void usageErrors() {
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString()), "give the series with --range");
        assertBadInput(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--format", "svg"),
                "invalid value 'svg' for option '--format' (expected one of: text, json, yaml, sarif, markdown)");
    }

    // ------------------------------------------------------------------ the repository is never changed

    /** Every file and directory under .git: bytes and mtime of files, mtime of directories. */
    static Map<String, String> snapshot(Path gitDir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(gitDir)) {
            for (Iterator<Path> it = all.iterator(); it.hasNext(); ) {
                Path p = it.next();
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                String key = gitDir.relativize(p).toString();
                if (a.isDirectory()) {
                    out.put(key + "/", "dir " + a.lastModifiedTime().toMillis());
                } else {
                    out.put(key, a.lastModifiedTime().toMillis() + " " + Arrays.hashCode(Files.readAllBytes(p))
                            + " " + a.size());
                }
            }
        }
        return out;
    }

    @Test
    void theRepositoryIsUnchangedByteForByte() throws Exception {
        Path git = repoDir.resolve(".git");
        try (org.eclipse.jgit.api.Git g = org.eclipse.jgit.api.Git.open(repoDir.toFile())) {
            // Release tags, which series reads for its calendar (an annotated and a lightweight one).
            g.tag().setName("v4.20-rc6").setObjectId(g.getRepository().parseCommit(base)).setAnnotated(true)
                    .setMessage("Linux 4.20-rc6").call();
            g.tag().setName("v4.20").setObjectId(g.getRepository().parseCommit(mpx)).setAnnotated(false).call();
        }
        Map<String, String> before = snapshot(git);
        Thread.sleep(20); // so that a rewrite would show in the mtimes
        assertThat(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--against", "same",
                "--format", "json").exitCode()).isEqualTo(0); // clean merge: would write its result tree
        assertThat(CliRun.of("series", "--repo", repoDir.toString(), "--range", range(), "--against", "kvm").exitCode())
                .isEqualTo(1); // conflicting merge
        assertThat(CliRun.of("series", "--repo", repoDir.toString(), "--range", "master..nope").exitCode())
                .isEqualTo(2);
        assertThat(CliRun.of("series", "--repo", repoDir.toString(), "--range", "master.." + base.name()).exitCode())
                .isEqualTo(2);
        // a mailed series applied in memory: merged cleanly (new trees and commits), with a conflict, not applying
        Path mbox = mailed();
        Path stale = tmp.resolve("stale.mbox");
        Files.writeString(stale, x86Mail(1, 2, "mailed") + x86Mail(2, 2, "again"));
        assertThat(CliRun.of("series", "--mbox", mbox.toString(), "--repo", repoDir.toString(), "--base", base.name(),
                "--against", fpu.name()).exitCode()).isEqualTo(0);
        assertThat(CliRun.of("series", "--mbox", mbox.toString(), "--repo", repoDir.toString(), "--base", base.name(),
                "--against", "kvm").exitCode()).isEqualTo(1);
        assertThat(CliRun.of("series", "--mbox", stale.toString(), "--repo", repoDir.toString(), "--base",
                base.name()).exitCode()).isEqualTo(2);
        Map<String, String> after = snapshot(git);
        TreeMap<String, String> changed = new TreeMap<>();
        for (String k : before.keySet()) {
            if (!before.get(k).equals(after.get(k))) {
                changed.put(k, before.get(k) + " -> " + after.get(k));
            }
        }
        for (String k : after.keySet()) {
            if (!before.containsKey(k)) {
                changed.put(k, "new: " + after.get(k));
            }
        }
        assertThat(changed).as("files and directories under .git that changed").isEmpty();
        assertThat(after).isEqualTo(before);
    }

    static Environment cacheEnv(Path cacheHome, String kimpactCache) {
        Map<String, String> vars = new TreeMap<>();
        vars.put("XDG_CACHE_HOME", cacheHome.toString());
        if (kimpactCache != null) {
            vars.put("KIMPACT_CACHE", kimpactCache);
        }
        return new Environment(vars::get, false);
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void theCacheGivesTheSameOutputAndNoCacheOrKimpactCacheOffLeaveItAlone() throws Exception {
        Path home = tmp.resolve("xdg");
        // a commit whose changed lines match MAINTAINERS' K: keyword, so keyword hits are cached too
        try (TestRepo r = TestRepo.open(repoDir)) {
            r.commit("k", "KVM: x86: load\n", f -> {
                f.put("MAINTAINERS", maintainers);
                f.put("arch/x86/kvm/x86.c", BODY + "kvm_vcpu_load(vcpu);\n");
            });
        }
        String[] args = {"series", "--repo", repoDir.toString(), "--range", base.name() + "..master", "--against",
                "kvm", "--against", "same", "--format", "json"};
        String[] kArgs = {"series", "--repo", repoDir.toString(), "--range", "master..k", "--format", "json"};
        CliRun uncached = CliRun.in(cacheEnv(home, null), concat(args, "--no-cache"));
        CliRun kUncached = CliRun.in(cacheEnv(home, null), concat(kArgs, "--no-cache"));
        assertThat(kUncached.json().get("sections").toString()).contains("KERNEL VIRTUAL MACHINE FOR X86");
        CliRun off = CliRun.in(cacheEnv(home, "off"), args);
        assertThat(files(home)).as("--no-cache and KIMPACT_CACHE=off write nothing").isEmpty();
        assertThat(off.out()).isEqualTo(uncached.out());

        CliRun first = CliRun.in(cacheEnv(home, null), args);
        CliRun kFirst = CliRun.in(cacheEnv(home, null), kArgs);
        List<Path> written = files(home);
        assertThat(written).extracting(p -> p.getFileName().toString().replaceAll("-.*", ""))
                .contains("range", "merge", "keywords");
        assertThat(written).allMatch(p -> p.startsWith(home.resolve("kimpact/series")));
        CliRun second = CliRun.in(cacheEnv(home, null), args);
        CliRun kSecond = CliRun.in(cacheEnv(home, null), kArgs);
        for (CliRun r : List.of(first, second)) {
            assertThat(r.exitCode()).isEqualTo(uncached.exitCode());
            assertThat(r.err()).isEqualTo(uncached.err());
            assertThat(r.out()).isEqualTo(uncached.out());
        }
        assertThat(kFirst.out()).isEqualTo(kUncached.out());
        assertThat(kSecond.out()).isEqualTo(kUncached.out());
        assertThat(files(home)).isEqualTo(written);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
