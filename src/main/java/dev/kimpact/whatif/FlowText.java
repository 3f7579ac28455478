package dev.kimpact.whatif;

import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A node as one line of YAML flow text ({@code [a, b]}, {@code {dump: x.txt}}), the way --set values are written. */
public final class FlowText {

    private FlowText() {
    }

    public static String of(YNode node) {
        if (node instanceof YMap m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
                parts.add(e.getKey() + ": " + of(e.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (node instanceof YList l) {
            List<String> parts = new ArrayList<>();
            for (YNode item : l.items()) {
                parts.add(of(item));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        YScalar s = (YScalar) node;
        return s.isNull() ? "null" : s.text();
    }
}
