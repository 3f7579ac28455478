package dev.kimpact.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * The one JSON writer of kimpact's machine outputs (run, series, diff, SARIF, the listings): a tree of maps,
 * collections, strings, numbers, booleans and nulls, pretty-printed with fields in insertion order. It drives
 * Jackson's streaming generator directly: the data-binding layer gives the same text but its start-up cost
 * dominated the JSON of a series of thousands of commits (docs/PERFORMANCE.md, "series"). Reading JSON back
 * ({@code merge-reports}, {@code diff}) uses the data binding, {@link #mapper()}.
 */
public final class Json {

    private Json() {
    }

    /** Jackson's data binding, for reading reports; made on first use, so writing never loads it. */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    public static String write(Object tree) {
        StringWriter out = new StringWriter(1 << 16);
        try {
            write(tree, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes the text {@link #write(Object)} returns onto {@code out}, without holding it (a series' JSON is
     * megabytes); {@code out} is flushed, not closed.
     */
    public static void write(Object tree, Writer out) throws IOException {
        try (JsonGenerator g = generator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            value(g, tree);
        }
        out.write('\n');
        out.flush();
    }

    /** A generator that pretty-prints onto {@code out} as {@link #write} does, for writing a tree piece by piece. */
    static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.useDefaultPrettyPrinter();
        return g;
    }

    /** Writes {@code v} (a tree as {@link #write} takes) with {@code g}: any Jackson generator, JSON or YAML. */
    static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof CharSequence || v instanceof Character) {
            g.writeString(v.toString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (v instanceof Float f) {
            g.writeNumber(f.floatValue());
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else {
            throw new IllegalArgumentException("no JSON form for a " + v.getClass().getName());
        }
    }

    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }
}
