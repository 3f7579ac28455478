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

/** --color, --fail-on and report printing, as a command like run or series mixes them in. */
class OutputMixinsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Mixin
        ColorOption color;
        @Mixin
        FailOnOption failOn;
        @Mixin
        OutputOptions output;

        @Override
        public void run() {
        }
    }

    private static Probe parse(String... args) {
        Probe probe = new Probe();
        CommandLine cl = new CommandLine(probe);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.parseArgs(args);
        return probe;
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
    void colorDefaultsToAuto() {
        assertThat(parse().color.choice()).isEqualTo(ColorChoice.auto);
        assertThat(parse("--color", "always").color.choice()).isEqualTo(ColorChoice.always);
        assertThat(parse("--color=never").color.choice()).isEqualTo(ColorChoice.never);
        assertThat(parse("--color", "ALWAYS").color.choice()).isEqualTo(ColorChoice.always);
        assertThat(exitOf("--color", "sometimes")).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void autoColoursOnlyATerminalWithoutNoColor() {
        ColorOption auto = parse().color;
        assertThat(auto.enabled(env(true, null))).isTrue();
        assertThat(auto.enabled(env(true, ""))).isTrue();
        assertThat(auto.enabled(env(true, "1"))).isFalse();
        assertThat(auto.enabled(env(false, null))).isFalse();
    }

    @Test
    void alwaysAndNeverIgnoreTheEnvironment() {
        assertThat(parse("--color", "always").color.enabled(env(false, "1"))).isTrue();
        assertThat(parse("--color", "never").color.enabled(env(true, null))).isFalse();
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
    void failOnDecidesTheExitStatus() {
        Finding warning = new Finding("xsave-size-changed", Severity.WARNING, "s", Map.of(), null, null, null, null,
                "m", Map.of(), null);
        Report report = new Report(List.of(warning), List.of(), List.of());
        assertThat(parse().failOn.exitCode(report)).isEqualTo(ExitCodes.OK);
        assertThat(parse("--fail-on", "warning").failOn.exitCode(report)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(parse("--fail-on", "note").failOn.exitCode(report)).isEqualTo(ExitCodes.FINDINGS);
        assertThat(parse("--fail-on", "never").failOn.exitCode(report)).isEqualTo(ExitCodes.OK);
    }

    private static Report errorReport() {
        return new Report(List.of(new Finding("xstate-lost", Severity.ERROR, "s", Map.of(), "g", "h", null, null,
                "lost", Map.of(), null)), List.of(), List.of());
    }

    @Test
    void printerColoursATerminalOnly() {
        StringWriter tty = new StringWriter();
        ReportPrinter.print(errorReport(), parse().output, parse().color, env(true, null), new PrintWriter(tty));
        assertThat(tty.toString()).contains("\u001b[");
        StringWriter pipe = new StringWriter();
        ReportPrinter.print(errorReport(), parse().output, parse().color, env(false, null), new PrintWriter(pipe));
        assertThat(pipe.toString()).doesNotContain("\u001b").startsWith("== s\n");
    }

    @Test
    void printerWritesTheFormatToOutputWithoutColour(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.json");
        Probe probe = parse("--format", "json", "--output", file.toString());
        StringWriter out = new StringWriter();
        ReportPrinter.print(errorReport(), probe.output, probe.color, env(true, null), new PrintWriter(out));
        assertThat(out.toString()).isEmpty();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("{").contains("\"xstate-lost\"");

        Path text = dir.resolve("report.txt");
        Probe auto = parse("--output", text.toString());
        ReportPrinter.print(errorReport(), auto.output, auto.color, env(true, null), new PrintWriter(out));
        assertThat(Files.readString(text, StandardCharsets.UTF_8)).doesNotContain("\u001b");
    }

    @Test
    void systemEnvironmentReadsTheProcess() {
        Environment system = Environment.system();
        assertThat(system.variable("PATH")).isEqualTo(System.getenv("PATH"));
    }
}
