package dev.kimpact.cli;

import dev.kimpact.cli.docs.HelpText;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Suggest;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How help reads and how usage errors look. Descriptions are written as hard-wrapped lines; help prints them as
 * paragraphs wrapped to the usage width (indented lines, such as the scenario schema of {@code check}, verbatim),
 * the command list shows each command's first sentence, examples are printed as written (never broken inside a
 * word), and picocli's usage errors become kimpact's one-line errors.
 */
final class HelpLayout {

    private HelpLayout() {
    }

    /** Installs the help sections on {@code cl} and the commands under it. */
    static void install(CommandLine cl) {
        java.util.Map<String, CommandLine.IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        cl.setHelpSectionMap(sections);
    }

    private static String description(Help help) {
        StringBuilder out = new StringBuilder();
        int width = help.commandSpec().usageMessage().width();
        String previous = null;
        for (String p : HelpText.paragraphs(help.commandSpec().usageMessage().description())) {
            boolean verbatim = HelpText.verbatim(p);
            // A blank line between paragraphs; none inside a block of verbatim lines or after the line introducing it.
            if (previous != null && !(verbatim && (HelpText.verbatim(previous) || previous.endsWith(":")))) {
                out.append('\n');
            }
            if (verbatim) {
                out.append(p).append('\n');
            } else {
                wrap(p, width, "", out);
            }
            previous = p;
        }
        return out.toString();
    }

    private static String footer(Help help) {
        String[] footer = help.commandSpec().usageMessage().footer();
        StringBuilder out = new StringBuilder();
        for (String f : footer) {
            out.append(HelpText.plain(f)).append('\n');
        }
        return out.toString();
    }

    private static String commandList(Help help) {
        List<CommandLine> children = new ArrayList<>();
        for (CommandLine c : help.commandSpec().subcommands().values()) {
            if (!c.getCommandSpec().usageMessage().hidden() && !children.contains(c)) {
                children.add(c);
            }
        }
        if (children.isEmpty()) {
            return "";
        }
        int nameWidth = 0;
        for (CommandLine c : children) {
            nameWidth = Math.max(nameWidth, c.getCommandName().length());
        }
        String indent = " ".repeat(2 + nameWidth + 2);
        StringBuilder out = new StringBuilder();
        int width = help.commandSpec().usageMessage().width();
        for (CommandLine c : children) {
            StringBuilder line = new StringBuilder();
            String summary = HelpText.summary(c.getCommandSpec());
            wrap(summary.endsWith("?") || summary.endsWith("!") ? summary : summary + ".", width, indent, line);
            out.append("  ").append(String.format(Locale.ROOT, "%-" + nameWidth + "s", c.getCommandName()))
                    .append("  ").append(line.substring(indent.length()));
        }
        return out.toString();
    }

    /** {@code text} wrapped at spaces to {@code width} columns, every line starting with {@code indent}. */
    static void wrap(String text, int width, String indent, StringBuilder out) {
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.split(" +")) {
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line).append('\n');
    }

    /**
     * A usage error picocli found, as kimpact's one line: {@code kimpact: error: message (did you mean 'x'?)}, with
     * the nearest command or option for an unknown one, else a pointer to the command's help.
     */
    static String usageError(ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        CommandSpec spec = c.getCommandSpec();
        String message = ex.getMessage() == null ? "bad usage" : ex.getMessage().replaceFirst("^Error: ", "");
        String suggestion = null;
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            List<String> candidates = new ArrayList<>();
            if (arg.startsWith("-") && arg.length() > 1) {
                arg = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                for (OptionSpec o : spec.options()) {
                    candidates.addAll(List.of(o.names()));
                }
                message = "unknown option '" + arg + "'";
            } else if (!spec.subcommands().isEmpty()) {
                candidates.addAll(spec.subcommands().keySet());
                message = "unknown command '" + arg + "'";
            } else {
                message = "unexpected argument '" + arg + "'";
            }
            suggestion = Suggest.nearest(arg, candidates).orElse(null);
        } else if (ex.getArgSpec() instanceof OptionSpec o && o.type().isEnum() && o.completionCandidates() != null
                && ex.getValue() != null) {
            // picocli lists every constant of the enum; the option's candidates are what this command accepts.
            List<String> candidates = new ArrayList<>();
            o.completionCandidates().forEach(candidates::add);
            message = "invalid value '" + ex.getValue() + "' for option '" + o.longestName() + "' (expected one of: "
                    + String.join(", ", candidates) + ")";
            suggestion = Suggest.nearest(ex.getValue(), candidates).orElse(null);
        }
        if (!message.isEmpty()) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        if (suggestion == null) {
            message += " (see '" + spec.qualifiedName() + " --help')";
        }
        return "kimpact: error: " + new InputException(null, message, suggestion).render();
    }
}
