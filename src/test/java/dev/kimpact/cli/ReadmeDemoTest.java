package dev.kimpact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * README.md, "The December 2018 thread, by machine": the shipped script builds the demonstration repository with
 * plain git, and {@code kimpact series} on it prints exactly what the README shows, commit ids included.
 */
class ReadmeDemoTest {

    private static final String COMMAND = "$ kimpact series --repo /tmp/linux --range v4.20-rc6..tip --against kvm "
            + "--run-scenarios scenarios/\n";

    @Test
    void theReadmeShowsTheRealOutputOfTheDemonstrationRepository(@TempDir Path tmp) throws Exception {
        assumeTrue(BadRepositoryTest.hasGit(), "git is not installed");
        Path repo = tmp.resolve("linux");
        Process p = new ProcessBuilder("sh", "docs/demo/december-2018.sh", repo.toString()).redirectErrorStream(true)
                .start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();

        CliRun run = CliRun.of("series", "--repo", repo.toString(), "--range", "v4.20-rc6..tip", "--against", "kvm",
                "--run-scenarios", "scenarios/");
        assertThat(run.exitCode()).isEqualTo(1);

        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf(COMMAND);
        assertThat(from).as("README shows the command").isPositive();
        String shown = readme.substring(from + COMMAND.length(), readme.indexOf("```", from));
        assertThat(run.out().replace(repo.toString(), "/tmp/linux")).isEqualTo(shown);
    }
}
