package dev.kimpact.yaml;

import dev.kimpact.diag.InputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlReaderTest {

    private final YamlReader reader = new YamlReader();

    @Test
    void keepsScalarTextAsWrittenSoVersionsAreNotFloats() {
        YMap m = (YMap) reader.readAll("s.yaml", "kernel: 4.20\nmask: 0x1f\nn: 010\n").get(0);
        assertThat(((YScalar) m.get("kernel")).text()).isEqualTo("4.20");
        assertThat(((YScalar) m.get("mask")).text()).isEqualTo("0x1f");
        assertThat(m.keyLocation("mask").line()).isEqualTo(2);
        assertThat(m.get("mask").location().column()).isEqualTo(7);
    }

    @Test
    void readsEveryDocumentOfAStream() {
        List<YNode> docs = reader.readAll("s.yaml", "a: 1\n---\nb: 2\n");
        assertThat(docs).hasSize(2);
        assertThat(((YMap) docs.get(1)).get("b").location().line()).isEqualTo(3);
    }

    @Test
    void rejectsDuplicateKeysWithBothLines() {
        assertThatThrownBy(() -> reader.readAll("s.yaml", "a: 1\nb: 2\na: 3\n"))
                .isInstanceOf(InputException.class)
                .satisfies(e -> {
                    InputException ie = (InputException) e;
                    assertThat(ie.location().line()).isEqualTo(3);
                    assertThat(ie.getMessage()).contains("duplicate key 'a'").contains("line 1");
                });
    }

    @Test
    void rejectsTabsInIndentation() {
        assertThatThrownBy(() -> reader.readAll("s.yaml", "a:\n\tb: 1\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("tab");
    }

    @Test
    void refusesAliases() {
        assertThatThrownBy(() -> reader.readAll("a.yaml", "a: &x [1, 2]\nb: *x\n"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("aliases");
    }

    @Test
    void boundsAliasExpansion() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        assertThatThrownBy(() -> reader.readAll("bomb.yaml", bomb.toString()))
                .isInstanceOf(InputException.class);
    }

    @Test
    void boundsNesting() {
        String deep = "[".repeat(200) + "]".repeat(200);
        assertThatThrownBy(() -> reader.readAll("deep.yaml", deep)).isInstanceOf(InputException.class);
    }

    @Test
    void reportsSyntaxErrorsWithLineAndColumn() {
        assertThatThrownBy(() -> reader.readAll("s.yaml", "a: [1, 2\nb: 3\n"))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).location().line()).isGreaterThan(0));
    }

    @Test
    void nullAndEmptyValuesAreNullScalars() {
        YMap m = (YMap) reader.readAll("s.yaml", "a:\nb: ~\n").get(0);
        assertThat(((YScalar) m.get("a")).isNull()).isTrue();
        assertThat(((YScalar) m.get("b")).isNull()).isTrue();
    }
}
