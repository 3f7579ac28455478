package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code #define}s and enumerators of C files read in order, as the preprocessor of an x86_64 build sees them:
 * comments and line continuations, {@code #ifdef}/{@code #ifndef}/{@code #if 0|1}/{@code #elif}/{@code #else}/{@code #endif}
 * with {@code CONFIG_X86_64} set and {@code CONFIG_X86_32} unset, {@code #undef}, and {@code enum} constants
 * numbered as C numbers them. A definition under a condition it cannot resolve (another {@code CONFIG_}, an
 * {@code #if} expression) is kept, marked with why, so that using it is {@link Underivable} rather than a guess.
 * {@code BIT()} and {@code BIT_ULL()} are known as include/vdso/bits.h defines them, unless a file read defines them.
 */
final class CMacros {

    /**
     * @param params     parameter names of a function-like macro; null for an object-like one
     * @param unresolved why the definition may not be in force (an unresolved condition); null when it is
     */
    record Definition(String name, List<String> params, List<CToken> body, Location at, String unresolved) {
    }

    private static final Set<String> DEFINED = Set.of("CONFIG_X86_64", "CONFIG_64BIT", "__KERNEL__", "__x86_64__");
    private static final Set<String> UNDEFINED = Set.of("CONFIG_X86_32", "__ASSEMBLY__", "__i386__");

    private final Map<String, Definition> defs = new LinkedHashMap<>();

    CMacros() {
        Location bits = Location.of("include/vdso/bits.h (built in)");
        defs.put("BIT", new Definition("BIT", List.of("nr"), CToken.lex("(1UL << (nr))", bits), bits, null));
        defs.put("BIT_ULL", new Definition("BIT_ULL", List.of("nr"), CToken.lex("(1ULL << (nr))", bits), bits, null));
    }

    Definition get(String name) {
        return defs.get(name);
    }

    /** Reads {@code text} of {@code file}: its definitions join (or, defined differently, spoil) those read before. */
    void read(String file, String text) {
        Deque<Cond> conds = new ArrayDeque<>();
        List<Code> code = new ArrayList<>();
        for (Line line : logicalLines(text)) {
            Location at = new Location(file, line.number, 0);
            String s = line.text.strip();
            if (!s.startsWith("#")) {
                Cond in = effective(conds);
                if (in.state != State.FALSE && !s.isEmpty()) {
                    for (CToken t : CToken.lex(s, at)) {
                        code.add(new Code(t, in.state == State.UNKNOWN ? in.why : null));
                    }
                }
                continue;
            }
            String d = s.substring(1).strip();
            String word = d.split("[^A-Za-z_]", 2)[0];
            String rest = d.substring(word.length()).strip();
            Cond in = effective(conds);
            switch (word) {
                case "ifdef", "ifndef" -> {
                    String name = rest.split("\\s", 2)[0];
                    Cond c = defined(name, at);
                    conds.push(word.equals("ifdef") ? c : c.negate());
                }
                case "if" -> conds.push(constant(rest, "#if", at));
                case "elif" -> {
                    Cond prev = conds.isEmpty() ? null : conds.pop();
                    conds.push(prev != null && (prev.state == State.TRUE || prev.taken) ? Cond.DONE
                            : prev != null && prev.state == State.UNKNOWN // it may have been taken
                            ? new Cond(State.UNKNOWN, "#elif " + rest + " (" + at + ") is not resolved")
                            : constant(rest, "#elif", at));
                }
                case "else" -> {
                    if (!conds.isEmpty()) {
                        Cond prev = conds.pop();
                        conds.push(prev.taken ? Cond.DONE : prev.negate());
                    }
                }
                case "endif" -> {
                    if (!conds.isEmpty()) {
                        conds.pop();
                    }
                }
                case "define" -> {
                    if (in.state != State.FALSE) {
                        define(rest, at, in.state == State.UNKNOWN ? in.why : null);
                    }
                }
                case "undef" -> {
                    String name = rest.split("\\s", 2)[0];
                    Definition old = defs.get(name);
                    if (in.state == State.TRUE) {
                        defs.remove(name);
                    } else if (in.state == State.UNKNOWN && old != null) {
                        defs.put(name, new Definition(name, old.params, old.body, old.at,
                                "it may be #undef'd at " + at + ": " + in.why));
                    }
                }
                default -> {
                    // #include, #error, #pragma: nothing to evaluate
                }
            }
        }
        enums(code);
    }

    private void define(String rest, Location at, String unresolved) {
        int i = 0;
        while (i < rest.length() && (Character.isLetterOrDigit(rest.charAt(i)) || rest.charAt(i) == '_')) {
            i++;
        }
        String name = rest.substring(0, i);
        if (name.isEmpty()) {
            return;
        }
        List<String> params = null;
        String body = rest.substring(i);
        if (body.startsWith("(")) {
            int close = body.indexOf(')');
            if (close < 0) {
                return;
            }
            params = new ArrayList<>();
            for (String p : body.substring(1, close).split(",")) {
                if (!p.isBlank()) {
                    params.add(p.strip());
                }
            }
            body = body.substring(close + 1);
        }
        add(new Definition(name, params, CToken.lex(body, at), at, unresolved));
    }

    private void add(Definition d) {
        Definition old = defs.get(d.name());
        if (old != null && old.unresolved == null && d.unresolved == null && !sameBody(old, d)) {
            d = new Definition(d.name(), d.params(), d.body(), d.at(), "it is defined differently at " + old.at
                    + " and at " + d.at());
        } else if (old != null && d.unresolved == null && old.unresolved != null) {
            d = new Definition(d.name(), d.params(), d.body(), d.at(), "it is also defined at " + old.at + ", where "
                    + old.unresolved);
        }
        defs.put(d.name(), d);
    }

    private static boolean sameBody(Definition a, Definition b) {
        return a.body.stream().map(CToken::text).toList().equals(b.body.stream().map(CToken::text).toList())
                && java.util.Objects.equals(a.params, b.params);
    }

    /** Whether {@code #ifdef name} is taken at {@code at}. */
    private Cond defined(String name, Location at) {
        if (DEFINED.contains(name)) {
            return new Cond(State.TRUE, null);
        }
        if (UNDEFINED.contains(name)) {
            return new Cond(State.FALSE, null);
        }
        Definition d = defs.get(name);
        if (d != null) {
            return d.unresolved == null ? new Cond(State.TRUE, null)
                    : new Cond(State.UNKNOWN, "#ifdef " + name + " (" + at + ") is not resolved: " + d.unresolved);
        }
        if (name.startsWith("CONFIG_")) {
            return new Cond(State.UNKNOWN, "#ifdef " + name + " (" + at
                    + ") is not resolved (only CONFIG_X86_64, set, and CONFIG_X86_32, unset, are)");
        }
        if (name.matches("_*[A-Z0-9_]+_H_*")) {
            return new Cond(State.FALSE, null); // an include guard seen for the first time
        }
        return new Cond(State.UNKNOWN, "#ifdef " + name + " (" + at + ") is not resolved: " + name
                + " is not defined in the files read");
    }

    /** {@code #if 0}, {@code #if 1} (or {@code #elif}); any other expression is not resolved. */
    private static Cond constant(String expression, String directive, Location at) {
        return expression.equals("0") ? new Cond(State.FALSE, null)
                : expression.equals("1") ? new Cond(State.TRUE, null)
                : new Cond(State.UNKNOWN, directive + " " + expression + " (" + at + ") is not resolved");
    }

    private static Cond effective(Deque<Cond> conds) {
        Cond unknown = null;
        for (Cond c : conds) {
            if (c.state == State.FALSE) {
                return c;
            }
            if (c.state == State.UNKNOWN) {
                unknown = c; // the outermost unresolved condition names the reason
            }
        }
        return unknown != null ? unknown : new Cond(State.TRUE, null);
    }

    /** {@code enum [tag] { A, B = expr, ... }}: each enumerator becomes a constant, numbered as C numbers them. */
    private void enums(List<Code> code) {
        for (int i = 0; i < code.size(); i++) {
            CToken t = code.get(i).token;
            if (t.kind() != CToken.Kind.IDENT || !t.text().equals("enum")) {
                continue;
            }
            int j = i + 1;
            if (j < code.size() && code.get(j).token.kind() == CToken.Kind.IDENT) {
                j++;
            }
            if (j >= code.size() || !code.get(j).token.is("{")) {
                continue;
            }
            i = enumerators(code, j + 1);
        }
    }

    private int enumerators(List<Code> code, int i) {
        CValue next = CValue.ofInt(0);
        String spoiled = null;
        while (i < code.size() && !code.get(i).token.is("}")) {
            Code name = code.get(i);
            if (name.token.kind() != CToken.Kind.IDENT) {
                return i;
            }
            i++;
            List<CToken> expr = new ArrayList<>();
            int depth = 0;
            if (i < code.size() && code.get(i).token.is("=")) {
                i++;
                while (i < code.size() && !(depth == 0 && (code.get(i).token.is(",") || code.get(i).token.is("}")))) {
                    CToken e = code.get(i).token;
                    depth += e.is("(") ? 1 : e.is(")") ? -1 : 0;
                    spoiled = spoiled != null ? spoiled : code.get(i).unresolved;
                    expr.add(e);
                    i++;
                }
            }
            spoiled = spoiled != null ? spoiled : name.unresolved;
            CValue value = next;
            if (spoiled == null && !expr.isEmpty()) {
                try {
                    value = new CExpression(this).evaluate(expr, name.token.at());
                } catch (Underivable u) {
                    spoiled = "its value is underivable at " + u.at() + ": " + u.getMessage();
                }
            }
            String why = spoiled == null ? null : "enumerator " + name.token.text() + " (or one before it) "
                    + (spoiled.startsWith("its value") ? spoiled : "is under a condition: " + spoiled);
            Location at = name.token.at();
            add(new Definition(name.token.text(), null,
                    List.of(new CToken(CToken.Kind.NUMBER, Long.toString(value.bits()), at)), at, why));
            next = CValue.ofInt(value.bits() + 1);
            if (spoiled == null && next.bits() != value.bits() + 1) {
                spoiled = "its value is underivable at " + at + ": " + (value.bits() + 1) + " does not fit in int";
            }
            if (i < code.size() && code.get(i).token.is(",")) {
                i++;
            }
        }
        return i;
    }

    // ---- lines, conditions -------------------------------------------------------------------------------

    private record Line(int number, String text) {
    }

    private record Code(CToken token, String unresolved) {
    }

    private enum State { TRUE, FALSE, UNKNOWN }

    /**
     * One branch of an {@code #if} group: {@code taken} when an earlier branch of the group was taken, so that this
     * one (an {@code #elif} or {@code #else}) is not.
     */
    private record Cond(State state, String why, boolean taken) {

        static final Cond DONE = new Cond(State.FALSE, null, true);

        Cond(State state, String why) {
            this(state, why, false);
        }

        Cond negate() {
            return switch (state) {
                case TRUE -> new Cond(State.FALSE, null);
                case FALSE -> new Cond(State.TRUE, null);
                case UNKNOWN -> this;
            };
        }
    }

    /**
     * Logical lines, numbered by the physical line they start on: backslash-newline joins lines, a comment becomes
     * a space (a block comment may join lines too, as in C), string literals are kept as they are.
     */
    private static List<Line> logicalLines(String text) {
        List<Line> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int line = 1;
        int start = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '\n' || text.startsWith("\r\n", i + 1))) {
                i += text.charAt(i + 1) == '\r' ? 3 : 2;
                line++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (int k = i; k < end; k++) {
                    line += text.charAt(k) == '\n' ? 1 : 0;
                }
                cur.append(' ');
                i = end;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'') {
                int s = i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i = Math.min(i + 1, n);
                cur.append(text, s, i);
            } else if (c == '\n') {
                out.add(new Line(start, cur.toString()));
                cur.setLength(0);
                line++;
                start = line;
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        if (cur.length() > 0) {
            out.add(new Line(start, cur.toString()));
        }
        return out;
    }
}
