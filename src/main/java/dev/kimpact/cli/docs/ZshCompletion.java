package dev.kimpact.cli.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The zsh completion function ({@code completions/_kimpact}), written from the picocli model with zsh's own
 * {@code _arguments}: option descriptions, value completion ({@link ValueCompletion}) and subcommands.
 */
public final class ZshCompletion {

    private ZshCompletion() {
    }

    public static String script(CommandLine root) {
        String name = root.getCommandName();
        StringBuilder out = new StringBuilder();
        out.append("#compdef ").append(name).append('\n')
                .append("# zsh completion for ").append(name).append('\n')
                .append("# Generated from the picocli model by dev.kimpact.cli.GenerateDocs: do not edit.\n")
                .append("# Regenerate: ").append(ManPage.REGENERATE).append('\n')
                .append("# Use: copy this file as _").append(name)
                .append(" into a directory of $fpath before compinit runs\n")
                .append("# (`").append(name).append(" completion zsh` prints it too).\n\n");
        out.append(refs(name));
        String fn = "_" + ident(name);
        out.append(BashCompletion.namesFunction(fn)).append(assign(fn));
        for (CommandLine c : CommandTree.all(root)) {
            function(c, out);
        }
        out.append("_").append(ident(name)).append("() {\n")
                .append("    ").append(fn(root.getCommandSpec())).append(" \"$@\"\n")
                .append("}\n\n")
                .append("_").append(ident(name)).append(" \"$@\"\n");
        return out.toString();
    }

    private static void function(CommandLine c, StringBuilder out) {
        CommandSpec spec = c.getCommandSpec();
        List<CommandLine> children = CommandTree.children(c);
        out.append(fn(spec)).append("() {\n");
        if (!children.isEmpty()) {
            out.append("    local curcontext=\"$curcontext\" state state_descr line ret=1\n")
                    .append("    typeset -A opt_args\n");
        }
        List<String> specs = new ArrayList<>();
        for (OptionSpec o : CommandTree.options(spec)) {
            specs.addAll(optionSpecs(o, c));
        }
        if (children.isEmpty()) {
            for (PositionalParamSpec p : CommandTree.positionals(spec)) {
                specs.add(positionalSpec(p, c));
            }
            out.append("    _arguments -s -S");
            for (String s : specs) {
                out.append(" \\\n        ").append(s);
            }
            out.append('\n');
        } else {
            specs.add("'1: :->command'");
            specs.add("'*:: :->args'");
            out.append("    _arguments -C -s -S");
            for (String s : specs) {
                out.append(" \\\n        ").append(s);
            }
            out.append(" && ret=0\n")
                    .append("    case $state in\n")
                    .append("        command)\n")
                    .append("            local -a commands\n")
                    .append("            commands=(\n");
            for (CommandLine child : children) {
                out.append("                ").append(quote(escapeColon(child.getCommandName()) + ":"
                        + HelpText.summary(child.getCommandSpec()))).append('\n');
            }
            out.append("            )\n")
                    .append("            _describe -t commands ").append(quote(spec.qualifiedName() + " command"))
                    .append(" commands && ret=0\n")
                    .append("            ;;\n")
                    .append("        args)\n")
                    .append("            curcontext=\"${curcontext%:*:*}:").append(spec.qualifiedName("-"))
                    .append("-$words[1]:\"\n")
                    .append("            case $words[1] in\n");
            for (CommandLine child : children) {
                List<String> names = new ArrayList<>();
                names.add(child.getCommandName());
                names.addAll(List.of(child.getCommandSpec().aliases()));
                out.append("                ").append(String.join("|", names)).append(") ")
                        .append(fn(child.getCommandSpec())).append(" && ret=0 ;;\n");
            }
            out.append("            esac\n")
                    .append("            ;;\n")
                    .append("    esac\n")
                    .append("    return ret\n");
        }
        out.append("}\n\n");
    }

