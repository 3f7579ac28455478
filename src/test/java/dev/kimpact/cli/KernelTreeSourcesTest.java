package dev.kimpact.cli;

import dev.kimpact.series.TestRepo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kernels --tree/--repo --ref} and scenario hosts with {@code kernel: {tree:}} / {@code {repo:, ref:}}. */
class KernelTreeSourcesTest {

    static final Path FIXTURES = Path.of("src/test/resources/kernelsrc");

    @TempDir
    Path tmp;

    /** The files of fixture tree {@code tag}, by path in the tree. */
    static Map<String, String> files(String tag) {
        Path root = FIXTURES.resolve(tag);
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(Files::isRegularFile).forEach(p -> {
                try {
                    out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A repository with one commit per fixture tree, each on a branch named after it. */
    private Path repository() throws Exception {
        Path dir = tmp.resolve("linux");
        try (TestRepo r = TestRepo.init(dir)) {
            for (String tag : new String[] {"v4.20", "v5.10", "v5.17"}) {
                r.commit("master", "Linux " + tag.substring(1), files -> {
                    files.clear();
                    files.putAll(files(tag));
                });
                r.branch(tag, "master");
            }
        }
        return dir;
    }

    private static void copy(String tag, Path to) throws IOException {
        for (Map.Entry<String, String> f : files(tag).entrySet()) {
            Path p = to.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
    }

    @Test
    void kernelsPrintsTheModelDerivedFromADirectory() {
        CliRun r = CliRun.of("kernels", "--tree", FIXTURES.resolve("v5.17").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("version: \"5.17\"\nbased-on: \"5.17\"\n")
                .contains("  - \"kvm.xcr0-mask: arch/x86/kvm/x86.c:13 KVM_SUPPORTED_XCR0 = 0x602ff\"\n")
                .contains("kvm:\n  xcr0-mask: [x87, sse, avx, bndregs, bndcsr, opmask, zmm_hi256, hi16_zmm, pkru, "
                        + "xtilecfg, xtiledata]\n");
        assertThat(CliRun.of("kernels", "--tree", FIXTURES.resolve("v5.17").toString(), "--format", "json").json()
                .get("derived").get(0).get("at").asText()).isEqualTo("arch/x86/include/asm/fpu/xstate.h:34");
    }

    @Test
    void gitGivesTheSameModelAndTheRepositoryIsUnchangedByteForByte() throws Exception {
        Path repo = repository();
        Map<String, String> before = SeriesCommandTest.snapshot(repo.resolve(".git"));
        Thread.sleep(20); // so that a rewrite would show in the mtimes
        for (String tag : new String[] {"v4.20", "v5.10", "v5.17"}) {
            CliRun git = CliRun.of("kernels", "--repo", repo.toString(), "--ref", tag);
            assertThat(git.exitCode()).as(git.err()).isZero();
            String tree = FIXTURES.resolve(tag).toString();
            String dir = CliRun.of("kernels", "--tree", tree).out();
            String origin = git.out().lines().findFirst().orElseThrow().replace("# Kernel model derived by kimpact from ", "");
            assertThat(origin).startsWith(repo + "@" + tag + " (");
            assertThat(git.out().replace(origin, tree)).isEqualTo(dir);
        }
        CliRun missing = CliRun.of("kernels", "--repo", repo.toString(), "--ref", "v9.9");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).startsWith("kimpact: error: ").contains("v9.9").doesNotContain("\tat ");
        assertThat(SeriesCommandTest.snapshot(repo.resolve(".git"))).isEqualTo(before);
    }

    @Test
    void notAKernelTreeIsOneLineOfBadInput() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        CliRun r = CliRun.of("kernels", "--tree", tmp.resolve("empty").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("kimpact: error: " + tmp.resolve("empty") + ": no Makefile: not the top of a kernel tree\n");
        assertThat(CliRun.of("kernels", "--ref", "v5.10").err()).contains("--ref needs --repo DIR");
    }

    private static final String SCENARIO = """
            scenario: trees
            cpu: sapphirerapids
            hosts:
              - {name: old, kernel: OLD}
              - {name: new, kernel: NEW}
            guests:
              - {name: g, kernel: linux-5.6}
            steps:
              - boot:    {guest: g, host: old}
              - use:     {guest: g, state: [avx, bndregs]}
              - migrate: {guest: g, from: old, to: new}
            """;

    @Test
    void scenarioHostsMayNameKernelTreesAndRunAsTheBuiltInModels() throws Exception {
        repository();
        copy("v4.20", tmp.resolve("trees/linux-4.20"));
        Path fromSource = tmp.resolve("source.yaml");
        Files.writeString(fromSource, SCENARIO.replace("OLD", "{tree: trees/linux-4.20}")
                .replace("NEW", "{repo: linux, ref: v5.17}"));
        Path builtin = tmp.resolve("builtin.yaml");
        Files.writeString(builtin, SCENARIO.replace("OLD", "\"4.20\"").replace("NEW", "\"5.17\""));

        CliRun a = CliRun.of("run", fromSource.toString(), "--fail-on", "never");
        CliRun b = CliRun.of("run", builtin.toString(), "--fail-on", "never");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.out()).contains("warning[user-abi-removed] new: prctl-mpx").isEqualTo(b.out().replace(builtin.toString(), fromSource.toString()));
    }

    @Test
    void aScenarioKernelTreeStaysInTheScenarioDirectory() throws Exception {
        Path dir = tmp.resolve("s");
        Files.createDirectories(dir);
        copy("v4.20", tmp.resolve("outside"));
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, SCENARIO.replace("OLD", "{tree: ../outside}").replace("NEW", "\"5.17\""));
        CliRun r = CliRun.of("check", s.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).isEqualTo("kimpact: error: " + s + ":4:32: kernel tree '../outside' must be a relative "
                + "path inside the scenario's directory\n");

        // A directory inside a repository is not that repository: git's search upwards would leave the directory.
        Path repo = repository();
        Files.createDirectories(repo.resolve("Documentation"));
        Path t = repo.resolve("s.yaml");
        Files.writeString(t, SCENARIO.replace("OLD", "{repo: Documentation, ref: v5.10}").replace("NEW", "\"5.17\""));
        CliRun in = CliRun.of("check", t.toString());
        assertThat(in.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(in.err()).isEqualTo("kimpact: error: " + repo.resolve("Documentation")
                + ": not the top of a git repository (no .git directory in it)\n");
    }
}
