package dev.kimpact.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trailer parser shared by git commits and mbox patches: {@code Key: value} lines of a message's last
 * paragraph, as git-interpret-trailers(1) finds them, keys matched case-insensitively and written in their
 * canonical spelling (Documentation/process/submitting-patches.rst), values split into name and address.
 */
public final class Trailers {

    public static final String SIGNED_OFF_BY = "Signed-off-by";
    public static final String ACKED_BY = "Acked-by";
    public static final String REVIEWED_BY = "Reviewed-by";
    public static final String TESTED_BY = "Tested-by";
    public static final String CC = "Cc";
    public static final String LINK = "Link";
    public static final String FIXES = "Fixes";

    /** Keys in their canonical spelling, by lower-case key. */
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("signed-off-by", SIGNED_OFF_BY),
            Map.entry("acked-by", ACKED_BY),
            Map.entry("reviewed-by", REVIEWED_BY),
            Map.entry("tested-by", TESTED_BY),
            Map.entry("cc", CC),
            Map.entry("to", "To"),
            Map.entry("link", LINK),
            Map.entry("fixes", FIXES),
            Map.entry("closes", "Closes"),
            Map.entry("reported-by", "Reported-by"),
            Map.entry("suggested-by", "Suggested-by"),
            Map.entry("co-developed-by", "Co-developed-by"),
            Map.entry("reported-and-tested-by", "Reported-and-tested-by"),
            Map.entry("requested-by", "Requested-by"),
            Map.entry("originally-by", "Originally-by"),
            Map.entry("debugged-by", "Debugged-by"),
            Map.entry("bisected-by", "Bisected-by"),
            Map.entry("message-id", "Message-ID"),
            Map.entry("change-id", "Change-Id"),
            Map.entry("base-commit", "base-commit"));

    // A key is a token of letters, digits and dashes; spaces may precede the colon ("Signed-off-by :").
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9-]*)[ \\t]*:[ \\t]*(.*)$");
    private static final Pattern ANGLE = Pattern.compile("^(.*?)\\s*<([^<>\\s]+@[^<>\\s]+)>");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[,;]+$");

    private Trailers() {
    }

    /** The canonical spelling of a trailer key: known keys as the kernel writes them, others "Xxx-yyy". */
    public static String canonicalKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        String known = CANONICAL.get(lower);
        if (known != null) {
            return known;
        }
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    /**
     * The trailers of a full commit message (subject, blank line, body). The subject paragraph never holds
     * trailers; the last paragraph does if it has a known key (Signed-off-by, Cc, ...) or holds only
     * {@code Key: value} lines. Lines indented by whitespace continue the previous trailer.
     */
    public static List<Trailer> parse(String message) {
        if (message == null) {
            return List.of();
        }
        String[] lines = message.indexOf('\r') < 0 ? message.split("\n", -1)
                : message.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int end = lines.length;
        while (end > 0 && lines[end - 1].isBlank()) {
            end--;
        }
        int firstBlank = -1;
        for (int i = 0; i < end; i++) {
            if (lines[i].isBlank()) {
                firstBlank = i;
                break;
            }
        }
        if (firstBlank < 0) {
            return List.of(); // only a subject paragraph
        }
        int start = end;
        while (start > firstBlank + 1 && !lines[start - 1].isBlank()) {
            start--;
        }
        List<String[]> raw = new ArrayList<>();
        int others = 0;
        boolean known = false;
        for (int i = start; i < end; i++) {
            String line = lines[i];
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !raw.isEmpty()) {
                String[] last = raw.get(raw.size() - 1);
                last[1] = last[1] + " " + line.trim();
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.matches() && !m.group(2).startsWith("//")) {
                raw.add(new String[] {m.group(1), m.group(2).trim()});
                known |= CANONICAL.containsKey(m.group(1).toLowerCase(Locale.ROOT));
            } else {
                others++;
            }
        }
        if (raw.isEmpty() || (!known && others > 0)) {
            return List.of();
        }
        List<Trailer> out = new ArrayList<>(raw.size());
        for (String[] kv : raw) {
            out.add(of(kv[0], kv[1]));
        }
        return out;
    }

    /** A trailer from a key (any case) and a value, the value split into name and address. */
    public static Trailer of(String key, String value) {
        String k = canonicalKey(key.trim());
        String v = value.trim();
        String name = null;
        String email = null;
        Matcher m = ANGLE.matcher(v);
        if (m.find()) {
            name = unquote(m.group(1).trim());
            email = m.group(2);
        } else {
            String first = TRAILING_PUNCTUATION.matcher(SPACE.split(v, 2)[0]).replaceAll("");
            if (first.indexOf('@') > 0 && !first.contains("://") && !first.contains("<")) {
                email = first;
            } else if (isPersonKey(k)) {
                name = stripComment(v);
            }
        }
        if (name != null && name.isEmpty()) {
            name = null;
        }
        return new Trailer(k, name, email, v);
    }

    /** Keys whose value names a person: {@code *-by}, Cc, To. */
    static boolean isPersonKey(String canonicalKey) {
        String lower = canonicalKey.toLowerCase(Locale.ROOT);
        return lower.endsWith("-by") || lower.equals("cc") || lower.equals("to");
    }

    private static String stripComment(String v) {
        int hash = v.indexOf(" #");
        String s = hash >= 0 ? v.substring(0, hash) : v;
        return unquote(s.trim());
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"");
        }
        return s;
    }
}
