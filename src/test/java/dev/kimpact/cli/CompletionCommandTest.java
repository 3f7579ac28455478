package dev.kimpact.cli;

import dev.kimpact.cli.docs.BashCompletion;
import dev.kimpact.cli.docs.ZshCompletion;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionCommandTest {

    private static picocli.CommandLine root() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void printsTheBashScript() {
        CliRun run = CliRun.of("completion", "bash");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(BashCompletion.script(root())).contains("complete -F _kimpact kimpact");
    }

    @Test
    void printsTheZshScript() {
        CliRun run = CliRun.of("completion", "zsh");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(ZshCompletion.script(root())).startsWith("#compdef kimpact\n");
    }

    @Test
    void otherShellsAreUsageErrors() {
        CliRun run = CliRun.of("completion", "fish");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("fish");
        assertThat(CliRun.of("completion").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
