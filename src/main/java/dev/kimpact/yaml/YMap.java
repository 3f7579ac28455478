package dev.kimpact.yaml;

import dev.kimpact.diag.Location;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A YAML mapping with string keys in the order written, and where each key was written.
 */
public record YMap(Map<String, YNode> entries, Map<String, Location> keyLocations, Location location) implements YNode {

    public YMap {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
    }

    public YNode get(String key) {
        return entries.get(key);
    }

    public boolean has(String key) {
        return entries.containsKey(key);
    }

    public Location keyLocation(String key) {
        return keyLocations.getOrDefault(key, location);
    }

    @Override
    public String kind() {
        return "mapping";
    }
}
