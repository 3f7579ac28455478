package dev.kimpact.yaml;

import dev.kimpact.diag.Location;

/**
 * A scalar as written: its text (never re-typed, so {@code 4.20} stays "4.20", not 4.2) and whether it was
 * null ({@code ~}, {@code null} or empty).
 */
public record YScalar(String text, boolean isNull, Location location) implements YNode {

    public static YScalar of(String text, Location location) {
        return new YScalar(text, false, location);
    }

    @Override
    public String kind() {
        return "scalar";
    }
}
