package dev.kimpact.xsave;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** XCR0 / IA32_XSS / XSTATE_BV style bitmaps: parsing and printing. */
public final class Masks {

    private Masks() {
    }

    /**
     * Parses hex ({@code 0x2ff}), decimal ({@code 767}) or a comma list of component names
     * ({@code x87,sse,avx,bndregs,bndcsr}); also accepts {@code fp} for x87, {@code ymm} for avx
     * and the group names {@code mpx}, {@code avx512}, {@code amx}, {@code none}.
     */
    public static long parse(String text) {
        if (text == null) {
            throw new InputException("empty mask");
        }
        String s = text.trim();
        if (s.isEmpty()) {
            throw new InputException("empty mask: expected hex (0x2ff), decimal or component names (x87,sse,avx)");
        }
        String lower = s.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("0x")) {
                String digits = lower.substring(2).replace("_", "");
                if (digits.isEmpty() || digits.length() > 16) {
                    throw new NumberFormatException();
                }
                return Long.parseUnsignedLong(digits, 16);
            }
            if (Character.isDigit(lower.charAt(0))) {
                return Long.parseUnsignedLong(lower);
            }
        } catch (NumberFormatException e) {
            throw new InputException("bad mask '" + s + "': expected a 64-bit hex or decimal number");
        }
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        // Names separated by any run of ',', '|', '+' or ' ' (hand-split: this runs at every bind of a case).
        long mask = 0;
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean separator = i == lower.length() || isSeparator(lower.charAt(i));
            if (separator && start >= 0) {
                mask |= named(lower.substring(start, i), s);
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return mask;
    }

    private static boolean isSeparator(char c) {
        return c == ',' || c == '|' || c == '+' || c == ' ';
    }

    /** Mask of one component or group name. */
    public static long named(String name, String context) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "fp": return XFeature.X87.mask();
            case "ymm": return XFeature.AVX.mask();
            case "mpx": return XFeature.MASK_MPX;
            case "avx512": return XFeature.MASK_AVX512;
            case "amx": case "xtile": return XFeature.MASK_XTILE;
            case "fpsse": return XFeature.MASK_FPSSE;
            case "none": return 0;
            default:
                break;
        }
        XFeature f = XFeature.byName(n);
        if (f != null) {
            return f.mask();
        }
        if (n.startsWith("bit") && (n.length() == 4 || n.length() == 5) && isDigits(n.substring(3))) {
            int bit = Integer.parseInt(n.substring(3));
            if (bit < 64) {
                return 1L << bit;
            }
        }
        List<String> known = new ArrayList<>(XFeature.names());
        known.addAll(List.of("fp", "ymm", "mpx", "avx512", "amx", "fpsse", "none"));
        throw new InputException(null, "unknown state component '" + name + "' in mask '" + context + "'",
                Suggest.nearest(n, known).orElse(null));
    }

    private static boolean isDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public static String hex(long mask) {
        return "0x" + Long.toHexString(mask);
    }

    /** {@code x87|sse|avx|bndregs|bndcsr}; {@code none} for 0. */
    public static String names(long mask) {
        if (mask == 0) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(XFeature.nameOf(i));
            }
        }
        return sb.toString();
    }

    /** {@code 0x1f (x87|sse|avx|bndregs|bndcsr)}. */
    public static String describe(long mask) {
        return hex(mask) + " (" + names(mask) + ")";
    }

    public static List<Integer> bits(long mask) {
        List<Integer> bits = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if ((mask & (1L << i)) != 0) {
                bits.add(i);
            }
        }
        return bits;
    }
}
