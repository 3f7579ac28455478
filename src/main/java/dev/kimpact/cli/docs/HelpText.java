package dev.kimpact.cli.docs;

import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;

/** Help strings of the picocli model as plain text: markup removed, {@code %n} applied, lines joined. */
public final class HelpText {

    private HelpText() {
    }

    /** One help string as picocli prints it, without colours. */
    public static String plain(String s) {
        String formatted;
        try {
            formatted = String.format(Locale.ROOT, s);
        } catch (IllegalFormatException e) {
            formatted = s;
        }
        return Ansi.OFF.string(formatted);
    }

    /**
     * Description lines (hard-wrapped for the terminal) as paragraphs: consecutive lines are joined, an empty line
     * (or an explicit %n%n) starts a new paragraph, and an indented line (a schema, a table) stays a line of its
     * own, with its indentation ({@link #verbatim}).
     */
    public static List<String> paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            for (String part : plain(line).split("\\R", -1)) {
                String t = part.strip();
                if (t.isEmpty()) {
                    flush(current, out);
                } else if (Character.isWhitespace(part.charAt(0))) {
                    flush(current, out);
                    out.add(part.stripTrailing());
                } else {
                    if (current.length() > 0) {
                        current.append(' ');
                    }
                    current.append(t);
                }
            }
        }
        flush(current, out);
        return out;
    }

    /** Whether a paragraph of {@link #paragraphs} is an indented line, to be shown as written. */
    public static boolean verbatim(String paragraph) {
        return !paragraph.isEmpty() && Character.isWhitespace(paragraph.charAt(0));
    }

    private static void flush(StringBuilder current, List<String> out) {
        if (current.length() > 0) {
            out.add(current.toString());
            current.setLength(0);
        }
    }

    /**
     * What a command does in one line (for NAME lines and completion menus), without the final period: its header
     * if it has one, else the first sentence of its description.
     */
    public static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        return summary(header.length > 0 ? header : spec.usageMessage().description());
    }

    /** The first sentence of a description, without the final period. */
    public static String summary(String[] lines) {
        List<String> paragraphs = paragraphs(lines);
        if (paragraphs.isEmpty()) {
            return "";
        }
        String p = paragraphs.get(0);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && (i + 1 == p.length() || Character.isWhitespace(p.charAt(i + 1)))) {
                return c == '.' ? p.substring(0, i) : p.substring(0, i + 1);
            }
        }
        return p;
    }
}
