package dev.kimpact.diag;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the input quotes, an error stays one bounded terminal line. */
class OneLineTest {

    @Test
    void controlAndFormatCharactersAreEscaped() {
        assertThat(OneLine.of("unknown key 'a\nb'")).isEqualTo("unknown key 'a\\nb'");
        assertThat(OneLine.of("'\r\t\0'")).isEqualTo("'\\r\\t\\0'");
        assertThat(OneLine.of("name '\u001B[31mred'")).isEqualTo("name '\\e[31mred'");
        assertThat(OneLine.of("bell \u0007")).isEqualTo("bell \\x07");
        // A right-to-left override would make the terminal show the rest of the line reversed.
        assertThat(OneLine.of("id 'abc\u202Edef'")).isEqualTo("id 'abc\\u202Edef'");
        assertThat(OneLine.of("plain ASCII and ünïcödé stay")).isEqualTo("plain ASCII and ünïcödé stay");
    }

    @Test
    void aLongQuotedValueIsCutWithItsLength() {
        String sixty = "x".repeat(OneLine.MAX_QUOTED);
        assertThat(OneLine.of("value '" + sixty + "'")).isEqualTo("value '" + sixty + "'");
        String long61 = "y".repeat(OneLine.MAX_QUOTED + 1);
        assertThat(OneLine.of("value '" + long61 + "' here"))
                .isEqualTo("value '" + "y".repeat(OneLine.SHOWN) + "...' (61 characters) here");
    }

    @Test
    void theLineIsBounded() {
        String s = OneLine.of("word ".repeat(200));
        assertThat(s).hasSize(OneLine.MAX_LINE).endsWith("...");
        assertThat(OneLine.of(null)).isEqualTo("null");
    }
}
