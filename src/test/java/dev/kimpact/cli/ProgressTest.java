package dev.kimpact.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final AtomicLong now = new AtomicLong();
    private final StringWriter err = new StringWriter();

    private Progress progress(boolean enabled, int total) {
        return new Progress(new PrintWriter(err), enabled, now::get, total);
    }

    @Test
    void silentDuringTheFirstSecond() {
        Progress p = progress(true, 10);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(50_000_000L);
            p.tick();
        }
        p.finish();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void thenAtMostTenTimesASecondAndTheLastCaseAlways() {
        Progress p = progress(true, 40);
        now.set(1_000_000_000L);
        for (int i = 0; i < 40; i++) {
            now.addAndGet(40_000_000L);    // 25 cases a second
            p.tick();
        }
        String shown = err.toString();
        assertThat(shown).startsWith("\r[1/40] cases\r[4/40] cases").endsWith("\r[40/40] cases");
        assertThat(shown.split("\r")).hasSizeLessThanOrEqualTo(1 + 40 / 2);
        p.finish();
        assertThat(err.toString()).endsWith("\r" + " ".repeat("[40/40] cases".length()) + "\r");
    }

    @Test
    void nothingWhenDisabled() {
        Progress p = progress(false, 3);
        now.set(5_000_000_000L);
        p.tick();
        p.finish();
        assertThat(err.toString()).isEmpty();
    }
}
