package dev.kimpact.cli.docs;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
        if (has(commands, ValueCompletion.Kind.GIT_REF, ValueCompletion.Kind.GIT_RANGE)) {
            out.append(gitRefs(fn));
        }
        if (has(commands, ValueCompletion.Kind.ASSIGNMENT, ValueCompletion.Kind.MATRIX)) {
            out.append(assignments(fn));
        }

        out.append(fn).append("() {\n")
                .append("    local cur prev cmd w i opt arg repo=. skip=0 npos=0\n")
                .append("    local -a files=()\n")
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
                .append("        [[ $w == *.y*ml && -f $w ]] && files+=(\"$w\")\n")
                .append("    done\n")
                .append("    # the repository git refs are completed from: --repo DIR, else the current directory\n")
                .append("    for (( i = 1; i < COMP_CWORD; i++ )); do\n")
                .append("        [[ ${COMP_WORDS[i]} == --repo ]] || continue\n")
                .append("        repo=${COMP_WORDS[i+1]}\n")
                .append("        [[ $repo == = ]] && repo=${COMP_WORDS[i+2]}\n")
                .append("    done\n")
                .append("    [[ $repo == \"~\"/* ]] && repo=$HOME/${repo#\"~/\"}\n\n");

        // 2a. --set/--matrix PATH=VALUE, which bash splits at each '=' into several words: the option is the word
        // before the argument's first word (--set hosts.new.kernel=4.2), or its first word (--set=cpu=genoa).
        List<String> assigning = new ArrayList<>();
        for (CommandLine c : commands) {
            for (OptionSpec o : CommandTree.options(c.getCommandSpec())) {
                ValueCompletion.Kind k = ValueCompletion.of(o, c).kind();
                if (k == ValueCompletion.Kind.ASSIGNMENT || k == ValueCompletion.Kind.MATRIX) {
                    for (String n : o.names()) {
                        assigning.add("        " + path(c.getCommandSpec()) + ":" + n + ") " + action(fn,
                                ValueCompletion.of(o, c)) + "return 0 ;;\n");
                    }
                }
            }
        }
        if (!assigning.isEmpty()) {
            out.append("    i=$COMP_CWORD\n")
                    .append("    while (( i > 1 )) && [[ ${COMP_WORDS[i]} == = || ${COMP_WORDS[i-1]} == = ]]; do i=$((i - 1)); done\n")
                    .append("    if [[ ${COMP_WORDS[i]} == --* ]] && (( i < COMP_CWORD )); then\n")
                    .append("        opt=${COMP_WORDS[i]}; i=$((i + 2))\n")
                    .append("    else\n")
                    .append("        opt=${COMP_WORDS[i-1]}\n")
                    .append("    fi\n")
                    .append("    arg=\n")
                    .append("    for (( ; i <= COMP_CWORD; i++ )); do arg+=${COMP_WORDS[i]}; done\n")
                    .append("    case $cmd:$opt in\n");
            assigning.forEach(out::append);
            out.append("    esac\n\n");
        }

        // 2. The value of an option (but --set/--matrix, done in 2a).
        out.append("    case $cmd:$prev in\n");
        for (CommandLine c : commands) {
            for (OptionSpec o : CommandTree.options(c.getCommandSpec())) {
                ValueCompletion.Kind kind = ValueCompletion.of(o, c).kind();
                if (!CommandTree.takesValue(o) || kind == ValueCompletion.Kind.ASSIGNMENT
                        || kind == ValueCompletion.Kind.MATRIX) {
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
            case GIT_REF:
                return fn + "_refs \"$repo\"; ";
            case GIT_RANGE:
                return fn + "_refs \"$repo\" range; ";
            case ASSIGNMENT:
                return fn + "_assign set \"$arg\" \"${files[@]}\"; ";
            case MATRIX:
                return fn + "_assign matrix \"$arg\" \"${files[@]}\"; ";
            default:
                return "";
        }
    }

    private static boolean has(List<CommandLine> commands, ValueCompletion.Kind... kinds) {
        for (CommandLine c : commands) {
            for (OptionSpec o : CommandTree.options(c.getCommandSpec())) {
                if (List.of(kinds).contains(ValueCompletion.of(o, c).kind())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code FN_refs REPO [range]}: the refs of REPO, after the {@code ..} of a range; nothing without git. */
    private static String gitRefs(String fn) {
        return fn + "_refs() {\n"
                + "    local IFS=$'\\n' prefix= refs\n"
                + "    type git >/dev/null 2>&1 || return 0\n"
                + "    refs=$(git -C \"$1\" for-each-ref --format='%(refname:short)' 2>/dev/null) || return 0\n"
                + "    [[ $2 == range && $cur == *..* ]] && prefix=${cur%..*}..\n"
                + "    COMPREPLY=( $(compgen -P \"$prefix\" -W \"$refs\" -- \"${cur#\"$prefix\"}\") )\n"
                + "}\n\n";
    }

    /**
     * {@code FN_names FILE...}: {@code hosts.NAME} and {@code guests.NAME} of the scenarios in FILEs (a list entry's
     * {@code name:}, or a key of hosts/guests written as a mapping), with awk; the same text in bash and zsh.
     */
    static String namesFunction(String fn) {
        // Keys under hosts:/guests: written as mappings are names, but for these (a list entry's keys).
        Set<String> schemaKeys = new LinkedHashSet<>(List.of("name"));
        for (String k : Assignments.hostPaths()) {
            schemaKeys.add(k.substring(0, k.length() - 1));
        }
        for (String k : Assignments.guestPaths()) {
            schemaKeys.add(k.substring(0, k.length() - 1));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(fn).append("_names() {\n")
                .append("    (( $# )) || return 0\n")
                .append("    awk '\n")
                .append("        /^[A-Za-z_][A-Za-z0-9_-]*:/ { top = $0; sub(/:.*/, \"\", top); next }\n")
                .append("        top != \"hosts\" && top != \"guests\" { next }\n")
                .append("        match($0, /(^|[{ ,-])name: *[\"\\047]?[^\"\\047 ,}#]+/) {\n")
                .append("            s = substr($0, RSTART, RLENGTH); sub(/.*name: *[\"\\047]?/, \"\", s)\n")
                .append("            print top \".\" s; next\n")
                .append("        }\n")
                .append("        match($0, /^  [^ #-][^: ]*:/) {\n")
                .append("            s = substr($0, 3, RLENGTH - 3)\n")
                .append("            if (s !~ /^(").append(String.join("|", schemaKeys)).append(")$/) print top \".\" s\n")
                .append("        }' \"$@\" 2>/dev/null\n")
                .append("}\n\n");
        return sb.toString();
    }

    /**
     * {@link #namesFunction}, and {@code FN_assign set|matrix ARG FILE...}: the path of a {@code --set}/{@code
     * --matrix} argument (top-level keys, the keys under the hosts and guests of FILEs or under the host or guest
     * typed), then its value where it is a closed set ({@link Assignments}).
     */
    private static String assignments(String fn) {
        StringBuilder sb = new StringBuilder(namesFunction(fn));
        sb.append(fn).append("_assign() {\n")
                .append("    local mode=$1 arg=$2 path value prefix= w k IFS=$' \\t\\n'\n")
                .append("    local -a words=()\n")
                .append("    shift 2\n")
                .append("    if [[ $arg == *=* ]]; then\n")
                .append("        path=${arg%%=*} value=${arg#*=}\n")
                .append("        case $path in\n");
        for (Assignments.Values v : Assignments.values()) {
            sb.append("            ").append(v.pattern()).append(") words=(").append(quoteAll(v.values())).append(")");
            if (v.all()) {
                sb.append("; [[ $mode == matrix ]] && words+=(all)");
            }
            sb.append(" ;;\n");
        }
        sb.append("        esac\n")
                .append("        # --matrix takes a comma list: complete the value after the last comma\n")
                .append("        [[ $mode == matrix && $value == *,* ]] && prefix=${value%,*},\n")
                .append("        COMPREPLY=( $(compgen -P \"$prefix\" -W \"${words[*]}\" -- \"${value##*,}\") )\n")
                .append("        return 0\n")
                .append("    fi\n")
                .append("    [[ $arg == *.* ]] || words=(").append(quoteAll(Assignments.topPaths())).append(")\n")
                .append("    for w in $(").append(fn).append("_names \"$@\"); do\n")
                .append("        case $w in\n")
                .append("            hosts.*) for k in ").append(quoteAll(Assignments.hostPaths()))
                .append("; do words+=(\"$w.$k\"); done ;;\n")
                .append("            guests.*) for k in ").append(quoteAll(Assignments.guestPaths())).append(' ')
                .append(quoteAll(prefixed("vmm.", Assignments.vmmPaths())))
                .append("; do words+=(\"$w.$k\"); done ;;\n")
                .append("        esac\n")
                .append("    done\n")
                .append("    compopt -o nospace 2>/dev/null\n")
                .append("    COMPREPLY=( $(compgen -W \"${words[*]}\" -- \"$arg\") )\n")
                .append("    (( ${#COMPREPLY[@]} )) && return 0\n")
                .append("    # a host or guest the scenarios given do not name: the keys under the name typed\n")
                .append("    words=()\n")
                .append("    case $arg in\n")
                .append("        guests.?*.vmm.*) for k in ").append(quoteAll(Assignments.vmmPaths()))
                .append("; do words+=(\"${arg%.*}.$k\"); done ;;\n")
                .append("        guests.?*.*) for k in ").append(quoteAll(Assignments.guestPaths()))
                .append("; do words+=(\"${arg%.*}.$k\"); done ;;\n")
                .append("        hosts.?*.*) for k in ").append(quoteAll(Assignments.hostPaths()))
                .append("; do words+=(\"${arg%.*}.$k\"); done ;;\n")
                .append("    esac\n")
                .append("    COMPREPLY=( $(compgen -W \"${words[*]}\" -- \"$arg\") )\n")
                .append("}\n\n");
        return sb.toString();
    }

    private static List<String> prefixed(String prefix, List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(prefix + w);
        }
        return out;
    }

    private static String quoteAll(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(quote(w));
        }
        return String.join(" ", out);
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
