package dev.kimpact.report;

import dev.kimpact.diagram.LayoutDiagram;
import dev.kimpact.diagram.Titled;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.XFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two XSAVE layouts a finding compares, drawn side by side for the human formats from the layout tables its
 * evidence records ({@code xsave-layout-mismatch}: the kernel's buffers and guest_fpu, compacted;
 * {@code xsave-size-changed}: the source's and the destination's standard form). The drawing replaces those
 * tables; the rest of the evidence is shown as it is.
 *
 * @param lines    the drawing
 * @param evidence the finding's evidence without the tables the drawing shows
 */
record EvidenceDiagram(List<String> lines, Map<String, Object> evidence) {

    /** The drawing for {@code f}, if it is of a rule that compares layouts and its evidence holds both tables. */
    static Optional<EvidenceDiagram> of(Finding f) {
        Map<String, Object> ev = f.evidence();
        if (f.rule().equals(RuleId.XSAVE_LAYOUT_MISMATCH.id())) {
            return draw(ev.get("host_buffers"), List.of("kernel's buffers", "XCOMP_BV " + hex(ev.get("host_buffers_xcomp_bv"))),
                    ev.get("guest_fpu"), List.of("guest_fpu", "XCOMP_BV " + hex(ev.get("guest_fpu_xcomp_bv"))),
                    Layout.Form.COMPACTED).map(lines -> new EvidenceDiagram(lines, without(ev, "host_buffers", "guest_fpu")));
        }
        if (f.rule().equals(RuleId.XSAVE_SIZE_CHANGED.id()) && ev.get("standard_layouts") instanceof Map<?, ?> m) {
            return draw(m.get("source"), List.of("source, standard form"), m.get("destination"),
                    List.of("destination, standard form"), Layout.Form.STANDARD)
                    .map(lines -> new EvidenceDiagram(lines, without(ev, "standard_layouts")));
        }
        return Optional.empty();
    }

    private static Optional<List<String>> draw(Object leftTable, List<String> leftTitle, Object rightTable,
                                               List<String> rightTitle, Layout.Form form) {
        Optional<Layout> left = layout(leftTable, form);
        Optional<Layout> right = layout(rightTable, form);
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LayoutDiagram.sideBySide(new Titled(leftTitle, left.get()),
                new Titled(rightTitle, right.get())));
    }

    /**
     * A layout from rows {@code {component, offset, size}} (the extended components; x87 and SSE, in the legacy
     * region, are implied), or empty if a row is not one (a report read back from JSON written by another version).
     */
    private static Optional<Layout> layout(Object table, Layout.Form form) {
        if (!(table instanceof List<?> rows)) {
            return Optional.empty();
        }
        List<Layout.Slot> slots = new ArrayList<>(List.of(new Layout.Slot(0, 0, 160, false, false),
                new Layout.Slot(1, 160, 256, false, false)));
        long mask = XFeature.MASK_FPSSE;
        int size = Layout.EXTENDED_OFFSET;
        for (Object row : rows) {
            if (!(row instanceof Map<?, ?> r) || !(r.get("offset") instanceof Number offset)
                    || !(r.get("size") instanceof Number bytes) || !(r.get("component") instanceof String name)
                    || XFeature.byName(name) == null) {
                return Optional.empty();
            }
            XFeature feature = XFeature.byName(name);
            slots.add(new Layout.Slot(feature.index(), offset.intValue(), bytes.intValue(), false,
                    feature.supervisor()));
            mask |= feature.mask();
            size = Math.max(size, offset.intValue() + bytes.intValue());
        }
        return Optional.of(new Layout(form, mask, slots, size));
    }

    private static String hex(Object mask) {
        return mask instanceof Map<?, ?> m && m.get("hex") != null ? String.valueOf(m.get("hex")) : "?";
    }

    private static Map<String, Object> without(Map<String, Object> evidence, String... keys) {
        Map<String, Object> rest = new LinkedHashMap<>(evidence);
        for (String k : keys) {
            rest.remove(k);
        }
        return rest;
    }
}
