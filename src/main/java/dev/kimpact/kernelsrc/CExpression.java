package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a C integer constant expression over {@link CMacros}: macros are expanded as tokens (object-like and
 * function-like, arguments expanded first, a macro never re-expanding itself), then {@code | ^ & << >> + - *},
 * unary {@code ~ - + !}, parentheses and integer literals are computed as {@link CValue}s. Anything else (an
 * identifier nothing defines, a cast, {@code #}/{@code ##}, a comparison) is {@link Underivable} at the
 * file:line of the definition it comes from.
 */
final class CExpression {

    private static final int MAX_DEPTH = 100;
    /** Expanded tokens of one expression at most: macros that double at each level stop here, not in memory. */
    private static final int MAX_TOKENS = 100_000;
    private static final Map<String, Integer> PRECEDENCE = Map.of("|", 1, "^", 2, "&", 3, "<<", 4, ">>", 4,
            "+", 5, "-", 5, "*", 6);

    private final CMacros macros;
    private List<CToken> tokens;
    private int pos;
    private Location end;
    private int nesting;

    CExpression(CMacros macros) {
        this.macros = macros;
    }

    /** The value of macro {@code name}, expanded as where it is used; its definition's location is {@code name}'s. */
    CValue evaluateMacro(String name, Location usedAt) {
        return evaluate(List.of(new CToken(CToken.Kind.IDENT, name, usedAt)), usedAt);
    }

    CValue evaluate(List<CToken> expression, Location at) {
        tokens = expand(expression, Set.of(), 0);
        pos = 0;
        end = at;
        if (tokens.isEmpty()) {
            throw new Underivable(at, "the expression is empty");
        }
        CValue v = binary(0);
        if (pos < tokens.size()) {
            CToken t = tokens.get(pos);
            throw new Underivable(t.at(), "unexpected '" + t.text() + "' after a complete expression");
        }
        return v;
    }

    private List<CToken> expand(List<CToken> in, Set<String> disabled, int depth) {
        if (depth > MAX_DEPTH) {
            throw new Underivable(in.isEmpty() ? end : in.get(0).at(), "macros nest deeper than " + MAX_DEPTH);
        }
        List<CToken> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            if (out.size() > MAX_TOKENS) {
                throw new Underivable(in.get(0).at(), "the expansion grows beyond " + MAX_TOKENS + " tokens");
            }
            CToken t = in.get(i);
            CMacros.Definition d = t.kind() == CToken.Kind.IDENT && !disabled.contains(t.text())
                    ? macros.get(t.text()) : null;
            if (d == null || d.params() != null && (i + 1 >= in.size() || !in.get(i + 1).is("("))) {
                out.add(t);
                continue;
            }
            if (d.unresolved() != null) {
                throw new Underivable(d.at(), t.text() + " cannot be used: " + d.unresolved());
            }
            Set<String> inner = new HashSet<>(disabled);
            inner.add(t.text());
            if (d.params() == null) {
                out.addAll(expand(d.body(), inner, depth + 1));
                continue;
            }
            List<List<CToken>> args = new ArrayList<>();
            i = arguments(in, i + 1, args, t);
            if (args.size() != d.params().size() && !(d.params().isEmpty() && args.size() == 1 && args.get(0).isEmpty())) {
                throw new Underivable(t.at(), t.text() + " takes " + d.params().size() + " argument(s), given "
                        + args.size() + " (defined at " + d.at() + ")");
            }
            List<CToken> body = new ArrayList<>();
            for (CToken b : d.body()) {
                if (b.is("#") || b.is("##")) {
                    throw new Underivable(d.at(), "'" + b.text() + "' in the body of " + d.name() + " is not supported");
                }
                int p = b.kind() == CToken.Kind.IDENT ? d.params().indexOf(b.text()) : -1;
                body.addAll(p < 0 ? List.of(b) : expand(args.get(p), disabled, depth + 1));
            }
            out.addAll(expand(body, inner, depth + 1));
        }
        return out;
    }

    /** Collects the arguments of a call whose '(' is at {@code open}; returns the index of its ')'. */
    private static int arguments(List<CToken> in, int open, List<List<CToken>> args, CToken name) {
        int depth = 0;
        List<CToken> cur = new ArrayList<>();
        for (int i = open + 1; i < in.size(); i++) {
            CToken t = in.get(i);
            if (t.is(")") && depth == 0) {
                args.add(cur);
                return i;
            }
            if (t.is(",") && depth == 0) {
                args.add(cur);
                cur = new ArrayList<>();
                continue;
            }
            depth += t.is("(") ? 1 : t.is(")") ? -1 : 0;
            cur.add(t);
        }
        throw new Underivable(name.at(), "the call of " + name.text() + " has no closing ')'");
    }

    private CValue binary(int minPrecedence) {
        CValue left = unary();
        while (pos < tokens.size()) {
            CToken op = tokens.get(pos);
            Integer p = op.kind() == CToken.Kind.PUNCT ? PRECEDENCE.get(op.text()) : null;
            if (p == null || p <= minPrecedence) {
                if (p == null && op.kind() == CToken.Kind.PUNCT && !op.is(")") && !op.is(",")) {
                    throw new Underivable(op.at(), "operator '" + op.text() + "' is not supported");
                }
                return left;
            }
            pos++;
            CValue right = binary(p);
            left = left.binary(op.text(), right, op.at());
        }
        return left;
    }

    private CValue unary() {
        CToken t = next();
        if (++nesting > MAX_DEPTH * 10) {
            throw new Underivable(t.at(), "operators or parentheses nest deeper than " + MAX_DEPTH * 10);
        }
        try {
            return operand(t);
        } finally {
            nesting--;
        }
    }

    private CValue operand(CToken t) {
        if (t.kind() == CToken.Kind.PUNCT && (t.is("~") || t.is("-") || t.is("+") || t.is("!"))) {
            return unary().unary(t.text(), t.at());
        }
        if (t.is("(")) {
            CValue v = binary(0);
            CToken close = next();
            if (!close.is(")")) {
                throw new Underivable(close.at(), "expected ')' but found '" + close.text() + "'");
            }
            return v;
        }
        if (t.kind() == CToken.Kind.NUMBER) {
            return CValue.literal(t.text(), t.at());
        }
        if (t.kind() == CToken.Kind.IDENT) {
            CMacros.Definition d = macros.get(t.text());
            throw new Underivable(t.at(), d != null && d.params() != null
                    ? t.text() + " is a function-like macro (defined at " + d.at() + ") used without arguments"
                    : "'" + t.text() + "' is not defined in the files read (a cast, a variable or a macro of another file)");
        }
        throw new Underivable(t.at(), "'" + t.text() + "' is not supported in a constant expression");
    }

    private CToken next() {
        if (pos >= tokens.size()) {
            throw new Underivable(tokens.isEmpty() ? end : tokens.get(tokens.size() - 1).at(),
                    "the expression ends early");
        }
        return tokens.get(pos++);
    }
}
