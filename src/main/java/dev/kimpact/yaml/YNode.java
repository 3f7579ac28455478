package dev.kimpact.yaml;

import dev.kimpact.diag.Location;

/** A YAML node that remembers where it was written, so every error can point at file:line:column. */
public sealed interface YNode permits YMap, YList, YScalar {

    Location location();

    /** "mapping", "list" or "scalar": for "expected a list, found a mapping" messages. */
    String kind();
}
