package dev.kimpact.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * {@code \r[123/960] cases} on stderr while a long run goes on: only when enabled (stderr is a terminal), only once
 * the run has taken a second, at most ten times a second; {@link #finish()} clears the line. Safe to call from the
 * threads that run the cases.
 */
final class Progress {

    static final long DELAY_NANOS = 1_000_000_000L;
    static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final LongSupplier clock;
    private final int total;
    private final long start;
    private int done;
    private long lastShown = Long.MIN_VALUE;
    private int width;

    Progress(PrintWriter err, boolean enabled, LongSupplier clock, int total) {
        this.err = err;
        this.enabled = enabled;
        this.clock = clock;
        this.total = total;
        this.start = enabled ? clock.getAsLong() : 0;
    }

    /** One more case done. */
    synchronized void tick() {
        done++;
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        if (now - start < DELAY_NANOS || (lastShown != Long.MIN_VALUE && now - lastShown < INTERVAL_NANOS
                && done < total)) {
            return;
        }
        lastShown = now;
        String line = "[" + done + "/" + total + "] cases";
        width = Math.max(width, line.length());
        err.print("\r" + line);
        err.flush();
    }

    /** Clears the progress line, if one was shown. */
    synchronized void finish() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
