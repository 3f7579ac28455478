package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;

import java.math.BigInteger;
import java.util.Locale;

/**
 * An integer constant as C computes it on x86_64 (LP64): 32-bit {@code int}/{@code unsigned int} or 64-bit
 * {@code long}/{@code unsigned long} ({@code long long} is the same), with the usual arithmetic conversions.
 * What C leaves undefined (a signed overflow, a shift by the width or more) is {@link Underivable}, not a value.
 *
 * @param bits     the value; a 32-bit value is kept sign-extended (int) or zero-extended (unsigned int)
 * @param wide     64-bit
 * @param unsigned unsigned type
 */
record CValue(long bits, boolean wide, boolean unsigned) {

    CValue {
        if (!wide) {
            bits = unsigned ? bits & 0xFFFF_FFFFL : (int) bits;
        }
    }

    static CValue ofInt(long v) {
        return new CValue(v, false, false);
    }

    /** An integer literal with its suffixes ({@code 1}, {@code 0x20}, {@code 1ULL}, {@code 63u}), typed as C types it. */
    static CValue literal(String text, Location at) {
        String t = text.toLowerCase(Locale.ROOT);
        int end = t.length();
        while (end > 0 && (t.charAt(end - 1) == 'u' || t.charAt(end - 1) == 'l')) {
            end--;
        }
        String suffix = t.substring(end);
        String digits = t.substring(0, end);
        boolean u = suffix.contains("u");
        int longs = suffix.replace("u", "").length();
        if (suffix.length() - (u ? 1 : 0) != longs || longs > 2 || suffix.chars().filter(ch -> ch == 'u').count() > 1) {
            throw new Underivable(at, "'" + text + "' is not an integer literal");
        }
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        BigInteger v;
        try {
            v = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw new Underivable(at, "'" + text + "' is not an integer literal");
        }
        if (v.bitLength() > 64) {
            throw new Underivable(at, "'" + text + "' does not fit in 64 bits");
        }
        boolean decimal = radix == 10;
        // C11 6.4.4.1: the first type of the list that can represent the value.
        if (longs == 0 && !u && v.bitLength() <= 31) {
            return new CValue(v.longValue(), false, false);
        }
        if (longs == 0 && (u || !decimal) && v.bitLength() <= 32) {
            return new CValue(v.longValue(), false, true);
        }
        if (!u && v.bitLength() <= 63) {
            return new CValue(v.longValue(), true, false);
        }
        if (u || !decimal) {
            return new CValue(v.longValue(), true, true);
        }
        throw new Underivable(at, "'" + text + "' does not fit in long long (a decimal literal without u)");
    }

    private CValue as(boolean w, boolean u) {
        return new CValue(bits, w, u);
    }

    /** The usual arithmetic conversions of the two operands' (already promoted) types. */
    private static boolean[] common(CValue a, CValue b) {
        boolean w = a.wide || b.wide;
        boolean u = w ? (a.wide && a.unsigned) || (b.wide && b.unsigned) : a.unsigned || b.unsigned;
        return new boolean[] {w, u};
    }

    CValue binary(String op, CValue other, Location at) {
        if (op.equals("<<") || op.equals(">>")) {
            return shift(op, other, at);
        }
        boolean[] t = common(this, other);
        long a = as(t[0], t[1]).bits;
        long b = other.as(t[0], t[1]).bits;
        long r = switch (op) {
            case "|" -> a | b;
            case "&" -> a & b;
            case "^" -> a ^ b;
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            default -> throw new Underivable(at, "operator '" + op + "' is not supported");
        };
        if (!t[1] && (op.equals("+") || op.equals("-") || op.equals("*"))) {
            BigInteger exact = switch (op) {
                case "+" -> BigInteger.valueOf(a).add(BigInteger.valueOf(b));
                case "-" -> BigInteger.valueOf(a).subtract(BigInteger.valueOf(b));
                default -> BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            };
            if (exact.bitLength() > (t[0] ? 63 : 31)) {
                throw new Underivable(at, "signed overflow in '" + op + "' (undefined in C)");
            }
        }
        return new CValue(r, t[0], t[1]);
    }

    private CValue shift(String op, CValue count, Location at) {
        int width = wide ? 64 : 32;
        if (count.bits < 0 || count.bits >= width) { // an unsigned count of 2^63 or more is negative here
            throw new Underivable(at, "shift by " + (count.unsigned ? Long.toUnsignedString(count.bits) : count.bits)
                    + " of a " + width + "-bit " + (unsigned ? "unsigned " : "") + "value (undefined in C)");
        }
        int n = (int) count.bits;
        if (op.equals(">>")) {
            return new CValue(unsigned ? bits >>> n : bits >> n, wide, unsigned);
        }
        if (!unsigned) {
            BigInteger exact = BigInteger.valueOf(bits).shiftLeft(n);
            if (bits < 0 || exact.bitLength() > width - 1) {
                throw new Underivable(at, "'" + bits + " << " + n + "' does not fit in a signed " + width
                        + "-bit value (undefined in C; write 1ULL or BIT_ULL)");
            }
        }
        return new CValue(bits << n, wide, unsigned);
    }

    CValue unary(String op, Location at) {
        return switch (op) {
            case "~" -> new CValue(~bits, wide, unsigned);
            case "+" -> this;
            case "-" -> {
                if (!unsigned && bits == (wide ? Long.MIN_VALUE : Integer.MIN_VALUE)) {
                    throw new Underivable(at, "signed overflow in unary '-' (undefined in C)");
                }
                yield new CValue(-bits, wide, unsigned);
            }
            case "!" -> ofInt(bits == 0 ? 1 : 0);
            default -> throw new Underivable(at, "operator '" + op + "' is not supported");
        };
    }

    /** The value converted to u64, as the kernel stores a mask. */
    long asU64() {
        return bits;
    }
}
