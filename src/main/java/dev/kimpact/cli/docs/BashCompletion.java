package dev.kimpact.cli.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The bash completion script ({@code completions/kimpact.bash}), written from the picocli model: subcommands,
 * the options of each command, and option and argument values ({@link ValueCompletion}).
 */
public final class BashCompletion {

    private BashCompletion() {
    }

    public static String script(CommandLine root) {
        String name = root.getCommandName();
        String fn = "_" + ident(name);
        List<CommandLine> commands = CommandTree.all(root);
        StringBuilder out = new StringBuilder();
        out.append("# bash completion for ").append(name).append("                      -*- shell-script -*-\n")
                .append("# Generated from the picocli model by dev.kimpact.cli.GenerateDocs: do not edit.\n")
                .append("# Regenerate: ").append(ManPage.REGENERATE).append('\n')
                .append("# Use: source completions/").append(name).append(".bash, or copy it to\n")
                .append("# ~/.local/share/bash-completion/completions/").append(name).append(" (`")
                .append(name).append(" completion bash` prints it too).\n\n");

        // Options that take comma lists (--ignore a,b): the word after the last comma is completed.
        out.append(fn).append("_words() {\n")
                .append("    local IFS=$' \\t\\n' prefix=\n")
                .append("    [[ $cur == *,* ]] && prefix=${cur%,*},\n")
                .append("    COMPREPLY=( $(compgen -P \"$prefix\" -W \"$1\" -- \"${cur##*,}\") )\n")
                .append("}\n\n");
        out.append(fn).append("_files() {\n")
                .append("    local IFS=$'\\n'\n")
                .append("    compopt -o filenames 2>/dev/null\n")
                .append("    COMPREPLY=( $(compgen -f -- \"$cur\") )\n")
                .append("}\n\n");
        out.append(fn).append("_dirs() {\n")
                .append("    local IFS=$'\\n'\n")
                .append("    compopt -o filenames 2>/dev/null\n")
                .append("    COMPREPLY=( $(compgen -d -- \"$cur\") )\n")
                .append("}\n\n");

        out.append(fn).append("() {\n")
                .append("    local cur prev cmd w i skip=0 npos=0\n")
                .append("    COMPREPLY=()\n")
                .append("    cur=${COMP_WORDS[COMP_CWORD]}\n")
                .append("    prev=\n")
                .append("    (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n")
                .append("    # bash splits --option=value at '=' (COMP_WORDBREAKS)\n")
                .append("    if [[ $cur == = ]]; then\n")
                .append("        cur=\n")
                .append("    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then\n")
                .append("        prev=${COMP_WORDS[COMP_CWORD-2]}\n")
                .append("    fi\n\n");

        // 1. Which command are we in, and how many positional arguments precede the cursor?
        out.append("    cmd=").append(path(root.getCommandSpec())).append('\n')
                .append("    for (( i = 1; i < COMP_CWORD; i++ )); do\n")
                .append("        w=${COMP_WORDS[i]}\n")
                .append("        if [[ $w == = ]]; then skip=1; continue; fi\n")
                .append("        if (( skip )); then skip=0; continue; fi\n")
                .append("        case $cmd:$w in\n");
        for (CommandLine c : commands) {
            for (CommandLine child : CommandTree.children(c)) {
                List<String> labels = new ArrayList<>();
                for (String alias : names(child)) {
                    labels.add(path(c.getCommandSpec()) + ":" + quote(alias));
                }
                out.append("            ").append(String.join("|", labels)).append(")\n")
                        .append("                (( npos == 0 )) && { cmd=").append(path(child.getCommandSpec()))
                        .append("; continue; } ;;\n");
            }
        }
        List<String> valued = new ArrayList<>();
        for (CommandLine c : commands) {
            for (OptionSpec o : CommandTree.options(c.getCommandSpec())) {
                if (CommandTree.takesValue(o)) {
                    for (String n : o.names()) {
                        valued.add(path(c.getCommandSpec()) + ":" + n);
                    }
                }
            }
        }
        if (!valued.isEmpty()) {
            out.append("            ").append(String.join("|", valued)).append(")\n")
                    .append("                skip=1; continue ;;\n");
        }
        out.append("        esac\n")
                .append("        [[ $w == -?* ]] || npos=$((npos + 1))\n")
                .append("    done\n\n");

        // 2. The value of an option.
        out.append("    case $cmd:$prev in\n");
        for (CommandLine c : commands) {
            for (OptionSpec o : CommandTree.options(c.getCommandSpec())) {
                if (!CommandTree.takesValue(o)) {
                    continue;
                }
                List<String> labels = new ArrayList<>();
                for (String n : o.names()) {
                    labels.add(path(c.getCommandSpec()) + ":" + n);
                }
                out.append("        ").append(String.join("|", labels)).append(")\n")
                        .append("            ").append(action(fn, ValueCompletion.of(o, c))).append("return 0 ;;\n");
            }
        }
        out.append("    esac\n\n");

        // 3. An option name.
        out.append("    if [[ $cur == -* ]]; then\n")
                .append("        case $cmd in\n");
        for (CommandLine c : commands) {
            List<String> names = new ArrayList<>();
            for (OptionSpec o : CommandTree.options(c.getCommandSpec())) {
                names.addAll(List.of(o.names()));
            }
            if (!names.isEmpty()) {
                out.append("            ").append(path(c.getCommandSpec())).append(") ").append(fn).append("_words ")
                        .append(quote(String.join(" ", names))).append(" ;;\n");
            }
        }
        out.append("        esac\n")
                .append("        return 0\n")
                .append("    fi\n\n");

        // 4. A subcommand or a positional argument.
        out.append("    case $cmd in\n");
        for (CommandLine c : commands) {
            String body = positionals(fn, c);
            if (!body.isEmpty()) {
                out.append("        ").append(path(c.getCommandSpec())).append(")\n").append(body)
                        .append("            ;;\n");
            }
        }
        out.append("    esac\n")
                .append("    return 0\n")
                .append("}\n\n")
                .append("complete -F ").append(fn).append(' ').append(name).append('\n');
        return out.toString();
    }