    private static List<String> optionSpecs(OptionSpec o, CommandLine c) {
        List<String> out = new ArrayList<>();
        List<String> excluded = new ArrayList<>(List.of(o.names()));
        if (o.group() != null && o.group().exclusive()) {
            for (ArgSpec a : o.group().args()) {
                if (a != o && a instanceof OptionSpec other) {
                    excluded.addAll(List.of(other.names()));
                }
            }
        }
        String exclusion = o.isMultiValue() ? "*" : "(" + String.join(" ", excluded) + ")";
        if (o.usageHelp() || o.versionHelp()) {
            exclusion = "(- *)";
        }
        String description = "[" + bracketText(HelpText.summary(o.description())) + "]";
        for (String n : o.names()) {
            StringBuilder s = new StringBuilder(exclusion).append(n);
            if (CommandTree.takesValue(o)) {
                s.append(n.startsWith("--") ? "=" : "+");
            }
            s.append(description);
            if (CommandTree.takesValue(o)) {
                ValueCompletion v = ValueCompletion.of(o, c);
                s.append(':').append(escapeColon(o.paramLabel())).append(':')
                        .append(",".equals(o.splitRegex()) && v.kind() == ValueCompletion.Kind.WORDS ? list(o, v)
                                : action(v, c.getCommandSpec().root().name()));
            }
            out.add(quote(s.toString()));
        }
        return out;
    }

    private static String positionalSpec(PositionalParamSpec p, CommandLine c) {
        String position = p.isMultiValue() || p.index().max() == Integer.MAX_VALUE ? "*"
                : String.valueOf(p.index().min() + 1);
        String optional = p.arity().min() == 0 && !position.equals("*") ? ":" : "";
        return quote(position + ":" + optional + escapeColon(p.paramLabel()) + ":"
                + action(ValueCompletion.of(p, c), c.getCommandSpec().root().name()));
    }

    /** Words of an option that takes comma lists ({@code --ignore a,b}): zsh's _values, separator ','. */
    private static String list(OptionSpec o, ValueCompletion v) {
        List<String> words = new ArrayList<>();
        for (String w : v.words()) {
            words.add(w.replaceAll("([\\\\ ():'\"\\[\\]])", "\\\\$1"));
        }
        return "_values -s , " + escapeColon(o.paramLabel().replaceAll("[\\[\\],.]", "")) + " " + String.join(" ", words);
    }

    /**
     * {@code _NAME_refs [range]}: the refs of the repository {@code --repo} names on the line (else the current
     * directory), after the {@code ..} of a range; nothing without git or outside a repository.
     */
    private static String refs(String name) {
        String fn = "_" + ident(name) + "_refs";
        return fn + "() {\n"
                + "    local repo=${opt_args[--repo]:-.}\n"
                + "    local -a refs\n"
                + "    (( $+commands[git] )) || return 1\n"
                + "    refs=(${(f)\"$(git -C ${~repo} for-each-ref --format='%(refname:short)' 2>/dev/null)\"})\n"
                + "    [[ $1 == range ]] && compset -P '*..'\n"
                + "    compadd -a refs\n"
                + "}\n\n";
    }

    /** The zsh action completing {@code v} in the script of command {@code root}. */
    private static String action(ValueCompletion v, String root) {
        switch (v.kind()) {
            case WORDS:
                List<String> words = new ArrayList<>();
                for (String w : v.words()) {
                    words.add(w.replaceAll("([\\\\ ():'\"\\[\\]])", "\\\\$1"));
                }
                return "(" + String.join(" ", words) + ")";
            case FILES:
                return "_files";
            case DIRECTORIES:
                return "_files -/";
            case GIT_REF:
                return "_" + ident(root) + "_refs";
            case GIT_RANGE:
                return "_" + ident(root) + "_refs range";
            case ASSIGNMENT:
                return "_" + ident(root) + "_assign set";
            case MATRIX:
                return "_" + ident(root) + "_assign matrix";
            default:
                return " ";
        }
    }

