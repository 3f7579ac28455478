package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.List;

/** A C token with the file:line of the logical source line (a {@code #define}, an enumerator) it was read from. */
record CToken(Kind kind, String text, Location at) {

    enum Kind { IDENT, NUMBER, PUNCT, OTHER }

    boolean is(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    private static final List<String> PUNCTS = List.of("<<", ">>", "&&", "||", "==", "!=", "<=", ">=", "##", "->");

    /** The tokens of one logical line (comments already removed); string and character literals are OTHER tokens. */
    static List<CToken> lex(String text, Location at) {
        List<CToken> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                out.add(new CToken(Kind.IDENT, text.substring(s, i), at));
            } else if (Character.isDigit(c)) {
                int s = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                    i++;
                }
                out.add(new CToken(Kind.NUMBER, text.substring(s, i), at));
            } else if (c == '"' || c == '\'') {
                int s = i++;
                while (i < text.length() && text.charAt(i) != c) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(i + 1, text.length());
                out.add(new CToken(Kind.OTHER, text.substring(s, i), at));
            } else {
                String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                if (PUNCTS.contains(two)) {
                    out.add(new CToken(Kind.PUNCT, two, at));
                    i += 2;
                } else {
                    out.add(new CToken(Kind.PUNCT, String.valueOf(c), at));
                    i++;
                }
            }
        }
        return out;
    }
}