    private static String positionals(String fn, CommandLine c) {
        StringBuilder sb = new StringBuilder();
        List<CommandLine> children = CommandTree.children(c);
        if (!children.isEmpty()) {
            List<String> names = new ArrayList<>();
            for (CommandLine child : children) {
                names.add(child.getCommandName());
            }
            sb.append("            if (( npos == 0 )); then ").append(fn).append("_words ")
                    .append(quote(String.join(" ", names))).append("; return 0; fi\n");
        }
        for (PositionalParamSpec p : CommandTree.positionals(c.getCommandSpec())) {
            ValueCompletion v = ValueCompletion.of(p, c);
            if (v.kind() == ValueCompletion.Kind.NONE) {
                continue;
            }
            int min = p.index().min();
            int max = p.index().max();
            String test = p.index().isUnspecified() || max == Integer.MAX_VALUE ? "npos >= " + min
                    : min == max ? "npos == " + min : "npos >= " + min + " && npos <= " + max;
            sb.append("            if (( ").append(test).append(" )); then ").append(action(fn, v))
                    .append("return 0; fi\n");
        }
        return sb.toString();
    }

    private static String action(String fn, ValueCompletion v) {
        switch (v.kind()) {
            case WORDS:
                return fn + "_words " + quote(String.join(" ", v.words())) + "; ";
            case FILES:
                return fn + "_files; ";
            case DIRECTORIES:
                return fn + "_dirs; ";
            default:
                return "";
        }
    }

    private static List<String> names(CommandLine c) {
        List<String> names = new ArrayList<>();
        names.add(c.getCommandName());
        names.addAll(List.of(c.getCommandSpec().aliases()));
        return names;
    }

    /** {@code kimpact/layout}: the value of $cmd for a command. */
    private static String path(CommandSpec spec) {
        return spec.qualifiedName("/");
    }

    private static String ident(String s) {
        return s.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** A word for bash: as is when it is plain, single-quoted otherwise. */
    static String quote(String s) {
        if (s.matches("[A-Za-z0-9_./:@%+,=-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
