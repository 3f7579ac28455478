package dev.kimpact.series;

import java.util.regex.Pattern;

/**
 * An {@code F:} or {@code X:} pattern of MAINTAINERS, matched the way scripts/get_maintainer.pl's
 * {@code file_match_pattern} does: the pattern is anchored at the start of the path only; a pattern ending in
 * {@code /} matches everything below that directory; any other pattern matches only paths with as many
 * {@code /} as itself, so {@code dir/*} is the files directly in {@code dir}. Globs {@code *} and {@code ?}
 * never cross a {@code /} (MAINTAINERS header: "F: *&#47;net/* all files in 'any top level directory'/net"),
 * {@code [...]} is a character class, every other character is literal. A literal pattern without the slash
 * that names a directory ({@code F: tools/testing/selftests/x86}) also matches below it, as get_maintainer.pl
 * adds the slash when the directory exists.
 */
public final class PathPattern {

    private final String text;
    private final boolean directory;
    private final boolean literal;
    private final int slashes;
    private final int depth;
    private final String literalDirectory;
    /** The glob as a regex; null for a literal, made at the first match unless it has a [...] class. */
    private volatile Pattern regex;

    public PathPattern(String text) {
        this.text = text;
        this.directory = text.endsWith("/");
        int glob = 0;
        while (glob < text.length() && "*?[".indexOf(text.charAt(glob)) < 0) {
            glob++;
        }
        this.literal = glob == text.length();       // matched with startsWith, no regex
        this.slashes = count(text);
        // get_maintainer.pl: $value_pd = slashes, +1 without a trailing slash, -1 for a leading '*' (THE REST)
        this.depth = text.startsWith("*") ? -1 : slashes + (directory ? 0 : 1);
        this.literalDirectory = text.substring(0, text.lastIndexOf('/', glob - 1) + 1);
        // Only a [...] class can make a regex java.util.regex refuses ([z-a]): compiled now, so that MAINTAINERS
        // reports it at its line. Other globs are compiled when a path is first tried (most never are: the
        // index files them under directories a series does not touch).
        if (text.indexOf('[') >= 0) {
            this.regex = Pattern.compile(translate(text));
        }
    }

    public String text() {
        return text;
    }

    /** How specific the pattern is (get_maintainer.pl's pattern depth); -1 for catch-alls such as {@code *}. */
    public int depth() {
        return depth;
    }

    /**
     * The directory every path this pattern matches starts with: its text up to the last '/' before the first
     * glob character ({@code "drivers/net/"} for {@code drivers/net/*.c}, {@code ""} for {@code *} or
     * {@code MAINTAINERS}). {@link MaintainerIndex} looks a path's patterns up by it.
     */
    String literalDirectory() {
        return literalDirectory;
    }

    public boolean matches(String path) {
        if (literal && !directory && path.startsWith(text) && path.length() > text.length()
                && path.charAt(text.length()) == '/') {
            return true; // a directory named without its trailing slash
        }
        if (literal ? !path.startsWith(text) : !regex().matcher(path).lookingAt()) {
            return false;
        }
        return directory || count(path) == slashes;
    }

    private Pattern regex() {
        Pattern p = regex;
        if (p == null) {
            p = Pattern.compile(translate(text));
            regex = p;
        }
        return p;
    }

    private static int count(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    private static String translate(String glob) {
        StringBuilder sb = new StringBuilder();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?' || c == '[') {
                int close = c == '[' ? glob.indexOf(']', i + 2) : -1;
                if (c == '[' && close < 0) {
                    lit.append(c);
                    continue;
                }
                if (lit.length() > 0) {
                    sb.append(Pattern.quote(lit.toString()));
                    lit.setLength(0);
                }
                if (c == '*') {
                    sb.append("[^/]*");
                } else if (c == '?') {
                    sb.append("[^/]");
                } else {
                    String cls = glob.substring(i + 1, close);
                    boolean negate = cls.startsWith("!") || cls.startsWith("^");
                    if (negate) {
                        cls = cls.substring(1);
                    }
                    sb.append(negate ? "[^/" : "[").append(cls.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = close;
                }
            } else {
                lit.append(c);
            }
        }
        if (lit.length() > 0) {
            sb.append(Pattern.quote(lit.toString()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
