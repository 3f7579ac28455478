package dev.kimpact.series;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Literal strings one of which every match of a MAINTAINERS regex (K: or N:) contains, found from the regex's
 * source: a text that contains none of them cannot match, and the regex need not run on it. Most K: and N:
 * regexes of the kernel's MAINTAINERS are a word ({@code \bkvm_}, {@code [^a-z]tegra}, {@code \b(ABS|SYN)_MT_});
 * running each over every changed line and every path is what made {@code series} slow on a file of that size,
 * and {@link String#contains} rules most of them out.
 *
 * <p>Conservative by construction: each top-level alternative must have a run of at least {@value #MIN_LENGTH}
 * plain characters outside groups, classes and escapes, none made optional by a quantifier; anything the scan
 * does not understand (inline flags such as {@code (?i)}, {@code \Q}, escapes that take arguments such as
 * {@code \x41} or {@code \p{L}}, back references, flags other than {@link Pattern#COMMENTS}) leaves the regex
 * without a prefilter, and it runs on every text as before.
 */
final class LiteralPrefilter {

    /** The shortest literal worth testing for; a shorter one rules out too little to pay for itself. */
    static final int MIN_LENGTH = 3;

    /** No literal is known: every text may match. */
    static final LiteralPrefilter NONE = new LiteralPrefilter(null);

    // Escapes of one letter that match one character or a position, and take no argument (java.util.regex.Pattern).
    private static final String SIMPLE_ESCAPES = "bBwWdDsShHvVRXAzZGtnrfae";

    private final List<String> anyOf;

    private LiteralPrefilter(List<String> anyOf) {
        this.anyOf = anyOf;
    }

    /** The literals of {@code regex}, one per top-level alternative; {@link #NONE} when they cannot be proved. */
    static LiteralPrefilter of(Pattern regex) {
        int flags = regex.flags();
        if ((flags & ~Pattern.COMMENTS) != 0) {
            return NONE;
        }
        List<String> literals = new Scan(regex.pattern(), flags == Pattern.COMMENTS).literals();
        return literals == null ? NONE : new LiteralPrefilter(List.copyOf(literals));
    }

    /** False only if {@code text} contains none of the literals: then the regex cannot find a match in it. */
    boolean mayFind(String text) {
        if (anyOf == null) {
            return true;
        }
        for (String literal : anyOf) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** The literals (one of which every match contains), or null for {@link #NONE}. */
    List<String> literals() {
        return anyOf;
    }

    /** One pass over a regex's source, outside groups and classes; null as soon as something is not understood. */
    private static final class Scan {
        private final String src;
        private final boolean comments;
        private final StringBuilder run = new StringBuilder();
        private String longest = "";
        private int i;

        Scan(String src, boolean comments) {
            this.src = src;
            this.comments = comments;
        }

        List<String> literals() {
            if (src.contains("\\Q") || hasInlineFlags()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            while (i < src.length()) {
                char c = src.charAt(i);
                if (comments && isSpace(c)) {
                    i++;                    // ignored in COMMENTS mode: "a b" is "ab"
                } else if (comments && c == '#') {
                    skipComment();
                } else if (c == '|') {
                    if (!endAlternative(out)) {
                        return null;
                    }
                    i++;
                } else if (c == '(') {
                    endRun();
                    if (!skipGroup()) {
                        return null;
                    }
                } else if (c == '[') {
                    endRun();
                    if (!skipClass()) {
                        return null;
                    }
                } else if (c == ')') {
                    return null;            // unbalanced: not a regex this scan understands
                } else if (c == '\\') {
                    if (i + 1 >= src.length()) {
                        return null;
                    }
                    char d = src.charAt(i + 1);
                    if (Character.isLetterOrDigit(d)) {
                        if (SIMPLE_ESCAPES.indexOf(d) < 0) {
                            return null;    // \x41, \p{L}, \1, \k<n>, \cX, ...: an argument follows
                        }
                        endRun();
                    } else {
                        run.append(d);      // \. \- \/ \# \  ...: that character
                    }
                    i += 2;
                } else if (c == '?' || c == '*' || c == '+' || c == '{') {
                    quantifier();
                    if (c == '{' && !skipPast('}')) {
                        return null;
                    }
                    if (c != '{') {
                        i++;
                    }
                } else if (c == '.' || c == '^' || c == '$') {
                    endRun();
                    i++;
                } else {
                    run.append(c);
                    i++;
                }
            }
            return endAlternative(out) ? out : null;
        }

        /** A quantifier applies to the character before it (if a literal run ends there): it is not required. */
        private void quantifier() {
            int n = run.length();
            if (n > 0) {
                boolean pair = n > 1 && Character.isLowSurrogate(run.charAt(n - 1))
                        && Character.isHighSurrogate(run.charAt(n - 2));
                run.setLength(n - (pair ? 2 : 1));
            }
            endRun();
        }

        private void endRun() {
            if (run.length() > longest.length()) {
                longest = run.toString();
            }
            run.setLength(0);
        }

        private boolean endAlternative(List<String> out) {
            endRun();
            if (longest.length() < MIN_LENGTH) {
                return false;
            }
            if (!out.contains(longest)) {
                out.add(longest);
            }
            longest = "";
            return true;
        }

        /** From '(' to past its ')', nested groups, classes, escapes and comments included. */
        private boolean skipGroup() {
            int depth = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == '[') {
                    if (!skipClass()) {
                        return false;
                    }
                } else if (comments && c == '#') {
                    skipComment();
                } else {
                    if (c == '(') {
                        depth++;
                    } else if (c == ')' && --depth == 0) {
                        i++;
                        return true;
                    }
                    i++;
                }
            }
            return false;
        }

        /**
         * From '[' to past its ']', nested classes ({@code [a-z&&[^b]]}) and escapes included. White space or
         * '#' inside a class in COMMENTS mode (which java.util.regex ignores there) is not followed: refused.
         */
        private boolean skipClass() {
            int depth = 0;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (comments && (isSpace(c) || c == '#')) {
                    return false;
                }
                if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    i++;
                    return true;
                }
                i++;
            }
            return false;
        }

        private boolean skipPast(char close) {
            int at = src.indexOf(close, i);
            if (at < 0) {
                return false;
            }
            i = at + 1;
            return true;
        }

        private void skipComment() {
            while (i < src.length() && src.charAt(i) != '\n' && src.charAt(i) != '\r') {
                i++;
            }
        }

        /** {@code (?i)}, {@code (?-x)}, {@code (?u:...)}: flags that change how the rest reads. */
        private boolean hasInlineFlags() {
            for (int at = src.indexOf("(?"); at >= 0; at = src.indexOf("(?", at + 1)) {
                if (at + 2 < src.length()) {
                    char c = src.charAt(at + 2);
                    if (Character.isLetter(c) || c == '-') {
                        return true;
                    }
                }
            }
            return false;
        }

        // Pattern's COMMENTS mode ignores these (ASCII.isSpace): space, \t, \n, \u000B, \f, \r.
        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
        }
    }
}
