package dev.kimpact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code .kimpact.yaml} / {@code --config}: found at the work tree's root, checked, and beaten by the command line. */
class ProjectConfigTest {

    private static final String MPX = "scenarios/mpx-removal-4.21.yaml";

    @TempDir
    Path dir;

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve(".kimpact.yaml"), yaml);
    }

    @Test
    void isFoundAtTheRootOfTheWorkTreeFromAnyDirectoryBelowIt() throws IOException {
        Path file = config("format: json\n");
        Files.createDirectories(dir.resolve(".git"));
        Path deep = Files.createDirectories(dir.resolve("arch/x86/kvm"));
        assertThat(ProjectConfig.discover(deep)).contains(file);
        // A .kimpact.yaml below the root is not the project's.
        Files.writeString(deep.resolve(".kimpact.yaml"), "format: yaml\n");
        assertThat(ProjectConfig.discover(deep)).contains(file);
    }

    @Test
    void kimpactConfigOffIgnoresTheWorkTreesFileButNotConfig() throws IOException {
        Path file = config("format: json\n");
        Files.createDirectories(dir.resolve(".git"));
        assertThat(ProjectConfig.forArguments(new String[] {"cpus"}, dir, true)).isPresent();
        assertThat(ProjectConfig.forArguments(new String[] {"cpus"}, dir, false)).isEmpty();
        assertThat(ProjectConfig.forArguments(new String[] {"--config", file.toString(), "cpus"}, dir, false))
                .hasValueSatisfying(c -> assertThat(c.file()).isEqualTo(file));
    }

    @Test
    void outsideAWorkTreeOnlyTheCurrentDirectoryCounts() throws IOException {
        Path file = config("format: json\n");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        assertThat(ProjectConfig.discover(dir)).contains(file);
        // No .git above sub (assuming the temporary directory is not inside a work tree), no file in sub.
        if (ProjectConfig.discover(sub).isPresent()) {
            assertThat(ProjectConfig.discover(sub).get()).isNotEqualTo(file);
        }
        Files.createDirectories(sub.resolve(".git"));
        assertThat(ProjectConfig.discover(sub)).isEmpty();
    }

    @Test
    void readsEveryKeyWithPathsRelativeToTheFile() throws IOException {
        ProjectConfig c = ProjectConfig.load(config("""
                format: SARIF
                fail-on: warning
                maintainers: linux/MAINTAINERS
                ignore:
                  user-abi-removed: "announced in Documentation/ABI/obsolete"
                """));
        assertThat(c.format()).isEqualTo(OutputOptions.Format.sarif);
        assertThat(c.failOn()).isEqualTo(FailOnOption.Level.warning);
        assertThat(c.maintainers()).isEqualTo(dir.toAbsolutePath().resolve("linux/MAINTAINERS"));
        assertThat(c.ignore()).isEqualTo(Map.of("user-abi-removed", "announced in Documentation/ABI/obsolete"));
    }

    @Test
    void badContentIsALocatedErrorWithASuggestion() throws IOException {
        Path f = config("format: json\nfail_on: warning\n");
        assertThat(CliRun.of("--config", f.toString(), "cpus").err())
                .isEqualTo("kimpact: error: " + f + ":2:1: unknown key 'fail_on' in .kimpact.yaml (expected one of: "
                        + "format, fail-on, maintainers, ignore) (did you mean 'fail-on'?)\n");
        config("format: jsno\n");
        assertThat(CliRun.of("--config", f.toString(), "cpus").err()).contains(f + ":1:9: format: 'jsno' is not one of",
                "(did you mean 'json'?)");
        config("ignore:\n  user-abi-remove: because\n");
        CliRun r = CliRun.of("--config", f.toString(), "cpus");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains(f + ":2:3: unknown rule 'user-abi-remove'", "(did you mean 'user-abi-removed'?)");
        config("ignore:\n  user-abi-removed: \"\"\n");
        assertThat(CliRun.of("--config", f.toString(), "cpus").err()).contains("give the reason");
        Files.write(f, new byte[] {'f', 'o', 'r', 'm', 'a', 't', ':', ' ', (byte) 0xff, '\n'});
        assertThat(CliRun.of("--config", f.toString(), "cpus").err()).isEqualTo("kimpact: error: " + f
                + ": not UTF-8 text\n");
        config("format: json\n---\nformat: yaml\n");
        assertThat(CliRun.of("--config", f.toString(), "cpus").err()).contains(f + ":3:", "expected one YAML document");
        CliRun device = CliRun.of("--config", "/dev/zero", "cpus");
        assertThat(device.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(device.err()).isEqualTo("kimpact: error: /dev/zero: not a regular file\n");
        assertThat(CliRun.of("--config", dir.toString(), "cpus").err()).endsWith(": not a regular file\n");
        Files.writeString(f, "format: json\n" + "#".repeat(2 << 20));
        assertThat(CliRun.of("--config", f.toString(), "cpus").err()).contains("larger than");
        assertThat(CliRun.of("--config", dir.resolve("none.yaml").toString(), "cpus").err())
                .isEqualTo("kimpact: error: --config: no such file: " + dir.resolve("none.yaml") + "\n");
    }

    @Test
    void givesDefaultsThatTheCommandLineOverrides() throws IOException {
        Path f = config("format: json\nfail-on: never\nignore:\n  user-abi-removed: announced separately\n");
        CliRun json = CliRun.of("--config", f.toString(), "run", MPX);
        assertThat(json.out()).startsWith("{");
        assertThat(json.out()).contains("\"rule\" : \"user-abi-removed\"").contains("\"suppressed\" : [ {");
        CliRun text = CliRun.of("run", "--config", f.toString(), MPX, "--format", "text", "--ignore", "xstate-lost");
        assertThat(text.out()).startsWith("== mpx-removal-in-4.21").contains("warning[user-abi-removed]");
        // fail-on never: findings, exit status 0; --fail-on on the command line wins.
        Path noExpect = Files.writeString(dir.resolve("s.yaml"), """
                scenario: s
                cpu: cascadelake-server
                hosts: [{name: a, kernel: "4.20"}, {name: b, kernel: "4.21", patches: [x86-remove-intel-mpx]}]
                guests: []
                steps: []
                """);
        assertThat(CliRun.of("--config", f.toString(), "run", noExpect.toString()).exitCode()).isZero();
        assertThat(CliRun.of("--config", f.toString(), "run", noExpect.toString(), "--fail-on", "warning",
                "--ignore", "xstate-lost").exitCode()).isEqualTo(ExitCodes.FINDINGS);
    }

    @Test
    void aFormatACommandCannotWriteLeavesItsDefault() throws IOException {
        Path f = config("format: sarif\n");
        assertThat(CliRun.of("--config", f.toString(), "cpus").out()).startsWith("NAME");
        assertThat(CliRun.of("--config", f.toString(), "run", MPX).out()).contains("\"$schema\"");
    }

    @Test
    void anIgnoredRuleCarriesTheProjectsReasonIntoEveryReport() throws IOException {
        Path f = config("ignore:\n  user-abi-removed: ABI removals are announced in Documentation/ABI/obsolete\n");
        String why = "--ignore user-abi-removed: ABI removals are announced in Documentation/ABI/obsolete";
        assertThat(CliRun.of("--config", f.toString(), "run", MPX, "-f", "json").out()).contains("\"reason\" : \"" + why + "\"");
        // SARIF: an external suppression (not in the scenario) with the project's justification.
        assertThat(CliRun.of("--config", f.toString(), "run", MPX, "-f", "sarif").out())
                .contains("\"kind\" : \"external\"", "\"justification\" : \"" + why + "\"");
        // --ignore on the command line names the rule: the project's reason still explains it.
        assertThat(CliRun.of("--config", f.toString(), "run", MPX, "--ignore", "user-abi-removed,xstate-lost").out())
                .contains("reason: " + why, "reason: --ignore xstate-lost\n");
    }
}
