package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.series.KernelSeriesRepo;
import dev.kimpact.series.TestRepo;
import dev.kimpact.xsave.CpuCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code series} on a kernel tree: a series no built-in model knows (it drops MPX from KVM_SUPPORTED_XCR0) is
 * reported with the change its code makes, and with the guest findings of the December 2018 thread, through the
 * impact sweep and through a scenario that applies {@code patches: [series]}.
 */
class SeriesImpactTest {

    @TempDir
    Path tmp;

    private static CliRun series(TestRepo r, String range, String... more) {
        List<String> args = new ArrayList<>(List.of("series", "--no-cache", "--repo", r.path(), "--range", range));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<JsonNode> sweepFindings(JsonNode report, String rule) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("scenario").asText().equals("impact-sweep") && f.get("rule").asText().equals(rule)) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void anUnmodelledSeriesGetsItsDerivedChangeAndTheImpactSweep() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            CliRun text = series(r, "v4.20..kvm-mpx");
            CliRun json = series(r, "v4.20..kvm-mpx", "-f", "json");

            assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
            assertThat(text.out())
                    .contains("Read from the code (base ")
                    .containsPattern("\n  [0-9a-f]{12}  " + KernelSeriesRepo.DROP_MPX + "\n")
                    .contains("kvm.xcr0-mask: {remove: [bndregs, bndcsr]}  (arch/x86/kvm/x86.h:13: ")
                    .contains("Impact sweep: ")
                    .contains("error   migration-xsave-rejected: ")
                    .contains("error   xsetbv-fault: ");
            JsonNode report = json.json();
            JsonNode models = report.get("models");
            assertThat(models).hasSize(2);
            assertThat(models.get(0).get("derived").get("subject").asText()).isEqualTo(KernelSeriesRepo.DROP_MPX);
            assertThat(models.get(0).get("derived").get("changes").get("kvm.xcr0-mask").get("remove").toString())
                    .isEqualTo("[\"bndregs\",\"bndcsr\"]");
            assertThat(models.get(0).get("derived").get("derived_from").get(0).get("line").asInt()).isEqualTo(13);
            assertThat(models.get(1).get("patch").asText()).isEqualTo("series");
            ModelCatalog catalog = new ModelCatalog();
            int cases = catalog.guestIds().size() * (catalog.vmmCpuNames().size() + 1) * new CpuCatalog().names().size();
            assertThat(report.get("sweep").get("cases").asInt()).isEqualTo(cases);
            // The thread's findings: a guest with MPX state cannot migrate to the patched host, and a guest that sets
            // the MPX bits in XCR0 regardless of CPUID takes #GP at boot there.
            assertThat(sweepFindings(report, "migration-xsave-rejected")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.get("step").asText()).isEqualTo("migrate migrated base->patched"));
            assertThat(sweepFindings(report, "xsetbv-fault")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.get("case").get("guest").asText()).isEqualTo("fixed-xcr0"));
            // What the base kernel already does to a guest is not the series' doing.
            assertThat(sweepFindings(report, "migration-xsave-rejected"))
                    .noneMatch(f -> f.get("case").get("guest").asText().equals("linux-6.12")
                            && f.get("case").get("vmm-cpu").asText().equals("qemu64"));
        }
    }

    @Test
    void sarifPointsTheSweepsFindingsAtTheLineTheSeriesChanges() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            JsonNode sarif = series(r, "v4.20..kvm-mpx", "-f", "sarif").json();
            List<JsonNode> swept = new ArrayList<>();
            sarif.get("runs").get(0).get("results").forEach(swept::add);
            assertThat(swept).filteredOn(x -> x.get("ruleId").asText().equals("migration-xsave-rejected"))
                    .isNotEmpty().allSatisfy(x -> {
                        JsonNode at = x.get("locations").get(0).get("physicalLocation");
                        assertThat(at.get("artifactLocation").get("uri").asText()).isEqualTo("arch/x86/kvm/x86.h");
                        assertThat(at.get("artifactLocation").get("uriBaseId").asText()).isEqualTo("SRCROOT");
                        assertThat(at.get("region").get("startLine").asInt()).isEqualTo(13);
                    });
        }
    }

    @Test
    void aBaseOlderThanEveryBuiltInModelGetsItsDerivedChangeButNoSweep() throws Exception {
        try (TestRepo r = TestRepo.init(tmp.resolve("old"))) {
            Map<String, String> tree = KernelSeriesRepo.v420();
            tree.put("Makefile", "VERSION = 3\nPATCHLEVEL = 19\nSUBLEVEL = 0\nEXTRAVERSION =\n");
            r.commit("master", "Linux 3.19\n", f -> f.putAll(tree));
            r.commit("master", KernelSeriesRepo.DROP_MPX + "\n", f -> f.put(KernelSeriesRepo.KVM_X86_H,
                    KernelSeriesRepo.withoutMpx(f.get(KernelSeriesRepo.KVM_X86_H))));
            JsonNode report = series(r, "master~1..master", "-f", "json").json();

            assertThat(report.get("derivation").get("version").asText()).isEqualTo("3.19");
            assertThat(report.get("models").get(1).get("derived").get("changes").has("kvm.xcr0-mask")).isTrue();
            // Nothing to inherit the code paths from: the sweep does not run, and says nothing it cannot know.
            assertThat(report.get("sweep").isNull()).isTrue();
            assertThat(report.get("findings")).isEmpty();
        }
    }

    @Test
    void aRefactorOfTheMacroDerivesNothingAndRunsNoSweep() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            CliRun text = series(r, "kvm-mpx~2..kvm-mpx~1");
            JsonNode report = series(r, "kvm-mpx~2..kvm-mpx~1", "-f", "json").json();

            assertThat(text.exitCode()).isZero();
            assertThat(text.out()).contains("      no fact changes\n").doesNotContain("Impact sweep");
            assertThat(report.get("sweep").isNull()).isTrue();
            assertThat(report.get("models")).hasSize(1);
            assertThat(report.get("models").get(0).get("derived").get("changes")).isEmpty();
        }
    }

    @Test
    void aScenarioApplyingTheSeriesRunsWithTheDerivedChangeInsteadOfTheSweep() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("scenarios"));
        Files.writeString(dir.resolve("kvm-mpx.yaml"), """
                scenario: kvm-without-mpx
                cpu: cascadelake-server
                hosts:
                  - {name: old, kernel: "4.20"}
                  - {name: new, kernel: "4.20", patches: [series]}
                guests:
                  - {name: rhel7, kernel: rhel-7}
                steps:
                  - boot:    {guest: rhel7, host: old}
                  - use:     {guest: rhel7, state: [bndregs, bndcsr]}
                  - migrate: {guest: rhel7, from: old, to: new}
                """);
        Files.writeString(dir.resolve("unrelated.yaml"), """
                scenario: unrelated
                cpu: cascadelake-server
                hosts: [{name: h, kernel: "4.20"}]
                guests: [{name: g, kernel: rhel-7}]
                steps: [{boot: {guest: g, host: h}}]
                """);
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            JsonNode report = series(r, "v4.20..kvm-mpx", "-f", "json", "--run-scenarios", dir.toString()).json();

            assertThat(report.get("sweep").isNull()).isTrue();
            assertThat(report.get("models").get(1).get("scenarios").toString()).isEqualTo("[\"kvm-without-mpx\"]");
            assertThat(report.get("findings")).anySatisfy(f -> {
                assertThat(f.get("scenario").asText()).isEqualTo("kvm-without-mpx");
                assertThat(f.get("rule").asText()).isEqualTo("migration-xsave-rejected");
            });
            // The same scenario on a series that changes nothing: no finding.
            JsonNode none = series(r, "kvm-mpx~2..kvm-mpx~1", "-f", "json", "--run-scenarios", dir.toString()).json();
            assertThat(none.get("findings")).noneSatisfy(
                    f -> assertThat(f.get("scenario").asText()).isEqualTo("kvm-without-mpx"));
        }
        // A scenario's own patch cannot take the name: it would hide the series.
        Files.writeString(dir.resolve("own-series.yaml"), """
                scenario: own-series
                cpu: cascadelake-server
                patches:
                  - {id: series, changes: {kvm.xcr0-mask: {remove: [bndregs]}}}
                hosts: [{name: h, kernel: "4.20", patches: [series]}]
                guests: [{name: g, kernel: rhel-7}]
                steps: [{boot: {guest: g, host: h}}]
                """);
        CliRun own = CliRun.of("check", dir.resolve("own-series.yaml").toString());
        assertThat(own.exitCode()).isEqualTo(2);
        assertThat(own.err()).contains("own-series.yaml:4:").contains("patch id 'series' is reserved");
        Files.delete(dir.resolve("own-series.yaml"));
        CliRun run = CliRun.of("run", dir.resolve("kvm-mpx.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("kvm-mpx.yaml:5:").contains("patch 'series' stands for the series under "
                + "analysis: run this scenario with 'kimpact series --run-scenarios DIR'");
        assertThat(CliRun.of("check", dir.resolve("kvm-mpx.yaml").toString()).exitCode()).isZero();
    }

    @Test
    void theReadmesFleetScenarioChecksAndRunsWithTheSeries() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("  ```yaml\n  scenario: my-fleet-with-the-series\n");
        assertThat(start).as("the README's scenario of 'Analyse your own series'").isPositive();
        String block = readme.substring(readme.indexOf('\n', start) + 1, readme.indexOf("  ```\n", start + 10));
        Path dir = Files.createDirectories(tmp.resolve("fleet"));
        Files.writeString(dir.resolve("fleet.yaml"), block.replaceAll("(?m)^  ", ""));

        assertThat(CliRun.of("check", dir.toString()).exitCode()).isZero();
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            JsonNode report = series(r, "v4.20..kvm-mpx", "-f", "json", "--run-scenarios", dir.toString()).json();
            assertThat(report.get("models").get(1).get("scenarios").toString())
                    .isEqualTo("[\"my-fleet-with-the-series\"]");
        }
    }

    @Test
    void aMailedSeriesAppliedOntoTheBaseDerivesTheSameAndGetsTheSweep() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            Path mbox = Files.writeString(tmp.resolve("kvm-mpx.mbox"), KernelSeriesRepo.mbox(r, "v4.20", "kvm-mpx"));
            CliRun text = CliRun.of("series", "--no-cache", "--mbox", mbox.toString(), "--repo", r.path(),
                    "--base", "v4.20");
            JsonNode report = CliRun.of("series", "--no-cache", "--mbox", mbox.toString(), "--repo", r.path(),
                    "--base", "v4.20", "-f", "json").json();

            assertThat(text.exitCode()).as(text.err()).isEqualTo(1);
            assertThat(text.out()).contains("kvm.xcr0-mask: {remove: [bndregs, bndcsr]}  (arch/x86/kvm/x86.h:13: ")
                    .contains("error   migration-xsave-rejected: ");
            JsonNode models = report.get("models");
            assertThat(models).hasSize(2);
            assertThat(models.get(0).get("derived").get("subject").asText()).isEqualTo(KernelSeriesRepo.DROP_MPX);
            assertThat(models.get(1).get("derived").get("changes").toString())
                    .isEqualTo("{\"kvm.xcr0-mask\":{\"remove\":[\"bndregs\",\"bndcsr\"]}}");
            assertThat(sweepFindings(report, "xsetbv-fault")).isNotEmpty();

            // The reformatting patch alone derives nothing.
            Path refactor = Files.writeString(tmp.resolve("refactor.mbox"),
                    KernelSeriesRepo.mbox(r, "kvm-mpx~2", "kvm-mpx~1"));
            JsonNode none = CliRun.of("series", "--no-cache", "--mbox", refactor.toString(), "--repo", r.path(),
                    "--base", "kvm-mpx~2", "-f", "json").json();
            assertThat(none.get("sweep").isNull()).isTrue();
            assertThat(none.get("models")).singleElement()
                    .satisfies(m -> assertThat(m.get("derived").get("changes")).isEmpty());
        }
    }

    @Test
    void theRepositoryIsByteForByteUnchanged() throws Exception {
        try (TestRepo r = KernelSeriesRepo.create(tmp.resolve("linux"))) {
            Path mbox = Files.writeString(tmp.resolve("kvm-mpx.mbox"), KernelSeriesRepo.mbox(r, "v4.20", "kvm-mpx"));
            Map<String, String> before = InterruptedSeriesTest.snapshot(r.dir);
            series(r, "v4.20..kvm-mpx", "-f", "json");
            series(r, "kvm-mpx~2..kvm-mpx~1");
            CliRun.of("series", "--no-cache", "--mbox", mbox.toString(), "--repo", r.path(), "--base", "v4.20");
            assertThat(InterruptedSeriesTest.snapshot(r.dir)).isEqualTo(before);
        }
    }
}
