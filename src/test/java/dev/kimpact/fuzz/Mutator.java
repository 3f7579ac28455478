package dev.kimpact.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a valid input: byte flips, line deletions and duplications, truncations, inserted garbage
 * (random bytes, or punctuation and keywords the parsers give meaning to), swapped tokens and swapped lines.
 * The same seed always gives the same mutant, so a failing try is reproduced from its seed alone.
 */
final class Mutator {

    /** A mutant and what was done to get it (for the failure message). */
    record Mutant(byte[] bytes, String description) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Fragments that mean something to YAML, CPUID dumps, MAINTAINERS or mail parsers. */
    private static final String[] GARBAGE = {
        "\t", "\n", "\r\n", "\u0000", ":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!java.lang.Runtime ", "? ",
        "'", "\"", "#", "|", ">", "---\n", "...\n", "%YAML 1.1\n", "<<: ", "~", "0x", "0xFFFFFFFFFFFFFFFFFFFF", "-1",
        "99999999999999999999", "bit63", "based-on: ", "dump: ../../etc/passwd", "\u00e9", "\u202e", "\ufeff",
        "CPUID 0000000D: FFFFFFFF-FFFFFFFF-FFFFFFFF-FFFFFFFF [SL 3F]\n",
        "CPUID 0000000D: FFFFFFFF-00000A80-00000A88-FFFFFFFF [SL 00]\n",
        "CPUID 0000000D: FFFFFFFF-00000A80-FFFFFFFF-FFFFFFFF [SL 01]\n",
        "CPUID 0000000D: 7FFFFFFF-00000240-00000000-00000000 [SL 02]\n",
        "CPUID 00000001: 00000000-00000000-00000000-00000000\n",
        "CPUID 00000001: 00050657-00200800-FFFFFFFF-BFEBFBFF\n", "[SL ", "0x0000000d 0x3f: eax=0xffffffff",
        "------[ Logical CPU #1 ]------\n", "CPU 1:\n", "F:\t", "K:\t(a+)+$\n", "N:\t[\n", "M:\t", "X:\t**\n",
        "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n", "Subject: [PATCH 0/0]\n",
        "Content-Transfer-Encoding: base64\n", "Content-Type: multipart/mixed\n", "=?UTF-8?B?////?=",
        "=?x-unknown?Q?=FF?=", "diff --git a/ b/\n", "rename from \n", "@@ -1,99999999999 +1 @@\n", ">From ",
        "Date: Tue, 99 Foo 2018 99:99:99 +9999\n", "\\", "(?", "((((((((((", "Signed-off-by: <>\n",
    };

    private Mutator() {
    }

    static Mutant mutate(byte[] input, SplittableRandom r) {
        byte[] b = input;
        StringBuilder what = new StringBuilder();
        int n = r.nextInt(4) == 0 ? 2 + r.nextInt(3) : 1;
        for (int i = 0; i < n; i++) {
            int op = r.nextInt(9);
            b = switch (op) {
                case 0 -> flip(b, r, what);
                case 1 -> deleteLine(b, r, what);
                case 2 -> duplicateLine(b, r, what);
                case 3 -> truncate(b, r, what);
                case 4 -> insertBytes(b, r, what);
                case 5, 6 -> insertFragment(b, r, what);
                case 7 -> swapTokens(b, r, what);
                default -> swapLines(b, r, what);
            };
        }
        return new Mutant(b, what.toString().strip());
    }

    private static byte[] flip(byte[] b, SplittableRandom r, StringBuilder what) {
        if (b.length == 0) {
            return b;
        }
        byte[] out = b.clone();
        int at = r.nextInt(out.length);
        int bit = r.nextInt(8);
        out[at] ^= (byte) (1 << bit);
        what.append(" flip@").append(at).append('.').append(bit);
        return out;
    }

    private static List<byte[]> lines(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                out.add(java.util.Arrays.copyOfRange(b, start, i + 1));
                start = i + 1;
            }
        }
        if (start < b.length) {
            out.add(java.util.Arrays.copyOfRange(b, start, b.length));
        }
        return out;
    }

    private static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] l : lines) {
            out.writeBytes(l);
        }
        return out.toByteArray();
    }

    private static byte[] deleteLine(byte[] b, SplittableRandom r, StringBuilder what) {
        List<byte[]> l = lines(b);
        if (l.isEmpty()) {
            return b;
        }
        int at = r.nextInt(l.size());
        l.remove(at);
        what.append(" del-line@").append(at + 1);
        return join(l);
    }

    private static byte[] duplicateLine(byte[] b, SplittableRandom r, StringBuilder what) {
        List<byte[]> l = lines(b);
        if (l.isEmpty()) {
            return b;
        }
        int at = r.nextInt(l.size());
        int times = 1 + (r.nextInt(8) == 0 ? r.nextInt(50) : 0);
        for (int i = 0; i < times; i++) {
            l.add(at, l.get(at));
        }
        what.append(" dup-line@").append(at + 1).append('x').append(times);
        return join(l);
    }

    private static byte[] truncate(byte[] b, SplittableRandom r, StringBuilder what) {
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        what.append(" truncate@").append(at);
        return java.util.Arrays.copyOf(b, at);
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
    }

    private static byte[] insertBytes(byte[] b, SplittableRandom r, StringBuilder what) {
        byte[] ins = new byte[1 + r.nextInt(16)];
        for (int i = 0; i < ins.length; i++) {
            ins[i] = (byte) r.nextInt(256);
        }
        int at = r.nextInt(b.length + 1);
        what.append(" garbage@").append(at).append('+').append(ins.length);
        return insert(b, at, ins);
    }

    private static byte[] insertFragment(byte[] b, SplittableRandom r, StringBuilder what) {
        int k = r.nextInt(GARBAGE.length);
        int at = r.nextInt(b.length + 1);
        if (r.nextBoolean()) {               // at a line start, where most syntax lives
            while (at > 0 && b[at - 1] != '\n') {
                at--;
            }
        }
        what.append(" insert@").append(at).append('#').append(k);
        return insert(b, at, GARBAGE[k].getBytes(StandardCharsets.UTF_8));
    }

    /** Swaps two white-space separated tokens (of any two lines). */
    private static byte[] swapTokens(byte[] b, SplittableRandom r, StringBuilder what) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        List<int[]> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                tokens.add(new int[] {start, i});
            }
        }
        if (tokens.size() < 2) {
            return b;
        }
        int x = r.nextInt(tokens.size());
        int y = r.nextInt(tokens.size());
        if (x == y) {
            return b;
        }
        int[] a = tokens.get(Math.min(x, y));
        int[] c = tokens.get(Math.max(x, y));
        String out = s.substring(0, a[0]) + s.substring(c[0], c[1]) + s.substring(a[1], c[0])
                + s.substring(a[0], a[1]) + s.substring(c[1]);
        what.append(" swap-tokens@").append(a[0]).append(',').append(c[0]);
        return out.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] swapLines(byte[] b, SplittableRandom r, StringBuilder what) {
        List<byte[]> l = lines(b);
        if (l.size() < 2) {
            return b;
        }
        int x = r.nextInt(l.size());
        int y = r.nextInt(l.size());
        byte[] t = l.get(x);
        l.set(x, l.get(y));
        l.set(y, t);
        what.append(" swap-lines@").append(x + 1).append(',').append(y + 1);
        return join(l);
    }
}
