package dev.kimpact.kernelsrc;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.xsave.Masks;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YamlReader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel model for a source tree: the facts {@link KernelSource} derives, over the built-in model of the
 * nearest release at or below the tree's ({@code based-on}), which supplies every fact that is a code path rather
 * than a mask ({@code kvm.set-xsave.accept}, {@code kvm.guest-fpu.save}, ...) and every fact the tree does not
 * give. {@link #yaml()} is the model in the schema of docs/MODELS.md: its {@code sources} say what was derived and
 * where, its {@code unverified} what was inherited and what could not be derived.
 *
 * @param base      the built-in release it is based on
 * @param inherited the model keys taken from {@code base}
 * @param tree      {@code yaml} read back: an inline kernel model ({@code based-on} unresolved)
 */
public record DerivedKernel(KernelSource.Facts facts, String base, List<String> inherited, String yaml, YMap tree,
                            KernelModel model) {

    public DerivedKernel {
        inherited = List.copyOf(inherited);
    }

    /** Keys every kernel model has that {@link KernelSource} does not read (code paths and the calendar). */
    private static final List<String> NOT_READ = List.of("host.xsave", "host.apx-mpx-exclusive", "kvm.xcr0-limit",
            "kvm.guest-fpu.save", "kvm.guest-fpu.xcr0", "kvm.set-xsave.accept", "kvm.get-xsave.mask",
            "kvm.xsave-buffer");

    public static DerivedKernel of(KernelSource.Facts facts, ModelCatalog catalog) {
        KernelSource.Version v = facts.version();
        String base = null;
        for (String known : catalog.kernelVersions()) {
            String[] p = known.split("\\.");
            int major = Integer.parseInt(p[0]);
            int minor = Integer.parseInt(p[1]);
            if (major < v.major() || major == v.major() && minor <= v.minor()) {
                base = known;
            }
        }
        if (base == null) {
            throw new InputException(new Location(facts.origin() + "/" + v.at().file(), v.at().line(), 0),
                    "kernel " + v.text() + " is older than every built-in model (the oldest is "
                            + catalog.kernelVersions().get(0) + ")");
        }
        KernelModel builtin = catalog.kernel(catalog.kernelTree(base, null), base, List.of());

        List<String> sources = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        List<String> inherited = new ArrayList<>();
        Map<String, String> host = new LinkedHashMap<>();
        Map<String, String> kvm = new LinkedHashMap<>();
        Map<String, String> abi = new LinkedHashMap<>();
        sources.add("read from " + facts.origin() + ": " + v.at() + " (VERSION, PATCHLEVEL, SUBLEVEL, EXTRAVERSION) is "
                + v.text() + "; keys not listed below are inherited from the built-in " + base
                + " model (kimpact kernels shows its sources)");
        for (Fact f : facts.facts()) {
            if (f instanceof Fact.Derived d) {
                sources.add(f.key() + ": " + d.at() + " " + d.from());
                String value = d.value() instanceof Long m ? maskList(m) : d.value().toString();
                String leaf = f.key().substring(f.key().indexOf('.') + 1);
                (f.key().startsWith("host.") ? host : f.key().startsWith("kvm.") ? kvm : abi).put(leaf, value);
            } else if (f instanceof Fact.Underivable u) {
                unverified.add(f.key() + " is underivable: " + u.at() + ": " + u.why() + "; the built-in " + base
                        + " value is used");
                inherited.add(f.key());
            } else if (f instanceof Fact.Absent a) {
                unverified.add(f.key() + ": " + a.why() + "; the built-in " + base + " value is used");
                inherited.add(f.key());
            }
        }
        List<String> notRead = new ArrayList<>(NOT_READ);
        for (String k : builtin.abi().keySet()) {
            if (!abi.containsKey(k) && !inherited.contains("abi." + k)) {
                notRead.add("abi." + k);
            }
        }
        inherited.addAll(notRead);
        unverified.add("inherited from the built-in " + base + " model (code paths, not masks, or not read): "
                + String.join(", ", notRead));
        if (!base.equals(v.major() + "." + v.minor())) {
            unverified.add("released, rc6, merge-window: the built-in " + base + " model's, not " + v.text() + "'s");
            inherited.addAll(List.of("released", "rc6", "merge-window"));
        }

        StringBuilder y = new StringBuilder();
        y.append("# Kernel model derived by kimpact from ").append(oneLine(facts.origin())).append('\n');
        y.append("version: ").append(quote(v.text())).append('\n');
        y.append("based-on: ").append(quote(base)).append('\n');
        list(y, "sources", sources);
        list(y, "unverified", unverified);
        section(y, "host", host);
        section(y, "kvm", kvm);
        section(y, "abi", abi);
        String yaml = y.toString();
        YMap tree = (YMap) new YamlReader().readAll("kernel model of " + facts.origin(), yaml).get(0);
        KernelModel model = catalog.kernel(catalog.kernelTree(tree, null), v.text(), List.of());
        return new DerivedKernel(facts, base, inherited, yaml, tree, model);
    }

    /** {@code [x87, sse, avx]}: component names; a bit without a name is {@code bitN} (docs/MODELS.md). */
    static String maskList(long mask) {
        return mask == 0 ? "[]" : "[" + Masks.names(mask).replace("|", ", ") + "]";
    }

    private static void list(StringBuilder y, String key, List<String> items) {
        y.append(key).append(':');
        if (items.isEmpty()) {
            y.append(" []\n");
            return;
        }
        y.append('\n');
        for (String s : items) {
            y.append("  - ").append(quote(s)).append('\n');
        }
    }

    private static void section(StringBuilder y, String key, Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        y.append(key).append(":\n");
        entries.forEach((k, v) -> y.append("  ").append(k).append(": ").append(v).append('\n'));
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}]", "?");
    }

    /** A YAML double-quoted scalar. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
