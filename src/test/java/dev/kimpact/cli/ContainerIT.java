package dev.kimpact.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * src/main/docker/Dockerfile, built from the distribution archive {@code target/kimpact-VERSION.tar.gz} and run:
 * {@code kimpact --version} and a shipped scenario. Run by maven-failsafe-plugin in {@code mvn verify}, after
 * {@code package} made the archive (system property {@code kimpact.dist}), and only where a container engine is
 * usable ({@code docker info} succeeds) and already has the base image: the build and the runs use no network
 * ({@code --network=none}, no pull), so without the image the test is skipped, as it is without docker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerIT {

    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile");

    private Path context;
    private String version;
    private String tag;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    void build() throws Exception {
        String dist = System.getProperty("kimpact.dist");
        assumeTrue(dist != null, "no kimpact.dist: run by failsafe after 'mvn package'");
        assumeTrue(succeeds("docker", "info"), "no usable container engine ('docker info' fails)");
        String base = baseImage();
        assumeTrue(succeeds("docker", "image", "inspect", base),
                "base image " + base + " is not present (docker pull " + base + "; this test does not pull)");
        version = System.getProperty("kimpact.version");
        // A context holding only the archive, as Dockerfile.dockerignore leaves target/.
        context = Files.createTempDirectory("kimpact-container-");
        Path archive = Path.of(dist);
        Files.copy(archive, context.resolve(archive.getFileName()));
        tag = "kimpact-it:" + ProcessHandle.current().pid();
        Run build = docker("build", "--network=none", "--pull=false", "-f", DOCKERFILE.toAbsolutePath().toString(),
                "-t", tag, context.toString());
        assertThat(build.exit()).as(build.err()).isZero();
    }

    @AfterAll
    void remove() throws Exception {
        if (tag != null) {
            docker("image", "rm", "-f", tag);
        }
        if (context != null) {
            try (Stream<Path> all = Files.walk(context)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void theImagePrintsItsVersion() throws Exception {
        Run r = docker("run", "--rm", "--network=none", tag, "--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("kimpact " + version + "\n");
    }

    @Test
    void theImageRunsAShippedScenarioFromTheMountedWorkingDirectory() throws Exception {
        Run r = docker("run", "--rm", "--network=none", "-v",
                Path.of("scenarios").toAbsolutePath() + ":/work/scenarios:ro", tag, "run",
                "scenarios/mpx-removal-4.21.yaml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("== mpx-removal-in-4.21 (scenarios/mpx-removal-4.21.yaml)",
                "error[migration-xsave-rejected] rhel7 new:");
    }

    /** The image of the Dockerfile's FROM line. */
    private static String baseImage() throws IOException {
        return Files.readAllLines(DOCKERFILE, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("FROM "))
                .map(l -> l.substring(5).strip()).findFirst().orElseThrow();
    }

    private static boolean succeeds(String... cmd) {
        try {
            return exec(cmd).exit() == 0;
        } catch (IOException e) {
            return false;   // no such program
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Run docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return exec(cmd.toArray(String[]::new));
    }

    private static Run exec(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kimpact-docker", ".out");
        Path err = Files.createTempFile("kimpact-docker", ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
