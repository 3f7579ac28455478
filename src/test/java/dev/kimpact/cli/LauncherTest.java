package dev.kimpact.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher {@code src/main/sh/kimpact}, run as the build installs it (next to a {@code kimpact.jar}: here the
 * compiled classes, with the dependencies on its manifest Class-Path): its AppCDS archive is made on first use
 * (or by {@code KIMPACT_CDS=create}), used afterwards, and never changes what a command prints or returns, even
 * when the archive is garbage or stale.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherTest {

    Path dir;
    Path launcher;
    Path scenario;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void install() throws IOException {
        dir = Files.createTempDirectory("kimpact-launcher-");
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh");
        launcher = Files.copy(Path.of("src/main/sh/kimpact"), dir.resolve("kimpact"));
        assumeTrue(launcher.toFile().setExecutable(true), "cannot make the launcher executable");
        jar(dir.resolve("kimpact.jar"));
        scenario = Path.of("scenarios/mpx-removal-4.21.yaml").toAbsolutePath();
    }

    /** target/classes as a jar whose manifest Class-Path names the dependency jars. */
    private static void jar(Path target) throws IOException {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> deps = new ArrayList<>();
        for (String e : cp.split(java.io.File.pathSeparator)) {
            if (e.endsWith(".jar")) {
                deps.add(Path.of(e).toAbsolutePath().toUri().toString());
            }
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", deps));
        Path classes = Path.of("target/classes");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), m);
             Stream<Path> all = Files.walk(classes)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
    }

    @AfterAll
    void uninstall() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Run launch(Map<String, String> env, String... args) throws Exception {
        return launch(launcher, env, args);
    }

    private Run launch(Path script, Map<String, String> env, String... args) throws Exception {
        return launch(null, script, env, args);
    }

    /** Runs {@code script} (a path relative to {@code cwd}, or absolute) in directory {@code cwd} (null: ours). */
    private Run launch(Path cwd, Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().remove("KIMPACT_CDS");
        pb.environment().remove("KIMPACT_JAVA_OPTS");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.flush();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err,
                StandardCharsets.UTF_8));
    }

    private Path archive() {
        return dir.resolve("kimpact.jsa");
    }

    @Test
    void theArchiveIsMadeOnFirstUseUsedAfterAndChangesNothing() throws Exception {
        Files.deleteIfExists(archive());
        Run plain = launch(Map.of("KIMPACT_CDS", "off"), "run", scenario.toString(), "--format", "json");
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.err()).isEmpty();
        assertThat(archive()).doesNotExist();

        Run first = launch(Map.of(), "run", scenario.toString(), "--format", "json");
        assertThat(first).isEqualTo(plain);
        assertThat(archive()).isNotEmptyFile();
        assertThat(dir.resolve("kimpact.jsa.id")).content().startsWith(System.getProperty("java.home"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }

        Path log = dir.resolve("classes.log");
        Run second = launch(Map.of("KIMPACT_JAVA_OPTS", "-Xlog:class+load:file=" + log), "run", scenario.toString(),
                "--format", "json");
        assertThat(second).isEqualTo(plain);
        assertThat(Files.readString(log)).as("classes loaded from the archive").contains("source: shared objects file (top)")
                .as("picocli, compiled for Java 17 by the build, in the archive too")
                .containsPattern("picocli\\.CommandLine source: shared objects file");

        // Exit statuses and stderr go through unchanged, with or without an archive.
        Run bad = launch(Map.of(), "run", dir.resolve("missing.yaml").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("kimpact: error: " + dir.resolve("missing.yaml") + ": no such file or directory\n");
        assertThat(launch(Map.of(), "--version").out()).startsWith("kimpact ");
    }

    @Test
    void aGarbageOrStaleArchiveIsIgnoredOrRemade() throws Exception {
        Run plain = launch(Map.of("KIMPACT_CDS", "off"), "run", scenario.toString());
        // Garbage with a matching id: the JVM refuses it, silently.
        Files.writeString(archive(), "not a class-data archive");
        Files.writeString(dir.resolve("kimpact.jsa.id"), Path.of(System.getProperty("java.home"), "bin", "java") + "\n\n");
        Files.setLastModifiedTime(archive(), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertThat(launch(Map.of(), "run", scenario.toString())).isEqualTo(plain);
        // Older than the jar: made again by the next command.
        Files.setLastModifiedTime(archive(), FileTime.fromMillis(0));
        assertThat(launch(Map.of(), "run", scenario.toString())).isEqualTo(plain);
        assertThat(Files.size(archive())).isGreaterThan(100_000);
    }

    @Test
    void createMakesTheArchiveQuietly() throws Exception {
        Files.deleteIfExists(archive());
        Run r = launch(Map.of("KIMPACT_CDS", "create"));
        assertThat(r).isEqualTo(new Run(0, "", ""));
        assertThat(archive()).isNotEmptyFile();
    }

    @Test
    void anArchiveMadeThroughARelativePathServesEveryDirectory() throws Exception {
        Files.deleteIfExists(archive());
        Run first = launch(dir, Path.of("./kimpact"), Map.of(), "--help");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(archive()).isNotEmptyFile();

        Path log = dir.resolve("classes-elsewhere.log");
        Run elsewhere = launch(Path.of("/"), launcher, Map.of("KIMPACT_JAVA_OPTS", "-Xlog:class+load:file=" + log),
                "--help");
        assertThat(elsewhere).isEqualTo(first);
        assertThat(Files.readString(log)).as("the archive made from " + dir + " used from /")
                .contains("source: shared objects file (top)");
    }

    @Test
    void runThroughSymbolicLinksItFindsItsJarAndLeavesNothingBesideTheLinks() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("home/bin"));
        Path other = Files.createDirectories(dir.resolve("home/opt"));
        // ~/bin/kimpact -> ../opt/kimpact (relative) -> <install>/kimpact (absolute): a chain of two links.
        Files.createSymbolicLink(other.resolve("kimpact"), launcher);
        Path link = Files.createSymbolicLink(bin.resolve("kimpact"), Path.of("../opt/kimpact"));

        Run version = launch(link, Map.of(), "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("kimpact ");
        assertThat(version.err()).isEmpty();
        Run run = launch(link, Map.of(), "run", scenario.toString(), "--format", "json");
        assertThat(run).isEqualTo(launch(Map.of("KIMPACT_CDS", "off"), "run", scenario.toString(), "--format", "json"));
        try (Stream<Path> files = Files.list(bin); Stream<Path> files2 = Files.list(other)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kimpact");
            assertThat(files2.map(p -> p.getFileName().toString())).containsExactly("kimpact");
        }
    }

    @Test
    void installedInAPrefixItFindsItsJarInLib() throws Exception {
        // PREFIX/bin/kimpact and PREFIX/lib/kimpact.jar, as the distribution archive lays them out.
        Path prefix = dir.resolve("prefix");
        Path bin = Files.createDirectories(prefix.resolve("bin"));
        Path lib = Files.createDirectories(prefix.resolve("lib"));
        Files.copy(dir.resolve("kimpact.jar"), lib.resolve("kimpact.jar"));
        Path installed = Files.copy(launcher, bin.resolve("kimpact"));
        assumeTrue(installed.toFile().setExecutable(true), "cannot make the launcher executable");

        Run version = launch(installed, Map.of(), "--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("kimpact ");
        assertThat(version.err()).isEmpty();
        assertThat(lib.resolve("kimpact.jsa")).as("the archive beside the jar").isNotEmptyFile();
        try (Stream<Path> files = Files.list(bin)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("kimpact");
        }
    }

    @Test
    void withoutItsJarOrAJavaRuntimeItCannotStartAndSaysWhy() throws Exception {
        Path lonely = Files.createDirectories(dir.resolve("lonely"));
        Path alone = Files.copy(launcher, lonely.resolve("kimpact"));
        assumeTrue(alone.toFile().setExecutable(true), "cannot make the launcher executable");
        Run noJar = launch(alone, Map.of(), "--version");
        assertThat(noJar).isEqualTo(new Run(3, "", "kimpact: error: cannot start: no kimpact.jar next to " + alone
                + " or in " + lonely + "/../lib (run 'mvn package' in the checkout)\n"));

        Run noJava = launch(Map.of("JAVA_HOME", dir.resolve("no-jdk").toString()), "--version");
        assertThat(noJava).isEqualTo(new Run(3, "", "kimpact: error: cannot start: no Java runtime at "
                + dir.resolve("no-jdk/bin/java") + " (JAVA_HOME); JDK 17+ needed\n"));
        Run noJavaOnPath = launch(Map.of("JAVA_HOME", "", "PATH", lonely.toString()), "--version");
        assertThat(noJavaOnPath.exit()).isEqualTo(3);
        assertThat(noJavaOnPath.err()).startsWith("kimpact: error: cannot start: no java on PATH");
    }
}
