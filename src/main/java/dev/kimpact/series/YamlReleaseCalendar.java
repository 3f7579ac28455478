package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;
import dev.kimpact.yaml.YamlReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The release calendar of the built-in kernel models: {@code dev/kimpact/kernels/index.txt} lists one version per
 * line ({@code #} comments allowed), each read from {@code dev/kimpact/kernels/VERSION.yaml} with its keys
 * {@code version}, {@code released}, {@code rc6} and {@code merge-window: {opens, closes}} (PRODUCT.md §5).
 * Without the index the calendar is empty; a model without {@code rc6} or {@code released} is left out.
 */
public final class YamlReleaseCalendar implements ReleaseCalendar {

    static final String DIR = "dev/kimpact/kernels/";

    private final List<Release> releases;
    private final Map<String, String> aliases;

    private YamlReleaseCalendar(List<Release> releases, Map<String, String> aliases) {
        this.releases = List.copyOf(releases);
        this.aliases = Map.copyOf(aliases);
    }

    @Override
    public List<Release> releases() {
        return releases;
    }

    /** The model that has the name {@code r} + 1 as an alias (5.0 for 4.20, whose successor was called 4.21). */
    @Override
    public Optional<String> successor(Release r) {
        return Optional.ofNullable(aliases.get(LateForMergeWindowRule.bump(r.version())));
    }

    /** The calendar of the class path's kernel models (empty if there are none). */
    public static ReleaseCalendar fromClasspath() {
        return load(YamlReleaseCalendar.class.getClassLoader());
    }

    public static ReleaseCalendar load(ClassLoader loader) {
        List<String> versions = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(DIR + "index.txt")) {
            if (in == null) {
                return ReleaseCalendar.empty();
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String v = line.replaceAll("#.*", "").strip();
                if (!v.isEmpty()) {
                    versions.add(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // kimpact's own YAML reader (SnakeYAML events): no Jackson data binding to start for 'series'.
        YamlReader yaml = new YamlReader();
        List<Release> releases = new ArrayList<>();
        Map<String, String> aliases = new HashMap<>();
        for (String v : versions) {
            String resource = DIR + v + ".yaml";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                List<YNode> docs = yaml.readAll(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (docs.isEmpty() || !(docs.get(0) instanceof YMap root)) {
                    continue;
                }
                Release rel = release(root, v, resource);
                if (rel != null) {
                    releases.add(rel);
                    if (root.get("aliases") instanceof YList list) {
                        for (YNode alias : list.items()) {
                            String a = text(alias);
                            if (a != null) {
                                aliases.put(a, rel.version());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new InputException(Location.of(resource), "cannot read kernel model: " + e.getMessage());
            }
        }
        releases.sort(Comparator.comparing(Release::released));
        return new YamlReleaseCalendar(releases, aliases);
    }

    private static Release release(YMap root, String fallbackVersion, String resource) {
        String version = text(root.get("version"));
        LocalDate rc6 = date(root.get("rc6"), resource);
        LocalDate released = date(root.get("released"), resource);
        YMap mw = root.get("merge-window") instanceof YMap m ? m : null;
        LocalDate opens = mw == null ? null : date(mw.get("opens"), resource);
        LocalDate closes = mw == null ? null : date(mw.get("closes"), resource);
        if (rc6 == null || released == null) {
            return null;
        }
        return new Release(version != null ? version : fallbackVersion, rc6, released, opens, closes);
    }

    private static String text(YNode node) {
        return node instanceof YScalar s && !s.isNull() ? s.text() : null;
    }

    private static LocalDate date(YNode node, String resource) {
        String t = text(node);
        if (t == null) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new InputException(Location.of(resource), "bad date '" + t + "' (expected YYYY-MM-DD)");
        }
    }
}
