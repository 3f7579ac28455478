package dev.kimpact.report;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Text kept until it is complete: in memory while small, in a temporary file beyond. */
class SpooledTextTest {

    @Test
    void smallTextStaysInMemory() throws Exception {
        StringWriter out = new StringWriter();
        try (SpooledText text = new SpooledText()) {
            text.write("{\n  \"findings\" : [ ]\n}\n");
            assertThat(out.toString()).isEmpty();
            text.copyTo(out);
            assertThat(text.spillFile()).isNull();
        }
        assertThat(out).hasToString("{\n  \"findings\" : [ ]\n}\n");
    }

    @Test
    void largeTextGoesToATemporaryFileThatCloseRemoves() throws Exception {
        StringBuilder expected = new StringBuilder();
        StringWriter out = new StringWriter();
        Path file;
        try (SpooledText text = new SpooledText()) {
            for (int i = 0; expected.length() <= 3 * SpooledText.IN_MEMORY; i++) {
                String line = "case " + i + ": XSTATE_BV 0x21c (avx|bndregs|bndcsr|pkru) \u00e9\u2192\ud83d\ude00\n";
                text.write(line);
                expected.append(line);
            }
            text.copyTo(out);
            file = text.spillFile();
            assertThat(file).exists();
        }
        assertThat(out.toString()).isEqualTo(expected.toString());
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void textWrittenAfterACopyIsCopiedWithTheRest() throws Exception {
        String chunk = "x".repeat(SpooledText.IN_MEMORY / 3) + "\u00e9";
        try (SpooledText text = new SpooledText()) {
            for (int i = 0; i < 4; i++) {
                text.write(chunk);
            }
            text.copyTo(new StringWriter());
            text.write("end");
            StringWriter out = new StringWriter();
            text.copyTo(out);
            assertThat(out).hasToString(chunk.repeat(4) + "end");
        }
    }
}
