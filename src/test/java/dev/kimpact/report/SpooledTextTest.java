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
                String line = "case " + i + ": XSTATE_BV 0x21c (avx|bndregs|bndcsr|pkru) \u00e9\u2192\n";
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
}
