package dev.kimpact.series;

import java.util.regex.Pattern;

/**
 * {@code find()} of a regex from a MAINTAINERS file with a bound on the work: java.util.regex backtracks, and a
 * pattern such as {@code (.*\w){25}!} takes exponential time on an ordinary line. The text is read through a
 * {@link CharSequence} that counts character reads and gives up past {@code BASE + PER_CHAR * length}, far above
 * what any sane pattern needs (a few reads per character and alternative).
 */
final class BoundedRegex {

    static final long BASE = 1_000_000;
    static final long PER_CHAR = 10_000;

    /**
     * Thrown when a match exceeds its budget, or the thread's stack: java.util.regex matches a repeated group
     * ({@code (a|b)*}) by recursion, one level per repetition, so a long line can overflow it. The caller knows
     * which pattern and where it was written.
     */
    static final class TooSlow extends RuntimeException {
        private final boolean deep;

        TooSlow(boolean deep) {
            super(deep ? "regex match overflowed the stack" : "regex match exceeded its budget", null, false, false);
            this.deep = deep;
        }

        /** Whether the stack overflowed (rather than the budget running out). */
        boolean deep() {
            return deep;
        }
    }

    private BoundedRegex() {
    }

    /** {@code p.matcher(text).find()}, or {@link TooSlow}. */
    static boolean find(Pattern p, String text) {
        try {
            return p.matcher(new Counted(text, BASE + PER_CHAR * text.length())).find();
        } catch (StackOverflowError e) {    // the whole match unwinds: nothing of it is kept
            throw new TooSlow(true);
        }
    }

    private static final class Counted implements CharSequence {
        private final String text;
        private final long[] left;

        Counted(String text, long budget) {
            this(text, new long[] {budget});
        }

        private Counted(String text, long[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new TooSlow(false);
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
