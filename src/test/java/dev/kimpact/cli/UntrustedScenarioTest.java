package dev.kimpact.cli;

import dev.kimpact.diag.Links;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Scenario files are untrusted data: YAML tags never instantiate anything, kimpact never starts a process, and
 * {@code cpu: {dump: FILE}} never reads outside the scenario's directory, symbolic links included.
 */
class UntrustedScenarioTest {

    private static final String HOSTS = "hosts: [{name: h, kernel: \"5.4\"}]\n";

    private static CliRun oneError(CliRun r) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1).allMatch(l -> l.startsWith("kimpact: error: "));
        return r;
    }

    @Test
    void aScriptEngineTagOpensNoConnection(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            server.setSoTimeout(200);
            Path s = dir.resolve("s.yaml");
            Files.writeString(s, "scenario: x\ncpu: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                    + "[[!!java.net.URL [\"http://127.0.0.1:" + server.getLocalPort() + "/x.jar\"]]]]\n" + HOSTS);
            for (String cmd : List.of("check", "run")) {
                assertThat(oneError(CliRun.of(cmd, s.toString())).err())
                        .contains(s + ":2:6: YAML tag '!!javax.script.ScriptEngineManager' is not supported");
            }
            boolean connected;
            try (var ignored = server.accept()) {
                connected = true;
            } catch (SocketTimeoutException e) {
                connected = false;
            }
            assertThat(connected).as("something connected to the URL in the tag").isFalse();
        }
    }

    @Test
    void aFileOutputStreamTagCreatesNoFile(@TempDir Path dir) throws Exception {
        Path victim = dir.resolve("created-by-yaml");
        Path s = dir.resolve("s.yaml");
        // A tagged key, a tagged value and a tagged document: each refused where it is written.
        Files.writeString(s, "scenario: !!java.io.FileOutputStream [\"" + victim + "\"]\n" + HOSTS);
        assertThat(oneError(CliRun.of("run", s.toString())).err()).contains(s + ":1:11: YAML tag '!!java.io.FileOutputStream'");
        Files.writeString(s, "!!java.io.FileOutputStream " + victim + ": x\n");
        assertThat(oneError(CliRun.of("check", s.toString())).err()).contains(s + ":1:1: YAML tag '!!java.io.FileOutputStream'");
        Files.writeString(s, "? !!java.io.FileOutputStream [\"" + victim + "\"]\n: x\n");     // complex keys: refused anyway
        assertThat(oneError(CliRun.of("check", s.toString())).err()).contains("a mapping key must be a scalar");
        Files.writeString(s, "--- !!java.io.FileOutputStream\n- \"" + victim + "\"\n");
        assertThat(oneError(CliRun.of("check", s.toString())).err()).contains("YAML tag '!!java.io.FileOutputStream'");
        assertThat(victim).doesNotExist();
    }

    @Test
    void coreSchemaTagsOnlyRestateTheType(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, "scenario: !!str x\ncpu: genoa\nhosts: !!seq [{name: h, kernel: !!str 5.4}]\n");
        CliRun r = CliRun.of("check", s.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok: " + s + ": x (1 hosts");
    }

    /** Every .java file under src/main/java. */
    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> s = Files.walk(Path.of("src/main/java"))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void noSourceFileStartsAProcess() throws IOException {
        Pattern shellOut = Pattern.compile("\\bProcessBuilder\\b|\\bRuntime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exec"
                + "|\\.exec\\s*\\(|\\bProcessHandle\\b|\\bjava\\.lang\\.Process\\b");
        List<Path> sources = mainSources();
        assertThat(sources).hasSizeGreaterThan(50);
        List<String> hits = new ArrayList<>();
        for (Path p : sources) {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (shellOut.matcher(lines.get(i)).find()) {
                    hits.add(p + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(hits).as("process starts in src/main/java").isEmpty();
    }

    // ------------------------------------------------------------------ cpu: {dump: FILE}

    private static Path scenario(Path dir, String dump) throws IOException {
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, "scenario: x\ncpu: {dump: " + dump + "}\n" + HOSTS);
        return s;
    }

    private static Path clx() {
        return Path.of("src/test/resources/cpuid/cascadelake-cpuid-r.txt").toAbsolutePath();
    }

    @Test
    void aSymlinkInTheScenarioDirectoryLeadingOutIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("scenarios"));
        Path outside = Files.copy(clx(), tmp.resolve("outside.txt"));
        assumeTrue(Links.symlink(dir.resolve("clx.txt"), outside), "symbolic links not supported here");
        Path s = scenario(dir, "clx.txt");
        for (String cmd : List.of("check", "run")) {
            assertThat(oneError(CliRun.of(cmd, s.toString())).err()).contains(s + ":2:13: cpu.dump 'clx.txt' must be "
                    + "a relative path inside the scenario's directory (it is a symbolic link, or under one, that "
                    + "leads out of it)");
        }
        // Relative link text, and a link to a directory outside with the dump under it.
        Files.delete(dir.resolve("clx.txt"));
        assumeTrue(Links.symlink(dir.resolve("clx.txt"), Path.of("../outside.txt")));
        oneError(CliRun.of("run", s.toString()));
        assumeTrue(Links.symlink(dir.resolve("dumps"), tmp));
        assertThat(oneError(CliRun.of("run", scenario(dir, "dumps/outside.txt").toString())).err())
                .contains("leads out of it");
    }

    @Test
    void aSymlinkThatStaysInsideIsFollowed(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("scenarios"));
        Files.createDirectory(dir.resolve("dumps"));
        Files.copy(clx(), dir.resolve("dumps/clx.txt"));
        assumeTrue(Links.symlink(dir.resolve("latest.txt"), Path.of("dumps/clx.txt")), "symbolic links not supported here");
        CliRun r = CliRun.of("check", scenario(dir, "latest.txt").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void aScenarioDirectoryReachedThroughASymlinkStillWorks(@TempDir Path tmp) throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Files.copy(clx(), real.resolve("clx.txt"));
        scenario(real, "clx.txt");
        assumeTrue(Links.symlink(tmp.resolve("via-link"), real), "symbolic links not supported here");
        CliRun r = CliRun.of("check", tmp.resolve("via-link/s.yaml").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void errorsInTheDumpNameTheDumpNextToTheScenario(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.txt"), "CPUID 00000000: 0000000D\n");
        Path s = scenario(dir, "broken.txt");
        assertThat(oneError(CliRun.of("run", s.toString())).err())
                .startsWith("kimpact: error: " + dir.resolve("broken.txt") + ":1:1: malformed CPUID line");
    }
}