    /**
     * {@code FN_assign set|matrix}: the path of the {@code --set}/{@code --matrix} argument being typed (top-level
     * keys, the keys under the hosts and guests of the scenario files on the line, or under the host or guest
     * typed), then its value where it is a closed set ({@link Assignments}); after a comma for {@code --matrix}.
     * The part already typed moves from PREFIX to IPREFIX, as zsh's completion functions do.
     */
    private static String assign(String fn) {
        StringBuilder sb = new StringBuilder();
        sb.append(fn).append("_assign() {\n")
                .append("    local mode=$1 arg=$PREFIX key w k\n")
                .append("    local -a found files matched\n")
                .append("    for w in $words[2,-1]; do [[ $w == *.y(|a)ml && -f ${~w} ]] && files+=(${~w}); done\n")
                .append("    if [[ $arg == *=* ]]; then\n")
                .append("        key=${arg%%=*}\n")
                .append("        IPREFIX+=$key=; PREFIX=${arg#*=}\n")
                .append("        case $key in\n");
        for (Assignments.Values v : Assignments.values()) {
            sb.append("            (").append(v.pattern()).append(") found=(").append(words(v.values())).append(")");
            if (v.all()) {
                sb.append("; [[ $mode == matrix ]] && found+=(all)");
            }
            sb.append(" ;;\n");
        }
        sb.append("        esac\n")
                .append("        # --matrix takes a comma list: complete the value after the last comma\n")
                .append("        if [[ $mode == matrix && $PREFIX == *,* ]]; then\n")
                .append("            IPREFIX+=${PREFIX%,*},; PREFIX=${PREFIX##*,}\n")
                .append("        fi\n")
                .append("        compadd -a found\n")
                .append("        return\n")
                .append("    fi\n")
                .append("    [[ $arg == *.* ]] || found=(").append(words(Assignments.topPaths())).append(")\n")
                .append("    for w in $(").append(fn).append("_names $files); do\n")
                .append("        case $w in\n")
                .append("            (hosts.*) for k in ").append(words(Assignments.hostPaths()))
                .append("; do found+=(\"$w.$k\"); done ;;\n")
                .append("            (guests.*) for k in ").append(words(Assignments.guestPaths())).append(' ')
                .append(words(Assignments.vmmPaths().stream().map(k -> "vmm." + k).toList()))
                .append("; do found+=(\"$w.$k\"); done ;;\n")
                .append("        esac\n")
                .append("    done\n")
                .append("    compadd -O matched -a found\n")
                .append("    if (( ! $#matched )); then\n")
                .append("        # a host or guest the scenarios given do not name: the keys under the name typed\n")
                .append("        found=()\n")
                .append("        case $arg in\n")
                .append("            (guests.?*.vmm.*) for k in ").append(words(Assignments.vmmPaths()))
                .append("; do found+=(\"${arg%.*}.$k\"); done ;;\n")
                .append("            (guests.?*.*) for k in ").append(words(Assignments.guestPaths()))
                .append("; do found+=(\"${arg%.*}.$k\"); done ;;\n")
                .append("            (hosts.?*.*) for k in ").append(words(Assignments.hostPaths()))
                .append("; do found+=(\"${arg%.*}.$k\"); done ;;\n")
                .append("        esac\n")
                .append("    fi\n")
                .append("    compadd -S '' -a found\n")
                .append("}\n\n");
        return sb.toString();
    }

    /** Words for a zsh array or {@code for} list, each quoted when it must be ({@code [x86-mpx-remove-apis]}). */
    private static String words(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(w.matches("[A-Za-z0-9_./:@%+,=-]+") ? w : quote(w));
        }
        return String.join(" ", out);
    }

    /** {@code _kimpact_cmd_kimpact_layout}: the function completing one command. */
    private static String fn(CommandSpec spec) {
        return "_" + ident(spec.root().name()) + "_cmd_" + ident(spec.qualifiedName("_"));
    }

    private static String ident(String s) {
        return s.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private static String bracketText(String s) {
        return s.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    private static String escapeColon(String s) {
        return s.replace(":", "\\:");
    }

    /** Single-quoted for zsh. */
    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
