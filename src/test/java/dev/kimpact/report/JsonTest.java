package dev.kimpact.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    /** What kimpact wrote with Jackson's data binding before {@link Json} drove the streaming generator. */
    static String dataBinding(Object tree) throws Exception {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree) + "\n";
    }

    @Test
    void streamingTextIsTheDataBindingText() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", "last key inserted first");
        nested.put("a", null);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("string", "quote \" backslash \\ tab \t newline \n control \u0001 unicode é ✓ 😀");
        tree.put("int", -7);
        tree.put("long", 0xFFFF_FFFFL);
        tree.put("short", (short) 3);
        tree.put("double", 1.5e-7);
        tree.put("nan", Double.NaN);
        tree.put("float", 0.1f);
        tree.put("big", new BigInteger("123456789012345678901234567890"));
        tree.put("decimal", new BigDecimal("1E+3"));
        tree.put("booleans", List.of(true, false));
        tree.put("nulls", Arrays.asList(null, null));
        tree.put("empty_map", Map.of());
        tree.put("empty_list", List.of());
        tree.put("nested", List.of(nested, List.of(List.of()), Map.of("k", List.of(1, "two"))));
        tree.put("char", 'c');
        assertThat(Json.write(tree)).isEqualTo(dataBinding(tree));
        assertThat(Json.write(List.of())).isEqualTo(dataBinding(List.of()));
        assertThat(Json.write(null)).isEqualTo("null\n");
    }

    @Test
    void writtenOntoAWriterItIsTheSameTextAndTheWriterStaysOpen() throws Exception {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("commits", List.of(Map.of("id", "abc"), Map.of("id", "d\"ef")));
        tree.put("none", null);
        java.io.StringWriter out = new java.io.StringWriter() {
            @Override
            public void close() {
                throw new AssertionError("closed");
            }
        };
        Json.write(tree, out);
        out.write("after");
        assertThat(out.toString()).isEqualTo(Json.write(tree) + "after");
    }

    @Test
    void aValueOutsideTheTreeTypesIsRefusedNotWrittenAsItsToString() {
        assertThatThrownBy(() -> Json.write(Map.of("x", new int[] {1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[I");
    }
}
