package dev.kimpact.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distribution archive {@code target/kimpact-VERSION.tar.gz} (src/main/assembly/dist.xml), installed the way
 * the README says: unpacked into a fresh prefix with {@code tar -xzf ... -C PREFIX --strip-components=1}, then run
 * as {@code PREFIX/bin/kimpact} and through a symbolic link from another directory. Run by maven-failsafe-plugin
 * in {@code mvn verify}, after the {@code package} phase made the archive; its path comes in the system property
 * {@code kimpact.dist} (skipped without it, e.g. in an IDE).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistributionIT {

    Path archive;
    String version;
    Path dir;
    Path prefix;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void install() throws Exception {
        String dist = System.getProperty("kimpact.dist");
        assumeTrue(dist != null, "no kimpact.dist: run by failsafe after 'mvn package'");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        archive = Path.of(dist);
        version = System.getProperty("kimpact.version");
        assertThat(archive).isRegularFile();
        dir = Files.createTempDirectory("kimpact-dist-");
        prefix = Files.createDirectories(dir.resolve("prefix"));
        Run tar = exec(dir, Map.of(), "tar", "-xzf", archive.toString(), "-C", prefix.toString(),
                "--strip-components=1");
        assertThat(tar).isEqualTo(new Run(0, "", ""));
    }

    @AfterAll
    void uninstall() throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Run exec(Path cwd, Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("KIMPACT_CDS");
        pb.environment().remove("KIMPACT_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("HOME", dir.resolve("home").toString());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().remove("MANPATH");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", cmd)).isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static void assertVersion(Run r, String version) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).startsWith("kimpact " + version + "\n");
    }

    @Test
    void installedItRunsDirectlyAndThroughASymbolicLinkFromAnotherDirectory() throws Exception {
        Path launcher = prefix.resolve("bin/kimpact");
        // The archive says 0755 (theZipHoldsTheSameFilesAsTheTarball); tar applies the umask on extraction.
        assertThat(Files.getPosixFilePermissions(launcher)).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(prefix.resolve("lib/kimpact.jar")).isNotEmptyFile();

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertVersion(exec(elsewhere, Map.of(), launcher.toString(), "--version"), version);

        // ~/bin/kimpact -> PREFIX/bin/kimpact, run by name by a shell in a third directory: the jar is found in
        // ../lib of the link's target, and nothing is written beside the link.
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Files.createSymbolicLink(bin.resolve("kimpact"), launcher);
        assertVersion(exec(elsewhere, Map.of("PATH", bin + ":" + System.getenv("PATH")), "/bin/sh", "-c",
                "kimpact --version"), version);
        try (Stream<Path> files = Files.list(bin)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kimpact");
        }
        Run run = exec(elsewhere, Map.of(), bin.resolve("kimpact").toString(), "run",
                Path.of("scenarios/mpx-removal-4.21.yaml").toAbsolutePath().toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("error[migration-xsave-rejected]");
    }

    @Test
    void manPagesAndCompletionsAreWhereManAndTheShellsLook() throws IOException {
        List<String> pages = new ArrayList<>();
        try (Stream<Path> man = Files.list(Path.of("man"))) {
            man.filter(p -> p.toString().endsWith(".1")).forEach(p -> pages.add(p.getFileName().toString()));
        }
        assertThat(pages).contains("kimpact.1", "kimpact-run.1");
        for (String page : pages) {
            assertThat(prefix.resolve("share/man/man1").resolve(page)).hasSameBinaryContentAs(Path.of("man", page));
        }
        assertThat(prefix.resolve("share/bash-completion/completions/kimpact"))
                .hasSameBinaryContentAs(Path.of("completions/kimpact.bash"));
        assertThat(prefix.resolve("share/zsh/site-functions/_kimpact"))
                .hasSameBinaryContentAs(Path.of("completions/_kimpact"));
        assertThat(prefix.resolve("LICENSE")).hasSameBinaryContentAs(Path.of("LICENSE"));
        assertThat(prefix.resolve("README.md")).hasSameBinaryContentAs(Path.of("README.md"));
    }

    @Test
    void manFindsThePagesFromPathAlone() throws Exception {
        Path man = Path.of("/usr/bin/man");
        assumeTrue(Files.isExecutable(man), "no man");
        assumeTrue(exec(dir, Map.of(), man.toString(), "--version").out().startsWith("man "), "not man-db");
        // man-db derives PREFIX/share/man from PREFIX/bin on PATH: no MANPATH needed.
        Run r = exec(dir, Map.of("PATH", prefix.resolve("bin") + ":/usr/bin:/bin"), man.toString(), "-w",
                "kimpact-layout");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(prefix.resolve("share/man/man1/kimpact-layout.1").toString());
    }

    @Test
    void theZipHoldsTheSameFilesAsTheTarball() throws Exception {
        Path zip = Path.of(archive.toString().replaceFirst("\\.tar\\.gz$", ".zip"));
        TreeSet<String> inZip = new TreeSet<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Collections.list(z.entries()).stream().filter(e -> !e.isDirectory()).forEach(e -> inZip.add(e.getName()));
        }
        Run list = exec(dir, Map.of(), "tar", "-tzf", archive.toString());
        assertThat(list.exit()).isZero();
        TreeSet<String> inTar = new TreeSet<>(list.out().lines().filter(l -> !l.endsWith("/")).toList());
        String launcher = "kimpact-" + version + "/bin/kimpact";
        assertThat(inZip).isEqualTo(inTar).contains(launcher, "kimpact-" + version + "/lib/kimpact.jar");
        Run verbose = exec(dir, Map.of(), "tar", "-tvzf", archive.toString());
        assertThat(verbose.out().lines().filter(l -> l.endsWith(" " + launcher)))
                .singleElement().asString().startsWith("-rwxr-xr-x ");
    }
}
