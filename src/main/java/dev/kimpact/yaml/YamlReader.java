package dev.kimpact.yaml;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads YAML into {@link YNode} trees with locations, from SnakeYAML's parser events (no object construction
 * at all: the reader builds only maps, lists and strings; anchors are ignored). Untrusted input: tags other than the core schema's
 * ({@code !!str}, {@code !!int}, ...) are an error rather than silently dropped; aliases are refused; nesting,
 * input size and scalar length are bounded; duplicate keys are an error. A stream of several {@code ---}
 * documents yields several trees.
 */
public final class YamlReader {

    /** Largest YAML input accepted, in characters (and bytes): scenario files are a few KiB. */
    public static final int MAX_CHARS = 1 << 20;
    /** Longest scalar (key or value), in characters. */
    public static final int MAX_SCALAR = 1 << 16;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 40;

    /** The tags of YAML's core schema: they only restate the type of a map, a list or a scalar. */
    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");
    private static final String YAML_TAG_PREFIX = "tag:yaml.org,2002:";
    /** Plain scalars that mean null (YAML 1.1 core schema), as the previous Jackson-based reader had them. */
    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");

    private final LoaderOptions options;

    public YamlReader() {
        options = new LoaderOptions();
        options.setCodePointLimit(MAX_CHARS);
        options.setProcessComments(false);
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
        try {
            Parser p = new ParserImpl(new StreamReader(text), options);
            expect(p, Event.ID.StreamStart, file);
            while (!p.checkEvent(Event.ID.StreamEnd)) {
                expect(p, Event.ID.DocumentStart, file);
                docs.add(read(p, p.getEvent(), file, 0));
                expect(p, Event.ID.DocumentEnd, file);
            }
        } catch (MarkedYAMLException e) {
            throw syntaxError(file, e);
        } catch (YAMLException e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("").strip();
            throw new InputException(Location.of(file), "invalid YAML: " + msg);
        }
        return docs;
    }

    private static void expect(Parser p, Event.ID id, String file) {
        Event e = p.getEvent();
        if (!e.is(id)) {
            throw new InputException(loc(e.getStartMark(), file), "invalid YAML: unexpected " + e.getEventId());
        }
    }

    /**
     * A syntax error as SnakeYAML words it, context and problem ("while parsing a flow sequence: expected ',' or
     * ']', but got <stream end>"), located where the problem is (or, for something still open at the end of the
     * file, where it was opened).
     */
    private static InputException syntaxError(String file, MarkedYAMLException y) {
        String problem = y.getProblem() == null ? String.valueOf(y.getMessage()).lines().findFirst().orElse("")
                : y.getProblem();
        boolean atEnd = problem.contains("end of stream") || problem.contains("<stream end>");
        Mark mark = y.getProblemMark() != null && !(atEnd && y.getContextMark() != null) ? y.getProblemMark()
                : y.getContextMark();
        String what = (y.getContext() == null ? "" : y.getContext() + ": ") + problem;
        return new InputException(mark == null ? Location.of(file) : loc(mark, file), "invalid YAML: " + what);
    }

    private static int tabInIndentation(String text) {
        if (text.indexOf('\t') < 0) {
            return 0;       // the usual case, without a loop over every character in the interpreter (start-up)
        }
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

    /** The node that starts with {@code e}. */
    private YNode read(Parser p, Event e, String file, int depth) {
        Location here = loc(e.getStartMark(), file);
        if (depth > MAX_DEPTH) {
            throw new InputException(here, "nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (e instanceof AliasEvent a) {
            throw new InputException(here, "YAML aliases (*" + a.getAnchor() + ") are not supported: write the value out");
        }
        refuseTag(e, here);
        if (e.is(Event.ID.MappingStart)) {
            Map<String, YNode> entries = new LinkedHashMap<>();
            Map<String, Location> keys = new LinkedHashMap<>();
            while (!p.checkEvent(Event.ID.MappingEnd)) {
                Event k = p.getEvent();
                Location keyLoc = loc(k.getStartMark(), file);
                if (k instanceof AliasEvent a) {
                    throw new InputException(keyLoc, "YAML aliases (*" + a.getAnchor() + ") are not supported: "
                            + "write the value out");
                }
                if (!(k instanceof ScalarEvent ks)) {
                    throw new InputException(keyLoc, "invalid YAML: a mapping key must be a scalar (a name), not a "
                            + "list or a mapping");
                }
                refuseTag(k, keyLoc);
                String key = ks.getValue();
                checkLength(key, keyLoc);
                if (entries.containsKey(key)) {
                    throw new InputException(keyLoc, "duplicate key '" + key + "' (first at line "
                            + keys.get(key).line() + ")");
                }
                entries.put(key, read(p, p.getEvent(), file, depth + 1));
                keys.put(key, keyLoc);
            }
            p.getEvent();
            return new YMap(entries, keys, here);
        }
        if (e.is(Event.ID.SequenceStart)) {
            List<YNode> items = new ArrayList<>();
            while (!p.checkEvent(Event.ID.SequenceEnd)) {
                items.add(read(p, p.getEvent(), file, depth + 1));
            }
            p.getEvent();
            return new YList(items, here);
        }
        if (e instanceof ScalarEvent s) {
            String text = s.getValue();
            checkLength(text, here);
            boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
            if (text.isEmpty() || plain && NULLS.contains(text) && s.getTag() == null
                    || (YAML_TAG_PREFIX + "null").equals(s.getTag())) {
                return new YScalar("", true, here);
            }
            return YScalar.of(text, here);
        }
        throw new InputException(here, "invalid YAML: unexpected " + e.getEventId());
    }

    /**
     * An explicit tag other than the core schema's is an error: kimpact never instantiates what a tag names
     * ({@code !!java.lang.Runtime}, {@code !!javax.script.ScriptEngineManager}), and dropping it silently would
     * read something else than what the file says.
     */
    private static void refuseTag(Event e, Location at) {
        String tag = e instanceof ScalarEvent s ? s.getTag()
                : e instanceof CollectionStartEvent c ? c.getTag() : null;
        if (tag == null || tag.equals("!")) {       // "!" is the non-specific tag: a plain string
            return;
        }
        if (tag.startsWith(YAML_TAG_PREFIX) && CORE_TAGS.contains(tag.substring(YAML_TAG_PREFIX.length()))) {
            return;
        }
        String shown = tag.startsWith(YAML_TAG_PREFIX) ? "!!" + tag.substring(YAML_TAG_PREFIX.length())
                : tag.startsWith("!") ? tag : "!<" + tag + ">";
        throw new InputException(at, "YAML tag '" + shown + "' is not supported: scenario files are plain data "
                + "(maps, lists, strings); remove the tag");
    }

    private static void checkLength(String text, Location at) {
        if (text == null) {
            return;
        }
        if (text.length() > MAX_SCALAR) {
            throw new InputException(at, "a value of " + text.length() + " characters: longer than the limit of "
                    + MAX_SCALAR);
        }
        // A "\uD800" escape gives half a UTF-16 pair: no character, and no UTF-8 encoding for the reports.
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InputException(at, String.format("invalid YAML: \\u%04X is half of a UTF-16 surrogate pair, "
                        + "not a character", (int) c));
            }
        }
    }

    private static Location loc(Mark m, String file) {
        return m == null ? Location.of(file) : new Location(file, m.getLine() + 1, m.getColumn() + 1);
    }
}
