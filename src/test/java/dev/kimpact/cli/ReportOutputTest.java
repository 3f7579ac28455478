package dev.kimpact.cli;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report tail of run, diff and merge-reports: --format, --output, --fail-on, --color and writing the report. */
class ReportOutputTest {

    private static final String MPX = "scenarios/mpx-removal-4.21.yaml";

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        ReportOutput output;

        @Override
        public void run() {
        }
    }

    private final StringWriter out = new StringWriter();

    private ReportOutput parse(String... args) {
        CommandLine cl = new CommandLine(new Probe());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out));
        cl.parseArgs(args);
        return ((Probe) cl.getCommand()).output;
    }

    private static int exitOf(String... args) {
        CommandLine cl = new CommandLine(new Probe());
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute(args);
    }

    private static Environment env(boolean terminal, String noColor) {
        return new Environment(name -> name.equals("NO_COLOR") ? noColor : null, terminal);
    }

    @Test
    void optionsComeInTheOrderOfTheHelp() {
        assertThat(new CommandLine(new Probe()).getCommandSpec().options()).extracting(o -> o.longestName())
                .containsExactly("--format", "--output", "--fail-on", "--baseline", "--color");
    }

    @Test
    void colorDefaultsToAuto() {
        assertThat(parse().color.choice).isEqualTo(ColorChoice.auto);
        assertThat(parse("--color", "always").color.choice).isEqualTo(ColorChoice.always);
        assertThat(parse("--color=never").color.choice).isEqualTo(ColorChoice.never);
        assertThat(parse("--color", "ALWAYS").color.choice).isEqualTo(ColorChoice.always);
        assertThat(exitOf("--color", "sometimes")).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void autoColoursOnlyATerminalWithoutNoColorAndNeverAFile() {
        ColorOption auto = parse().color;
        assertThat(auto.enabled(env(true, null), false)).isTrue();
        assertThat(auto.enabled(env(true, ""), false)).isTrue();
        assertThat(auto.enabled(env(true, "1"), false)).isFalse();
        assertThat(auto.enabled(env(false, null), false)).isFalse();
        assertThat(auto.enabled(env(true, null), true)).isFalse();
    }

    @Test
    void alwaysAndNeverIgnoreTheEnvironment() {
        assertThat(parse("--color", "always").color.enabled(env(false, "1"), false)).isTrue();
        assertThat(parse("--color", "always").color.enabled(env(false, "1"), true)).isTrue();
        assertThat(parse("--color", "never").color.enabled(env(true, null), false)).isFalse();
    }

    @Test
    void failOnParsesToASeverityOrNull() {
        assertThat(parse().failOn.threshold()).isEqualTo(Severity.ERROR);
        assertThat(parse("--fail-on", "warning").failOn.threshold()).isEqualTo(Severity.WARNING);
        assertThat(parse("--fail-on=note").failOn.threshold()).isEqualTo(Severity.NOTE);
        assertThat(parse("--fail-on", "never").failOn.threshold()).isNull();
        assertThat(exitOf("--fail-on", "fatal")).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void writeDecidesTheExitStatusByFailOn() {
        Finding warning = new Finding("xsave-size-changed", Severity.WARNING, "s", Map.of(), null, null, null, null,
                "m", Map.of(), null);
        Report report = new Report(List.of(warning), List.of(), List.of());
        assertThat(parse().write(report)).isEqualTo(ExitCodes.OK);
        assertThat(parse("--fail-on", "warning").write(report)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(parse("--fail-on", "note").write(report)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(parse("--fail-on", "never").write(report)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("xsave-size-changed");
    }

    @Test
    void theReportIsColouredOnATerminalOnly() {
        assertThat(CliRun.in(env(true, null), "run", MPX).out()).contains("\u001b[");
        assertThat(CliRun.in(env(true, "1"), "run", MPX).out()).doesNotContain("\u001b");
        assertThat(CliRun.in(env(false, null), "run", MPX).out()).doesNotContain("\u001b").startsWith("== ");
    }

    @Test
    void theReportGoesToOutputInItsFormatWithoutColourUnlessAlways(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");
        CliRun r = CliRun.in(env(true, null), "run", MPX, "--format", "json", "--output", json.toString());
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(json, StandardCharsets.UTF_8)).startsWith("{").contains("\"xstate-lost\"");

        Path text = dir.resolve("report.txt");
        CliRun.in(env(true, null), "run", MPX, "--output", text.toString());
        assertThat(Files.readString(text, StandardCharsets.UTF_8)).doesNotContain("\u001b");
        CliRun.in(env(false, null), "run", MPX, "--output", text.toString(), "--color", "always");
        assertThat(Files.readString(text, StandardCharsets.UTF_8)).contains("\u001b[");
    }

    @Test
    void systemEnvironmentReadsTheProcess() {
        Environment system = Environment.system();
        assertThat(system.variable("PATH")).isEqualTo(System.getenv("PATH"));
    }
}
