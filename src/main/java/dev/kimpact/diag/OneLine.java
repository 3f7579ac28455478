package dev.kimpact.diag;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a message safe to print as one terminal line, whatever the input it quotes: control and format
 * characters (newlines, escape sequences, bidirectional overrides) are written as escapes, a quoted value
 * longer than {@link #MAX_QUOTED} characters is cut with its length given, and the whole line is bounded.
 */
public final class OneLine {

    /** Longest {@code 'quoted value'} shown whole. */
    static final int MAX_QUOTED = 60;
    /** Characters of a long quoted value that are shown. */
    static final int SHOWN = 40;
    /** Longest line. */
    static final int MAX_LINE = 500;

    private static final Pattern QUOTED = Pattern.compile("'([^'\n]*)'");

    private OneLine() {
    }

    public static String of(String message) {
        String s = escape(message == null ? "null" : message);
        Matcher m = QUOTED.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {          // quotes pair up left to right
            String v = m.group(1);
            m.appendReplacement(sb, Matcher.quoteReplacement(v.length() <= MAX_QUOTED ? m.group()
                    : "'" + v.substring(0, SHOWN) + "...' (" + v.length() + " characters)"));
        }
        m.appendTail(sb);
        if (sb.length() > MAX_LINE) {
            sb.setLength(MAX_LINE - 3);
            sb.append("...");
        }
        return sb.toString();
    }

    /** Control and format characters as escapes ({@code \n}, {@code \e}, {@code \u202E}); the rest as is. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String e = escapeOf(c);
            if (e != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (e != null) {
                    sb.append(e);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case 0x1B: return "\\e";
            case 0: return "\\0";
            default:
                break;
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04X", (int) c);
        }
        return null;
    }
}
