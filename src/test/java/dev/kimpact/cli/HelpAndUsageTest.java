package dev.kimpact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Help as users read it and picocli's usage errors as kimpact's one-line errors. */
class HelpAndUsageTest {

    @Test
    void bareKimpactPrintsUsageOnStderrAndExits2() {
        CliRun r = CliRun.of();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("Usage: kimpact ").contains("Commands:", "  run ");
    }

    @Test
    void theCommandListGivesEachCommandAWholeSentence() {
        String help = CliRun.of("--help").out();
        String commands = help.substring(help.indexOf("Commands:\n"), help.indexOf("\nExit status:"));
        for (String entry : commands.substring("Commands:\n".length()).split("\n  (?=\\S)")) {
            String e = entry.replaceAll("\\s+", " ").strip();
            assertThat(e).as(e).endsWith(".").doesNotEndWith("?.").doesNotContain(". ");
        }
        for (String name : Main.SUBCOMMANDS) {
            assertThat(commands).contains("\n  " + name + " ");
        }
        assertThat(commands).contains("diff           Show the findings a --set change makes appear and disappear.");
    }

    @Test
    void examplesArePrintedAsWrittenAndNeverBrokenInsideAWord() {
        String help = CliRun.of("run", "--help").out();
        assertThat(help).contains("  kimpact run scenarios/mpx-removal-4.21.yaml --format json | jq '.findings[].rule'\n");
        assertThat(CliRun.of("layout", "--help").out()).contains(
                "  kimpact layout --cpu cascadelake-server --xcr0 x87,sse,avx,bndregs,bndcsr,avx512,pkru --compacted\n");
    }

    @Test
    void descriptionsAreWrappedAsParagraphsAndTheCheckSchemaKeepsItsLines() {
        String main = CliRun.of("--help").out();
        assertThat(main).contains("Kernel patch-series impact analyzer: what breaks, for whom, and in which merge\n"
                + "window, if this patch series lands?");
        String check = CliRun.of("check", "--help").out();
        assertThat(check).contains("Scenario schema (docs/MODELS.md has every key):\n"
                + "  scenario: NAME   summary: TEXT", "\n  hosts:   [{name, kernel:", "\n  steps:   [boot:");
        for (String line : main.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "layout --xcr0 0x3#kimpact: error: missing required argument (specify one of these): (--cpu=NAME | --cpu-dump=FILE) (see 'kimpact layout --help')",
            "rn#kimpact: error: unknown command 'rn' (did you mean 'run'?)",
            "run --fromat json x.yaml#kimpact: error: unknown option '--fromat' (did you mean '--format'?)",
            "run --format jsn x.yaml#kimpact: error: invalid value 'jsn' for option '--format' (expected one of: text, json, yaml, sarif, markdown, svg) (did you mean 'json'?)",
            "xsetbv --cpu genoa#kimpact: error: missing required option: '--xcr0=MASK' (see 'kimpact xsetbv --help')"})
    void usageErrorsAreOneLine(String args, String line) {
        CliRun r = CliRun.of(args.split(" "));
        assertThat(r).isEqualTo(new CliRun(2, "", line + "\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cpus|yaml|text, json", "kernels|sarif|text, json", "patches|markdown|text, json",
            "guests|yaml|text, json", "layout --cpu genoa --xcr0 3|sarif|text, json, svg",
            "xsetbv --cpu genoa --xcr0 3|markdown|text, json", "series --mbox x.mbox|svg|text, json, yaml, sarif, markdown",
            "diff s.yaml --set cpu=genoa|sarif|text, json, yaml"})
    void aFormatACommandCannotWriteIsRefused(String command, String format, String formats) {
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--format", format));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r).isEqualTo(new CliRun(2, "", "kimpact: error: invalid value '" + format + "' for option '--format' "
                + "(expected one of: " + formats + ") (see 'kimpact " + command.split(" ")[0] + " --help')\n"));
    }

    @Test
    void helpListsOnlyTheFormatsACommandWrites() {
        assertThat(CliRun.of("layout", "--help").out()).contains("Output format: text, json, svg (default: text).");
        assertThat(CliRun.of("run", "--help").out().replaceAll("\\s+", " "))
                .contains("Output format: text, json, yaml, sarif, markdown, svg (default: text).");
    }
}
