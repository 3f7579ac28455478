package dev.kimpact.yaml;

import dev.kimpact.diag.Location;

import java.util.List;

/** A YAML sequence. */
public record YList(List<YNode> items, Location location) implements YNode {

    public YList {
        items = List.copyOf(items);
    }

    @Override
    public String kind() {
        return "list";
    }
}
