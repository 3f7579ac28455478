package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YamlReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A patch model read from code: what a change does to the kernel facts {@link KernelSource} derives, found by
 * reading the tree before and after it. Each changed fact becomes a change in the patch-model schema of
 * docs/MODELS.md ({@code host.xcr0: {add: [...], remove: [...]}}, {@code abi.prctl-mpx: false}); a fact that is
 * underivable (or absent) on either side changes nothing and is listed in {@link #underivable}, never guessed
 * (unless it is underivable in the same way on both sides: that is the base's, and said where the base is).
 *
 * @param id          the model id: {@code series}, or the commit's short id
 * @param commit      the commit (or {@code BASE..TIP}) it was derived from
 * @param subject     the commit subject, or null for a whole series
 * @param changes     model key to its change, in the order of the model's keys
 * @param derivedFrom one entry per change: where the new value is defined and the values before and after
 * @param underivable a fact that could not be compared, with where and why
 */
public record DerivedPatch(String id, String commit, String subject, Map<String, Change> changes,
                           List<DerivedFrom> derivedFrom, List<String> underivable) {

    public DerivedPatch {
        changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
        derivedFrom = List.copyOf(derivedFrom);
        underivable = List.copyOf(underivable);
    }

    /** The id of the patch model of a whole series ({@code patches: [series]} in a scenario). */
    public static final String SERIES = "series";

    /** A fact's change: components added and removed (a mask fact), or the new value (a boolean fact). */
    public record Change(long added, long removed, Boolean value) {

        /** The change in the patch-model schema: {@code {add: [avx], remove: [bndregs]}} or {@code false}. */
        public String yaml() {
            if (value != null) {
                return value.toString();
            }
            List<String> parts = new ArrayList<>();
            if (added != 0) {
                parts.add("add: " + DerivedKernel.maskList(added));
            }
            if (removed != 0) {
                parts.add("remove: " + DerivedKernel.maskList(removed));
            }
            return "{" + String.join(", ", parts) + "}";
        }
    }

    /**
     * Where a change was read: the definition after the change (before it, when the change removed it), and the
     * value on each side as a model writes it.
     */
    public record DerivedFrom(String key, Location at, String before, String after) {
    }

    /** True when nothing derivable changed: a refactor, or a change to files no fact is read from. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /**
     * The differences between the facts of two trees. The version (top Makefile) is not a fact a patch changes
     * and is not compared.
     */
    public static DerivedPatch between(String id, String commit, String subject, KernelSource.Facts before,
                                       KernelSource.Facts after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        List<DerivedFrom> from = new ArrayList<>();
        List<String> underivable = new ArrayList<>();
        for (Fact a : after.facts()) {
            Fact b = before.facts().stream().filter(f -> f.key().equals(a.key())).findFirst().orElse(null);
            if (b instanceof Fact.Derived db && a instanceof Fact.Derived da) {
                if (Objects.equals(db.value(), da.value())) {
                    continue;
                }
                Change c = da.value() instanceof Long n && db.value() instanceof Long o
                        ? new Change(n & ~o, o & ~n, null) : new Change(0, 0, (Boolean) da.value());
                changes.put(a.key(), c);
                Location at = da.at().line() > 0 || db.at().line() == 0 ? da.at() : db.at();
                from.add(new DerivedFrom(a.key(), at, shown(db.value()), shown(da.value())));
            } else if (b == null || !sameKind(b, a)) {
                underivable.add(a.key() + ": " + describe(b) + " before, " + describe(a) + " after");
            } else if (a instanceof Fact.Underivable ua && !a.equals(b)) {
                underivable.add(a.key() + ": " + ua.at() + ": " + ua.why()); // the same on both sides: said once, for the base
            }
        }
        return new DerivedPatch(id, commit, subject, changes, from, underivable);
    }

    private static boolean sameKind(Fact a, Fact b) {
        return a.getClass() == b.getClass();
    }

    private static String describe(Fact f) {
        if (f == null) {
            return "not read";
        }
        if (f instanceof Fact.Derived d) {
            return shown(d.value()) + " (" + d.at() + ")";
        }
        if (f instanceof Fact.Underivable u) {
            return "underivable (" + u.at() + ": " + u.why() + ")";
        }
        return "absent (" + ((Fact.Absent) f).why() + ")";
    }

    /** A fact's value as a model writes it: {@code [x87, sse, avx]} or {@code true}. */
    public static String shown(Object value) {
        return value instanceof Long m ? DerivedKernel.maskList(m) : String.valueOf(value);
    }


    /** This patch in the patch-model schema (docs/MODELS.md), ready to save under patches: or use inline. */
    public String yaml() {
        StringBuilder y = new StringBuilder();
        y.append("id: ").append(DerivedKernel.quote(id)).append('\n');
        if (subject != null) {
            y.append("subject: ").append(DerivedKernel.quote(subject)).append('\n');
        }
        y.append("commit: ").append(DerivedKernel.quote(commit)).append('\n');
        y.append("summary: ").append(DerivedKernel.quote("derived by kimpact from the code " + commit + " changes"))
                .append('\n');
        y.append("sources:");
        if (derivedFrom.isEmpty()) {
            y.append(" []");
        }
        y.append('\n');
        for (DerivedFrom d : derivedFrom) {
            y.append("  - ").append(DerivedKernel.quote(d.key() + ": " + d.at() + ": " + d.before() + " -> "
                    + d.after())).append('\n');
        }
        if (!underivable.isEmpty()) {
            y.append("unverified:\n");
            for (String u : underivable) {
                y.append("  - ").append(DerivedKernel.quote("not compared: " + u)).append('\n');
            }
        }
        y.append("changes:");
        if (changes.isEmpty()) {
            y.append(" {}");
        }
        y.append('\n');
        changes.forEach((k, c) -> y.append("  ").append(k).append(": ").append(c.yaml()).append('\n'));
        return y.toString();
    }

    /** This patch as a model that scenarios and the engine apply to a kernel. */
    public PatchModel model(ModelCatalog catalog) {
        YMap tree = (YMap) new YamlReader().readAll("patch model derived from " + commit, yaml()).get(0);
        return catalog.patch(tree, id);
    }
}
