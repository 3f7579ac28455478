package dev.kimpact.series;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

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
import java.util.List;

/**
 * The release calendar of the built-in kernel models: {@code dev/kimpact/kernels/index.txt} lists one version per
 * line ({@code #} comments allowed), each read from {@code dev/kimpact/kernels/VERSION.yaml} with its keys
 * {@code version}, {@code released}, {@code rc6} and {@code merge-window: {opens, closes}} (PRODUCT.md §5).
 * Without the index the calendar is empty; a model without {@code rc6} or {@code released} is left out.
 */
public final class YamlReleaseCalendar implements ReleaseCalendar {

    static final String DIR = "dev/kimpact/kernels/";

    private final List<Release> releases;

    private YamlReleaseCalendar(List<Release> releases) {
        this.releases = List.copyOf(releases);
    }

    @Override
    public List<Release> releases() {
        return releases;
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
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Release> releases = new ArrayList<>();
        for (String v : versions) {
            String resource = DIR + v + ".yaml";
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    continue;
                }
                JsonNode root = yaml.readTree(in);
                if (root == null || !root.isObject()) {
                    continue;
                }
                Release rel = release(root, v, resource);
                if (rel != null) {
                    releases.add(rel);
                }
            } catch (IOException e) {
                throw new InputException(Location.of(resource), "cannot read kernel model: " + e.getMessage());
            }
        }
        releases.sort(Comparator.comparing(Release::released));
        return ReleaseCalendar.of(releases);
    }

    private static Release release(JsonNode root, String fallbackVersion, String resource) {
        String version = root.hasNonNull("version") ? root.get("version").asText() : fallbackVersion;
        LocalDate rc6 = date(root.get("rc6"), resource);
        LocalDate released = date(root.get("released"), resource);
        JsonNode mw = root.get("merge-window");
        LocalDate opens = mw == null ? null : date(mw.get("opens"), resource);
        LocalDate closes = mw == null ? null : date(mw.get("closes"), resource);
        if (rc6 == null || released == null) {
            return null;
        }
        return new Release(version, rc6, released, opens, closes);
    }

    private static LocalDate date(JsonNode node, String resource) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw new InputException(Location.of(resource), "bad date '" + node.asText() + "' (expected YYYY-MM-DD)");
        }
    }
}
