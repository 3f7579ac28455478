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

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML into {@link YNode} trees with locations. Untrusted input: no tags are honoured (no class is ever
 * instantiated), aliases are refused, nesting, document size and scalar length are bounded, duplicate keys are
 * an error.
 * A stream of several {@code ---} documents yields several trees.
 */
public final class YamlReader {

    /** Largest YAML input accepted, in characters. */
    public static final int MAX_CHARS = 4 << 20;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 40;
    /** Most aliases per document (SnakeYAML's bound on "billion laughs"). */
    public static final int MAX_ALIASES = 20;

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
                        .maxStringLength(1 << 20)
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
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage().lines().findFirst().orElse("invalid YAML").strip();
            throw new InputException(l == null ? Location.of(file) : new Location(file, l.getLineNr(), l.getColumnNr()),
                    "invalid YAML: " + msg);
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) {
                throw ie;
            }
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            throw new InputException(Location.of(file), "invalid YAML: " + msg);
        }
        return docs;
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
                return YScalar.of(p.getText(), here);
            }
        }
    }

    private static Location loc(JsonParser p, String file) {
        JsonLocation l = p.currentTokenLocation();
        return new Location(file, l.getLineNr(), l.getColumnNr());
    }
}
