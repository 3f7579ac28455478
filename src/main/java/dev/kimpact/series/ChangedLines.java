package dev.kimpact.series;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The lines a change removes and adds, cheaply: the common head and tail of the two versions are skipped, and of
 * the lines in between, those that occur as often in both versions are dropped (they moved, or lie between two
 * edits); the rest are written {@code -old} and {@code +new}. That is the line set of a real diff except that a
 * line moved within the changed region does not count as changed, which is what K: keyword matching needs
 * without the cost of a minimal edit script.
 */
final class ChangedLines {

    private ChangedLines() {
    }

    static void append(StringBuilder out, byte[] a, byte[] b) {
        int head = 0;
        int max = Math.min(a.length, b.length);
        while (head < max && a[head] == b[head]) {
            head++;
        }
        if (head == a.length && head == b.length) {
            return; // identical
        }
        while (head > 0 && a[head - 1] != '\n') {
            head--; // back to the start of the first differing line
        }
        int tailA = a.length;
        int tailB = b.length;
        while (tailA > head && tailB > head && a[tailA - 1] == b[tailB - 1]) {
            tailA--;
            tailB--;
        }
        tailA = lineEnd(a, tailA);
        tailB = lineEnd(b, tailB);
        Map<String, Integer> balance = new HashMap<>();
        String[] old = lines(a, head, tailA);
        String[] neu = lines(b, head, tailB);
        for (String l : old) {
            balance.merge(l, 1, Integer::sum);
        }
        for (String l : neu) {
            balance.merge(l, -1, Integer::sum);
        }
        Map<String, Integer> removed = new HashMap<>(balance);
        for (String l : old) {
            if (removed.getOrDefault(l, 0) > 0) {
                out.append('-').append(l).append('\n');
                removed.merge(l, -1, Integer::sum);
            }
        }
        for (String l : neu) {
            if (balance.getOrDefault(l, 0) < 0) {
                out.append('+').append(l).append('\n');
                balance.merge(l, 1, Integer::sum);
            }
        }
    }

    private static int lineEnd(byte[] s, int from) {
        int i = from;
        if (i > 0 && s[i - 1] == '\n') {
            return i;
        }
        while (i < s.length && s[i] != '\n') {
            i++;
        }
        return i < s.length ? i + 1 : i;
    }

    private static String[] lines(byte[] s, int from, int to) {
        if (from >= to) {
            return new String[0];
        }
        String text = new String(s, from, to - from, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.split("\n", -1);
    }
}
