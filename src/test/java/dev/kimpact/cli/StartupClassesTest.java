package dev.kimpact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Class-loading discipline of a cold start (docs/PERFORMANCE.md, "Start-up"), checked in a new JVM with
 * {@code -Xlog:class+load}: {@code run} and {@code --help} load no JGit class, {@code --version} not even picocli,
 * only the subcommand being run is built, and {@code run} links no record method through method handles.
 */
class StartupClassesTest {

    @TempDir
    Path dir;

    private List<String> classesLoadedBy(String... args) throws Exception {
        Path log = dir.resolve("classes.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-Xlog:class+load:file=" + log, "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> classes = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            int at = line.indexOf("] ");
            int end = line.indexOf(" source:");
            if (at > 0 && end > at) {
                classes.add(line.substring(at + 2, end));
            }
        }
        assertThat(classes).as("classes logged").hasSizeGreaterThan(100);
        return classes;
    }

    @Test
    void runLoadsNoJgitAndBuildsOnlyItsOwnCommand() throws Exception {
        List<String> c = classesLoadedBy("run", "scenarios/mpx-removal-4.21.yaml");
        assertThat(c).contains("dev.kimpact.cli.RunCommand", "dev.kimpact.engine.ScenarioRun");
        assertThat(c).noneMatch(n -> n.startsWith("org.eclipse.jgit."));
        assertThat(c).noneMatch(n -> n.startsWith("dev.kimpact.series."));
        assertThat(c).doesNotContain("dev.kimpact.cli.SeriesCommand", "dev.kimpact.cli.LayoutCommand");
        assertThat(c).as("the text report needs no JSON library").noneMatch(n -> n.startsWith("com.fasterxml."));
        assertThat(c).as("no record's generated equals/hashCode bootstrapped through method handles")
                .doesNotContain("java.lang.runtime.ObjectMethods");
    }

    @Test
    void helpListsEveryCommandWithoutJgit() throws Exception {
        List<String> c = classesLoadedBy("--help");
        assertThat(c).contains("dev.kimpact.cli.SeriesCommand", "dev.kimpact.cli.RunCommand");
        assertThat(c).noneMatch(n -> n.startsWith("org.eclipse.jgit."));
    }

    @Test
    void versionLoadsNoCommandModel() throws Exception {
        List<String> c = classesLoadedBy("--version");
        assertThat(c).noneMatch(n -> n.startsWith("picocli.") && !n.equals("picocli.CommandLine$IVersionProvider"));
        assertThat(c).noneMatch(n -> n.startsWith("dev.kimpact.") && !n.startsWith("dev.kimpact.cli."));
    }

    @Test
    void whichSubcommandsAreBuilt() {
        assertThat(Main.subcommandsFor("run", "x.yaml", "--help")).containsExactly("run");
        assertThat(Main.subcommandsFor("-v", "-q", "series", "--range", "a..b")).containsExactly("series");
        assertThat(Main.subcommandsFor("--version")).isEmpty();
        assertThat(Main.subcommandsFor("-vV")).isEmpty();
        assertThat(Main.subcommandsFor("--version", "--help")).isEqualTo(Main.SUBCOMMANDS);
        for (String[] all : new String[][] {{}, {"--help"}, {"help", "run"}, {"completion", "bash"}, {"rnu"},
                {"--", "run"}, {"-x"}}) {
            assertThat(Main.subcommandsFor(all)).as(String.join(" ", all)).isEqualTo(Main.SUBCOMMANDS);
        }
        for (String name : Main.SUBCOMMANDS) {
            assertThat(Main.newSubcommand(name)).isNotNull();
        }
    }
}
