package dev.kimpact.cli.docs;

import dev.kimpact.finding.RuleId;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One section-1 man page in troff (man(7) macros) for one command of the picocli model: NAME, SYNOPSIS,
 * DESCRIPTION, COMMANDS, OPTIONS, ARGUMENTS, EXAMPLES (the command's footer), EXIT STATUS, ENVIRONMENT and
 * SEE ALSO.
 */
public final class ManPage {

    /** How to regenerate the committed pages and scripts (printed in their headers and by the freshness test). */
    public static final String REGENERATE = "mvn -q -B -Pdocs process-classes";

    /** EXIT STATUS of a command that neither declares its own nor has --fail-on. */
    private static final Map<String, String> PLAIN_EXIT_STATUS = exitStatus(
            "0", "Success.",
            "2", "Bad input or usage: an unknown option or name, a malformed value, a missing file. "
                    + "The message names the problem and, where it can, suggests the nearest valid value.",
            "3", "An I/O error (for example, --output cannot be written) or an internal error; "
                    + "run with -v for the stack trace.");

    private ManPage() {
    }

    public static String render(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        StringBuilder out = new StringBuilder();
        String page = CommandTree.pageName(spec);
        out.append(".\\\" Generated from the picocli model by dev.kimpact.cli.GenerateDocs: do not edit.\n");
        out.append(".\\\" Regenerate: ").append(REGENERATE).append('\n');
        out.append(".TH \"").append(Troff.escape(page.toUpperCase(Locale.ROOT)))
                .append("\" \"1\" \"\" \"kimpact\" \"kimpact manual\"\n");
        out.append(".nh\n.ad l\n");

        out.append(".SH NAME\n").append(Troff.escape(page)).append(" \\- ")
                .append(Troff.escape(lowerFirst(HelpText.summary(spec)))).append('\n');

        out.append(".SH SYNOPSIS\n");
        String synopsis = new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0)
                .strip().replaceAll("\\s+", " ");
        String name = spec.qualifiedName();
        String rest = synopsis.startsWith(name) ? synopsis.substring(name.length()).strip() : synopsis;
        out.append(".B ").append(Troff.escape(name)).append('\n');
        if (!rest.isEmpty()) {
            out.append(Troff.escape(rest)).append('\n');
        }

        List<String> description = HelpText.paragraphs(spec.usageMessage().description());
        if (!description.isEmpty()) {
            out.append(".SH DESCRIPTION\n");
            paragraphs(description, out);
        }
        commands(command, out);
        options(spec, out);
        arguments(spec, out);
        if (spec.root() == spec) {
            rules(out);
        }
        examples(spec, out);
        exitStatus(command, out);
        environment(spec, out);
        seeAlso(command, out);
        return out.toString();
    }

    /** Paragraphs, and runs of verbatim lines as one no-fill block (the scenario schema of check). */
    private static void paragraphs(List<String> paragraphs, StringBuilder out) {
        boolean first = true;
        boolean inBlock = false;
        for (String p : paragraphs) {
            boolean verbatim = HelpText.verbatim(p);
            if (inBlock && !verbatim) {
                out.append(".fi\n.RE\n");
                inBlock = false;
            }
            if (!first && !inBlock) {
                out.append(".PP\n");
            }
            if (verbatim && !inBlock) {
                out.append(".RS 2\n.nf\n");
                inBlock = true;
            }
            out.append(Troff.escape(verbatim && p.startsWith("  ") ? p.substring(2) : p.strip())).append('\n');
            first = false;
        }
        if (inBlock) {
            out.append(".fi\n.RE\n");
        }
    }

    private static void commands(CommandLine command, StringBuilder out) {
        List<CommandLine> children = CommandTree.children(command);
        if (children.isEmpty()) {
            return;
        }
        out.append(".SH COMMANDS\n");
        for (CommandLine child : children) {
            CommandSpec c = child.getCommandSpec();
            out.append(".TP\n").append(Troff.bold(c.name())).append('\n')
                    .append(Troff.escape(sentence(HelpText.summary(c))))
                    .append(" See \\fB").append(Troff.escape(CommandTree.pageName(c))).append("\\fR(1).\n");
        }
    }

    private static void options(CommandSpec spec, StringBuilder out) {
        List<OptionSpec> options = CommandTree.options(spec);
        if (options.isEmpty()) {
            return;
        }
        out.append(".SH OPTIONS\n");
        for (OptionSpec o : options) {
            out.append(".TP\n");
            List<String> names = new ArrayList<>();
            for (String n : o.names()) {
                names.add(Troff.bold(n));
            }
            out.append(String.join(", ", names));
            if (CommandTree.takesValue(o)) {
                out.append('=').append(Troff.italic(o.paramLabel()));
                if (o.isMultiValue()) {
                    out.append("...");
                }
            }
            out.append('\n');
            String text = String.join(" ", HelpText.paragraphs(o.description()));
            List<String> notes = new ArrayList<>();
            ArgGroupSpec group = o.group();
            if (group != null && group.exclusive() && group.args().size() > 1) {
                List<String> others = new ArrayList<>();
                for (ArgSpec a : group.args()) {
                    if (a != o && a instanceof OptionSpec other) {
                        others.add(other.longestName());
                    }
                }
                notes.add((group.multiplicity().min() > 0 ? "Required unless " : "Not together with ")
                        + String.join(" or ", others) + (group.multiplicity().min() > 0 ? " is given." : "."));
            } else if (o.required()) {
                notes.add("Required.");
            }
            if (o.isMultiValue()) {
                notes.add("May be repeated.");
            }
            if (o.inherited()) {
                notes.add("Also accepted before the subcommand.");
            }
            String all = (sentence(text) + " " + String.join(" ", notes)).strip();
            out.append(Troff.escape(all)).append('\n');
        }
    }

    private static void arguments(CommandSpec spec, StringBuilder out) {
        List<PositionalParamSpec> positionals = CommandTree.positionals(spec);
        if (positionals.isEmpty()) {
            return;
        }
        out.append(".SH ARGUMENTS\n");
        for (PositionalParamSpec p : positionals) {
            out.append(".TP\n").append(Troff.italic(p.paramLabel()));
            if (p.isMultiValue()) {
                out.append("...");
            }
            out.append('\n');
            String text = sentence(String.join(" ", HelpText.paragraphs(p.description())));
            if (p.arity().min() == 0) {
                text = (text + " Optional.").strip();
            }
            out.append(Troff.escape(text)).append('\n');
        }
    }

    private static void rules(StringBuilder out) {
        out.append(".SH RULES\n");
        out.append("Every finding names a stable rule id; ").append(Troff.bold("kimpact explain RULE"))
                .append(" prints what fires it, the history behind it, how to fix it and how to suppress it.\n");
        for (RuleId r : RuleId.values()) {
            out.append(".TP\n").append(Troff.bold(r.id())).append(" (").append(r.severity().id()).append(")\n")
                    .append(Troff.escape(sentence(upperFirst(r.summary())))).append('\n');
        }
    }

    private static void examples(CommandSpec spec, StringBuilder out) {
        String[] footer = spec.usageMessage().footer();
        List<String> lines = new ArrayList<>();
        for (String f : footer) {
            for (String line : HelpText.plain(f).split("\\R", -1)) {
                lines.add(line.stripTrailing());
            }
        }
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            return;
        }
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        out.append(".SH EXAMPLES\n.PP\n.RS 4\n.nf\n");
        for (String l : lines) {
            out.append(Troff.escape(l.isBlank() ? "" : l.substring(indent))).append('\n');
        }
        out.append(".fi\n.RE\n");
    }

    private static void exitStatus(CommandLine command, StringBuilder out) {
        CommandSpec spec = command.getCommandSpec();
        Map<String, String> codes = spec.usageMessage().exitCodeList();
        if (codes.isEmpty()) {
            codes = spec.findOption("--fail-on") != null ? spec.root().usageMessage().exitCodeList() : PLAIN_EXIT_STATUS;
        }
        if (codes.isEmpty()) {
            return;
        }
        out.append(".SH \"EXIT STATUS\"\n");
        for (Map.Entry<String, String> e : codes.entrySet()) {
            out.append(".TP\n").append(Troff.bold(e.getKey().strip())).append('\n')
                    .append(Troff.escape(sentence(upperFirst(HelpText.plain(e.getValue()).strip())))).append('\n');
        }
    }

    private static void environment(CommandSpec spec, StringBuilder out) {
        boolean root = spec.root() == spec;
        boolean color = root || spec.findOption("--color") != null;
        if (!color) {
            return;
        }
        out.append(".SH ENVIRONMENT\n");
        out.append(".TP\n").append(Troff.bold("NO_COLOR")).append('\n')
                .append(Troff.escape("When set to a non-empty value, --color auto (the default) does not colour the "
                        + "report; --color always still does (https://no-color.org)."))
                .append('\n');
        if (root) {
            out.append(".TP\n").append(Troff.bold("JAVA_HOME")).append('\n')
                    .append(Troff.escape("The JVM the kimpact launcher runs (JAVA_HOME/bin/java); java on PATH "
                            + "when unset.")).append('\n');
            out.append(".TP\n").append(Troff.bold("KIMPACT_JAVA_OPTS")).append('\n')
                    .append(Troff.escape("Extra JVM options for the launcher, for example -Xmx2g.")).append('\n');
        }
    }

    private static void seeAlso(CommandLine command, StringBuilder out) {
        CommandSpec spec = command.getCommandSpec();
        List<String> refs = new ArrayList<>();
        if (command.getParent() != null) {
            refs.add(CommandTree.pageName(command.getParent().getCommandSpec()));
        }
        for (CommandLine child : CommandTree.children(command)) {
            refs.add(CommandTree.pageName(child.getCommandSpec()));
        }
        if (spec.root() != spec && !"explain".equals(spec.name())) {
            refs.add(CommandTree.pageName(spec.root()) + "-explain");
        }
        List<String> rendered = new ArrayList<>();
        for (String r : new LinkedHashSet<>(refs)) {
            rendered.add("\\fB" + Troff.escape(r) + "\\fR(1)");
        }
        if (!rendered.isEmpty()) {
            out.append(".SH \"SEE ALSO\"\n").append(String.join(",\n", rendered)).append('\n');
        }
    }

    private static Map<String, String> exitStatus(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static String sentence(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.endsWith(".") || t.endsWith("?") || t.endsWith("!") || t.endsWith(":")) {
            return t;
        }
        return t + ".";
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    private static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
