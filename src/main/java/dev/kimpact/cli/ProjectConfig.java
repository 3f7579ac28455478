package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;
import dev.kimpact.finding.RuleId;
import dev.kimpact.model.Fields;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;
import dev.kimpact.yaml.YamlReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Per-project defaults: {@code .kimpact.yaml} at the root of the git work tree kimpact is started in (the nearest
 * directory upwards with a {@code .git}; the current directory outside a work tree), or {@code --config FILE}.
 * Every key is the default of the option of the same name; an option given on the command line wins.
 *
 * @param file        the file read
 * @param format      {@code --format} for each command that can write it (null: the command's own default)
 * @param failOn      {@code --fail-on} (null: error)
 * @param maintainers {@code series --maintainers}, resolved against the file's directory (null: none)
 * @param ignore      {@code --ignore}: rule id to the reason the project gives (empty: none)
 */
record ProjectConfig(Path file, OutputOptions.Format format, FailOnOption.Level failOn, Path maintainers,
                     Map<String, String> ignore) {

    static final String FILE_NAME = ".kimpact.yaml";
    static final List<String> KEYS = List.of("format", "fail-on", "maintainers", "ignore");

    ProjectConfig {
        ignore = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ignore));
    }

    /** {@code .kimpact.yaml} of the work tree around {@code start}, if there is one. */
    static Optional<Path> discover(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return existing(d.resolve(FILE_NAME));
            }
        }
        return existing(dir.resolve(FILE_NAME));
    }

    private static Optional<Path> existing(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The configuration {@code args} name with {@code --config FILE} (before a {@code --}), else, if {@code discover},
     * the one of the work tree around {@code cwd}.
     */
    static Optional<ProjectConfig> forArguments(String[] args, Path cwd, boolean discover) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--config") && i + 1 < args.length) {
                return Optional.of(load(Path.of(args[i + 1])));
            }
            if (a.startsWith("--config=")) {
                return Optional.of(load(Path.of(a.substring("--config=".length()))));
            }
        }
        return discover ? discover(cwd).map(ProjectConfig::load) : Optional.empty();
    }

    /** Reads and checks {@code file}: located errors, a suggestion for a misspelt key, rule or value. */
    static ProjectConfig load(Path file) {
        String text;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // A directory, a FIFO or a device (/dev/zero) would fail or never end: refused before reading.
                throw new InputException(Location.of(file.toString()), "not a regular file");
            }
            if (Files.size(file) > YamlReader.MAX_CHARS) {
                throw new InputException(Location.of(file.toString()), "configuration file larger than "
                        + YamlReader.MAX_CHARS + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException("--config: no such file: " + file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(Location.of(file.toString()), "not UTF-8 text");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<YNode> docs = new YamlReader().readAll(file.toString(), text);
        if (docs.isEmpty() || docs.get(0) instanceof YScalar s && s.isNull()) {
            return new ProjectConfig(file, null, null, null, Map.of());
        }
        if (docs.size() > 1) {
            throw new InputException(docs.get(1).location(), "expected one YAML document in " + FILE_NAME);
        }
        YMap root = Fields.map(docs.get(0), FILE_NAME);
        Fields.onlyKeys(root, KEYS, FILE_NAME);
        OutputOptions.Format format = root.has("format")
                ? choice(root.get("format"), "format", OutputOptions.Format.values()) : null;
        FailOnOption.Level failOn = root.has("fail-on")
                ? choice(root.get("fail-on"), "fail-on", FailOnOption.Level.values()) : null;
        Path maintainers = root.has("maintainers")
                ? file.toAbsolutePath().getParent().resolve(Fields.string(root.get("maintainers"), "maintainers"))
                : null;
        Map<String, String> ignore = new LinkedHashMap<>();
        if (root.has("ignore")) {
            YMap rules = Fields.map(root.get("ignore"), "ignore (rule: reason)");
            for (Map.Entry<String, YNode> e : rules.entries().entrySet()) {
                String rule;
                try {
                    rule = RuleId.byId(e.getKey()).id();
                } catch (InputException bad) {
                    throw bad.at(rules.keyLocation(e.getKey()));
                }
                String reason = e.getValue() instanceof YScalar s && s.isNull() ? ""
                        : Fields.string(e.getValue(), "ignore." + e.getKey() + " (the reason)").strip();
                if (reason.isEmpty()) {
                    throw new InputException(e.getValue().location(), "ignore." + e.getKey()
                            + ": give the reason the project ignores this rule");
                }
                ignore.put(rule, reason);
            }
        }
        return new ProjectConfig(file, format, failOn, maintainers, ignore);
    }

    private static <E extends Enum<E>> E choice(YNode node, String key, E[] values) {
        String text = Fields.string(node, key).strip().toLowerCase(Locale.ROOT);
        List<String> names = Arrays.stream(values).map(Enum::name).toList();
        for (E v : values) {
            if (v.name().equals(text)) {
                return v;
            }
        }
        throw new InputException(node.location(), key + ": '" + text + "' is not one of " + String.join(", ", names),
                Suggest.nearest(text, names).orElse(null));
    }
}
