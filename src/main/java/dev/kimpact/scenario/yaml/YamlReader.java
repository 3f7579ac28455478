package dev.kimpact.scenario.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML into {@link YNode} trees with locations. Untrusted input: no class is ever instantiated (the reader
 * builds only maps, lists and strings); tags other than the core schema's ({@code !!str}, {@code !!int}, ...) are
 * an error rather than silently dropped; aliases are refused; nesting, document size and scalar length are
 * bounded; duplicate keys are an error. A stream of several {@code ---} documents yields several trees.
 */
public final class YamlReader {

    /** Largest YAML input accepted, in characters (and bytes): scenario files are a few KiB. */
    public static final int MAX_CHARS = 1 << 20;
    /** Longest scalar (key or value), in characters. */
    public static final int MAX_SCALAR = 1 << 16;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 40;
    /** Most aliases per document (SnakeYAML's bound on "billion laughs"); any alias is refused anyway. */
    public static final int MAX_ALIASES = 20;

    /** The tags of YAML's core schema: they only restate the type of a map, a list or a scalar. */
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");
    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";

    private final YAMLFactory factory;

    public YamlReader() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);   // reported below, with both lines
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH + 10);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowRecursiveKeys(false);
        this.factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH + 10)
                        .maxStringLength(MAX_SCALAR)
                        .maxDocumentLength(MAX_CHARS)
                        .build())
                .build();
    }

    /** All documents of {@code text}; {@code file} names it in errors. */
    public List<YNode> readAll(String file, String text) {
        if (text.length() > MAX_CHARS) {
            throw new InputException(Location.of(file), "file is larger than " + MAX_CHARS + " characters");
        }
        int tab = tabInIndentation(text);
        if (tab > 0) {
            throw new InputException(new Location(file, tab, 1),
                    "tab character in indentation: YAML indentation must use spaces");
        }
        List<YNode> docs = new ArrayList<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                docs.add(read(p, t, file, 0));
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            throw new InputException(Location.of(file), "invalid YAML: " + msg);
        }
        return docs;
    }

    /**
     * A syntax error as SnakeYAML words it, context and problem ("while parsing a flow sequence: expected ',' or
     * ']', but got <stream end>"), located where the problem is (or, for something still open at the end of the
     * file, where it was opened); Jackson's own wording otherwise.
     */
    private static InputException syntaxError(String file, JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y && y.getProblem() != null) {
                // Something left open at the end of the file is best located where it was opened.
                boolean atEnd = y.getProblem().contains("end of stream") || y.getProblem().contains("<stream end>");
                Mark mark = y.getProblemMark() != null && !(atEnd && y.getContextMark() != null) ? y.getProblemMark()
                        : y.getContextMark();
                String what = (y.getContext() == null ? "" : y.getContext() + ": ") + y.getProblem();
                return new InputException(mark == null ? Location.of(file)
                        : new Location(file, mark.getLine() + 1, mark.getColumn() + 1), "invalid YAML: " + what);
            }
        }
        String msg = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML").strip();
        if (msg.startsWith("Expected a field name")) {
            msg = "a mapping key must be a scalar (a name), not a list or a mapping";
        }
        JsonLocation l = e.getLocation();
        return new InputException(l == null ? Location.of(file) : new Location(file, l.getLineNr(), l.getColumnNr()),
                "invalid YAML: " + msg.replaceAll("<org\\.yaml\\.[^>]*>", "an event it cannot take here"));
    }

    private static int tabInIndentation(String text) {
        int line = 1;
        boolean atIndent = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                atIndent = true;
            } else if (atIndent && c == '\t') {
                return line;
            } else if (c != ' ') {
                atIndent = false;
            }
        }
        return 0;
    }

    private YNode read(JsonParser p, JsonToken t, String file, int depth) throws IOException {
        Location here = loc(p, file);
        if (depth > MAX_DEPTH) {
            throw new InputException(here, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        refuseTag(p, here);
        switch (t) {
            case START_OBJECT -> {
                Map<String, YNode> entries = new LinkedHashMap<>();
                Map<String, Location> keys = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) != JsonToken.END_OBJECT) {
                    if (k != JsonToken.FIELD_NAME) {
                        throw new InputException(loc(p, file), "expected a key");
                    }
                    String key = p.currentName();
                    Location keyLoc = loc(p, file);
                    refuseTag(p, keyLoc);
                    checkLength(key, keyLoc);
                    if (entries.containsKey(key)) {
                        throw new InputException(keyLoc, "duplicate key '" + key + "' (first at line "
                                + keys.get(key).line() + ")");
                    }
                    YNode value = read(p, p.nextToken(), file, depth + 1);
                    entries.put(key, value);
                    keys.put(key, keyLoc);
                }
                return new YMap(entries, keys, here);
            }
            case START_ARRAY -> {
                List<YNode> items = new ArrayList<>();
                JsonToken i;
                while ((i = p.nextToken()) != JsonToken.END_ARRAY) {
                    items.add(read(p, i, file, depth + 1));
                }
                return new YList(items, here);
            }
            case VALUE_NULL -> {
                return new YScalar("", true, here);
            }
            default -> {
                if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
                    throw new InputException(here, "YAML aliases (*" + p.getText() + ") are not supported: "
                            + "write the value out");
                }
                if (t == JsonToken.VALUE_STRING && p.getText().isEmpty()) {
                    return new YScalar("", true, here);
                }
                if (!t.isScalarValue()) {
                    throw new InputException(here, "unexpected YAML token " + t);
                }
                checkLength(p.getText(), here);
                return YScalar.of(p.getText(), here);
            }
        }
    }

    /**
     * An explicit tag other than the core schema's is an error: kimpact never instantiates what a tag names
     * ({@code !!java.lang.Runtime}, {@code !!javax.script.ScriptEngineManager}), and dropping it silently would
     * read something else than what the file says.
     */
    private static void refuseTag(JsonParser p, Location at) throws IOException {
        Object id = p.getTypeId();
        String tag = id == null ? null : id.toString();
        if (tag == null || tag.isEmpty()) {
            return;
        }
        if (tag.startsWith(YAML_TAG_PREFIX) && CORE_TAGS.contains(tag.substring(YAML_TAG_PREFIX.length()))) {
            return;
        }
        String shown = tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length())
                : tag.contains(":") ? "!<" + tag + ">" : "!" + tag;
        throw new InputException(at, "YAML tag '" + shown + "' is not supported: scenario files are plain data "
                + "(maps, lists, strings); remove the tag");
    }

    private static void checkLength(String text, Location at) {
        if (text != null && text.length() > MAX_SCALAR) {
            throw new InputException(at, "a value of " + text.length() + " characters: longer than the limit of "
                    + MAX_SCALAR);
        }
    }

    private static Location loc(JsonParser p, String file) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }
}
