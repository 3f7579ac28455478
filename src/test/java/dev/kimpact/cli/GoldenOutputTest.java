package dev.kimpact.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kimpact.report.Json;
import dev.kimpact.series.KernelSeriesRepo;
import dev.kimpact.series.TestRepo;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything kimpact prints for the shipped scenarios (every format, a matrix, a what-if diff, check), for
 * {@code series} on a generated repository and an mbox (text and JSON, with merges and --run-scenarios; an mbox
 * applied onto a base and merged), for the
 * model listings and for the models derived from the kernel trees of src/test/resources/kernelsrc/, for a run and a
 * series against a --baseline, compared byte
 * for byte with {@code src/test/resources/golden/}. A change of any output
 * fails here; when the change is intended, regenerate with
 * {@code mvn test -Dtest=GoldenOutputTest -Dkimpact.golden.update=true} and review the diff.
 */
class GoldenOutputTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("kimpact.golden.update");
    private static final List<String> FORMATS = List.of("text", "json", "yaml", "sarif", "markdown");
    private static final Environment PLAIN = new Environment(name -> null, false);
    private static final String BODY = "one\ntwo\nthree\nfour\nfive\nsix\n";

    @TempDir
    static Path tmp;
    static Path repoDir;
    static String range;
    static Path mbox;
    static Path applies;

    /**
     * master: base, an acked x86/fpu commit and "x86: Remove Intel MPX" (a built-in patch model's subject, no
     * KVM ack); kvm: a change to the same line of arch/x86/kvm/x86.c; same: the MPX change made identically.
     */
    @BeforeAll
    static void repository() throws Exception {
        repoDir = tmp.resolve("linux");
        String maintainers = resource("/series/MAINTAINERS");
        try (TestRepo r = TestRepo.init(repoDir)) {
            ObjectId base = r.commit("master", "base\n", f -> {
                f.put("MAINTAINERS", maintainers);
                f.put("arch/x86/kvm/x86.c", BODY);
                f.put("arch/x86/kernel/fpu/core.c", BODY);
            });
            r.branch("kvm", "master");
            r.branch("same", "master");
            r.commit("master", "x86/fpu: Tidy\n\nAcked-by: Thomas Gleixner <tglx@kernel.org>\n",
                    f -> f.put("arch/x86/kernel/fpu/core.c", BODY.replace("two", "TWO")));
            r.commit("master", "x86: Remove Intel MPX\n\nSigned-off-by: Dave Hansen <dave.hansen@linux.intel.com>\n",
                    f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "tip")));
            r.commit("kvm", "KVM: x86: own XSAVE\n", f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "kvm")));
            r.commit("same", "x86: Remove Intel MPX (dup)\n", f -> f.put("arch/x86/kvm/x86.c", BODY.replace("three", "tip")));
            range = base.name() + "..master";
        }
        Files.writeString(repoDir.resolve("MAINTAINERS.txt"), maintainers);
        KernelSeriesRepo.create(kernelRepo()).close();
        mbox = repoDir.resolve("series.mbox");
        Files.writeString(mbox, resource("/series/series.mbox"));
        applies = repoDir.resolve("applies.mbox");
        Files.writeString(applies, resource("/series/applies.mbox"));
    }

    @TestFactory
    Stream<DynamicTest> runEveryScenarioInEveryFormat() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> scenarios;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            scenarios = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(scenarios).isNotEmpty();
        for (Path scenario : scenarios) {
            String name = scenario.getFileName().toString().replace(".yaml", "");
            for (String format : FORMATS) {
                tests.add(golden("run/" + name + "." + format, "run", scenario.toString(), "-f", format,
                        "--color", "never"));
            }
        }
        for (String format : FORMATS) {
            tests.add(golden("run/all." + format, "run", "scenarios/", "-f", format, "--color", "never"));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> whatIfMatrixDiffAndCheck() {
        String seed = "scenarios/mpx-removal-4.21.yaml";
        List<DynamicTest> tests = new ArrayList<>();
        for (String format : List.of("text", "json", "markdown", "svg")) {
            tests.add(golden("whatif/matrix." + format, "run", seed, "--matrix", "hosts.new.kernel=4.20,4.21,4.22",
                    "--matrix", "cpu=cascadelake-server,genoa", "--jobs", "2", "-f", format, "--color", "never"));
        }
        tests.add(golden("whatif/set-ignore.text", "run", seed, "--set", "hosts.new.kernel=4.22",
                "--ignore", "user-abi-removed", "--color", "never"));
        for (String format : List.of("text", "json", "yaml")) {
            tests.add(golden("whatif/diff." + format, "diff", seed, "--set", "hosts.new.kernel=4.22", "-f", format,
                    "--color", "never"));
        }
        tests.add(golden("whatif/check.text", "check", "scenarios/"));
        return tests.stream();
    }

    /**
     * --baseline: the seed scenario against a report of it that lacks its user-abi-removed finding (new) and has a
     * finding of a guest the scenario no longer has (absent); the mbox series against its own report without its
     * late-for-merge-window finding and with a missing ack of another section.
     */
    @TestFactory
    Stream<DynamicTest> againstABaseline() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String format : FORMATS) {
            tests.add(golden("baseline/run." + format, "run", "scenarios/mpx-removal-4.21.yaml", "--baseline",
                    "src/test/resources/baseline/mpx-removal-4.21.json", "-f", format, "--color", "never"));
        }
        Path baseline = repoDir.resolve("series-baseline.json");
        CliRun earlier = CliRun.in(PLAIN, "series", "--mbox", mbox.toString(), "--maintainers",
                repoDir.resolve("MAINTAINERS.txt").toString(), "-f", "json");
        ObjectNode report = (ObjectNode) earlier.json();
        ArrayNode findings = (ArrayNode) report.get("findings");
        ObjectNode ack = (ObjectNode) findings.get(0).deepCopy();
        findings.remove(1);                                                     // late-for-merge-window
        ack.put("scenario", mbox.toString().replace("series.mbox", "v1.mbox"));  // another series: absent
        findings.add(ack);
        Files.writeString(baseline, Json.mapper().writeValueAsString(report));
        for (String format : List.of("text", "json", "markdown")) {
            tests.add(DynamicTest.dynamicTest("series." + format, () -> compare("baseline/series." + format,
                    "series", "--mbox", mbox.toString(), "--maintainers", repoDir.resolve("MAINTAINERS.txt").toString(),
                    "--baseline", baseline.toString(), "--fail-on", "note", "-f", format)));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> seriesOnAGeneratedRepositoryInEveryFormat() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String format : List.of("text", "json", "yaml", "markdown")) {
            tests.add(DynamicTest.dynamicTest("series." + format, () -> compare("series/series." + format,
                    "series", "--repo", repoDir.toString(), "--range", range, "--against", "kvm", "--against",
                    "same", "--run-scenarios", "scenarios/", "-f", format)));
            tests.add(DynamicTest.dynamicTest("mbox." + format, () -> compare("series/mbox." + format,
                    "series", "--mbox", mbox.toString(), "--maintainers", repoDir.resolve("MAINTAINERS.txt").toString(),
                    "-f", format)));
        }
        for (String format : List.of("text", "json")) {
            tests.add(DynamicTest.dynamicTest("mbox-applied." + format, () -> compare("series/mbox-applied." + format,
                    "series", "--mbox", applies.toString(), "--repo", repoDir.toString(), "--base", "master~2",
                    "--against", "kvm", "--against", "master~1", "-f", format)));
        }
        // A series no built-in model knows, on a kernel tree: derived from its code, then the impact sweep.
        for (String format : List.of("text", "markdown")) {
            tests.add(DynamicTest.dynamicTest("derived." + format, () -> compare("series/derived." + format,
                    "series", "--no-cache", "--repo", kernelRepo().toString(), "--range", "v4.20..kvm-mpx",
                    "-f", format)));
        }
        return tests.stream();
    }

    /** The kernel tree repository of {@link KernelSeriesRepo}: shown as {@code <repo>-kernel}. */
    private static Path kernelRepo() {
        return Path.of(repoDir + "-kernel");
    }

    @TestFactory
    Stream<DynamicTest> listingsAndExplanations() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String command : List.of("cpus", "kernels", "patches", "guests")) {
            tests.add(golden("models/" + command + ".text", command));
            tests.add(golden("models/" + command + ".json", command, "-f", "json"));
        }
        tests.add(golden("models/layout.json", "layout", "--cpu", "sapphirerapids", "--xcr0", "0x602e7",
                "--compacted", "-f", "json"));
        tests.add(golden("models/layout-diagram.text", "layout", "--cpu", "sapphirerapids", "--xcr0", "0x602e7",
                "--compacted", "--diagram"));
        for (String format : List.of("text", "svg")) {      // the seed's case: guest_fpu with MPX, the buffers without
            tests.add(golden("models/layout-against." + format, "layout", "--cpu", "cascadelake-server", "--xcr0",
                    "0x2ff", "--compacted", "--against", "0x2e7", "-f", format));
        }
        tests.add(golden("models/xsetbv.text", "xsetbv", "--cpu", "cascadelake-server", "--xcr0", "0x1f",
                "--kernel", "4.21"));
        for (String tree : List.of("v4.20", "v5.10", "v5.17")) {
            String dir = "src/test/resources/kernelsrc/" + tree;
            tests.add(golden("models/kernel-tree-" + tree + ".yaml", "kernels", "--tree", dir));
        }
        tests.add(golden("models/kernel-tree-v5.10.json", "kernels", "--tree", "src/test/resources/kernelsrc/v5.10",
                "-f", "json"));
        tests.add(golden("explain/index.text", "explain"));
        for (String rule : List.of("xsetbv-fault", "cpuid-xcr0-mismatch", "migration-xcrs-rejected",
                "migration-xsave-rejected", "xstate-lost", "xstate-leak", "xsave-layout-mismatch",
                "xsave-size-changed", "user-abi-removed", "merge-conflict", "missing-maintainer-ack",
                "late-for-merge-window", "expectation-unmet", "case-invalid")) {
            tests.add(golden("explain/" + rule + ".text", "explain", rule));
        }
        return tests.stream();
    }

    private static DynamicTest golden(String file, String... args) {
        return DynamicTest.dynamicTest(file, () -> compare(file, args));
    }

    private static void compare(String file, String... args) throws IOException {
        CliRun run = CliRun.in(PLAIN, args);
        String actual = "exit " + run.exitCode() + "\n--- stderr\n" + run.err() + "--- stdout\n" + run.out();
        if (repoDir != null) {
            actual = actual.replace(repoDir.toString(), "<repo>");
        }
        // SARIF's SRCROOT: the checkout the tests run in (its git top-level) differs between machines.
        actual = actual.replace(Path.of("").toAbsolutePath().toUri().toASCIIString(), "file:///<checkout>/");
        Path golden = GOLDEN.resolve(file);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(golden).as("golden file (regenerate with -Dkimpact.golden.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GoldenOutputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
