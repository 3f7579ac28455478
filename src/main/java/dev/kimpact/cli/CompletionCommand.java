package dev.kimpact.cli;

import dev.kimpact.cli.docs.BashCompletion;
import dev.kimpact.cli.docs.ZshCompletion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code kimpact completion bash|zsh}: print the completion script (the same as completions/ holds). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "Print the bash or zsh completion script.",
        description = {"Print the shell completion script for bash or zsh. It completes subcommands,",
                "options, rule ids, and the names of built-in CPU, kernel, patch and guest",
                "models. The bash script also completes the paths of --set and --matrix (with",
                "the hosts and guests of the scenario files on the line) and their values where",
                "they are built-in names, and git refs for --range, --against, --base and --ref",
                "(of --repo, else the current directory; only where git is installed). The",
                "same scripts are shipped in completions/."},
        footerHeading = "%nExamples:%n",
        footer = {"  source <(kimpact completion bash)",
                "  kimpact completion bash > ~/.local/share/bash-completion/completions/kimpact",
                "  kimpact completion zsh > ~/.zfunc/_kimpact    # with fpath=(~/.zfunc $fpath) before compinit"},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:the script was printed",
                "2:SHELL is neither bash nor zsh"})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells kimpact has completion for. */
    public enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        PrintWriter out = spec.commandLine().getOut();
        out.print(shell == Shell.bash ? BashCompletion.script(root) : ZshCompletion.script(root));
        out.flush();
        return ExitCodes.OK;
    }
}
