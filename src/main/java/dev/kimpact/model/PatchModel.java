package dev.kimpact.model;

import dev.kimpact.diag.Location;
import dev.kimpact.yaml.YMap;

import java.util.List;
import java.util.Map;

/**
 * A named overlay on a host kernel model (docs/MODELS.md §3): {@code changes} maps dotted paths to new values or to
 * {@code {add: [...], remove: [...]}} list edits; {@code sources} cite where each fact comes from, {@code unverified}
 * says what is inferred.
 */
public record PatchModel(String id, String subject, String commit, String tree, String summary, List<String> sources,
                         List<String> unverified, YMap changes) {

    public PatchModel {
        sources = List.copyOf(sources);
        unverified = List.copyOf(unverified);
    }

    /** A patch model that changes nothing. */
    public static PatchModel none(String id, String summary, Location at) {
        return new PatchModel(id, null, null, null, summary, List.of(), List.of(), new YMap(Map.of(), Map.of(), at));
    }
}
