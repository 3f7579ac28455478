package dev.kimpact.model;

import dev.kimpact.diag.BuiltinResource;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.Suggest;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YamlReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in models (resources {@code dev/kimpact/{kernels,patches,guests,vmm-cpus}/}, each listed in its
 * {@code index.txt}) and the resolution of model references, built-in or inline: {@code based-on} chains,
 * version aliases (4.21 ≡ 5.0), patch overlays. Thread-safe; one instance per run.
 */
public final class ModelCatalog {

    private static final String ROOT = "dev/kimpact/";

    private final YamlReader yaml = new YamlReader();
    private final Map<String, List<String>> indexes = new ConcurrentHashMap<>();
    private final Map<String, YMap> trees = new ConcurrentHashMap<>();
    private final Map<String, YMap> resolvedKernels = new ConcurrentHashMap<>();

    public List<String> kernelVersions() {
        return index("kernels");
    }

    public List<String> patchIds() {
        return index("patches");
    }

    public List<String> guestIds() {
        return index("guests");
    }

    public List<String> vmmCpuNames() {
        return index("vmm-cpus");
    }

    private List<String> index(String kind) {
        return indexes.computeIfAbsent(kind, k -> {
            String text = resource(k + "/index.txt");
            List<String> names = new ArrayList<>();
            if (text != null) {
                for (String line : text.split("\n")) {
                    String n = line.strip();
                    if (!n.isEmpty() && !n.startsWith("#")) {
                        names.add(n);
                    }
                }
            }
            return List.copyOf(names);
        });
    }

    private static String resource(String path) {
        try {
            return BuiltinResource.text(ROOT + path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in model " + path, e);
        }
    }

    /** The raw tree of built-in model {@code kind/name}. */
    private YMap builtinTree(String kind, String name) {
        return trees.computeIfAbsent(kind + "/" + name, key -> {
            String text = resource(key + ".yaml");
            if (text == null) {
                throw new IllegalStateException("built-in model listed but missing: " + key + ".yaml");
            }
            List<YNode> docs = yaml.readAll(key + ".yaml (built-in)", text);
            return Fields.map(docs.get(0), key);
        });
    }

    // ---- kernels -------------------------------------------------------------------------------------------

    /** Release name for {@code version}, resolving aliases; a located error with the nearest versions otherwise. */
    public String canonicalVersion(String version, Location where) {
        String v = normalizeVersion(version);
        if (kernelVersions().contains(v)) {
            return v;
        }
        // The models in index order, each read only when the ones before it do not name the alias: an alias
        // names a release a few models in (4.21 is 5.0), whose based-on chain is read anyway (start-up,
        // docs/PERFORMANCE.md); only an unknown version reads them all.
        for (String known : kernelVersions()) {
            if (aliasesOf(known).contains(v)) {
                return known;
            }
        }
        throw new InputException(where, "unknown kernel version '" + version + "' (nearest known: "
                + String.join(", ", nearestVersions(version)) + ")", Suggest.nearest(version, allVersionNames()).orElse(null));
    }

    /**
     * Spellings of one release: {@code v5.4}, {@code 5.4-rc3} (its merge window and -rc cycle) and {@code 5.4.17}
     * (a stable update) all name the 5.4 model; documented in docs/MODELS.md.
     */
    static String normalizeVersion(String version) {
        String v = version.strip();
        if (v.startsWith("v") || v.startsWith("V")) {
            v = v.substring(1);
        }
        v = v.replaceFirst("-rc\\d+$", "");
        if (v.matches("\\d+\\.\\d+\\.\\d+")) {
            v = v.substring(0, v.lastIndexOf('.'));
        }
        return v;
    }

    private Collection<String> allVersionNames() {
        Set<String> all = new LinkedHashSet<>(kernelVersions());
        for (String v : kernelVersions()) {
            all.addAll(aliasesOf(v));
        }
        return all;
    }

    private List<String> aliasesOf(String version) {
        return Fields.strings(builtinTree("kernels", version).get("aliases"), "kernels/" + version + ".aliases");
    }

    /** Up to two known versions numerically closest to {@code version}. */
    List<String> nearestVersions(String version) {
        double v = numeric(version);
        List<String> known = new ArrayList<>(kernelVersions());
        known.sort((a, b) -> Double.compare(Math.abs(numeric(a) - v), Math.abs(numeric(b) - v)));
        return known.subList(0, Math.min(2, known.size()));
    }

    private static double numeric(String version) {
        String[] p = version.split("\\.");
        try {
            double major = Double.parseDouble(p[0]);
            double minor = p.length > 1 ? Double.parseDouble(p[1].replaceAll("\\D.*", "")) : 0;
            return major * 100 + minor;
        } catch (NumberFormatException e) {
            return Double.MAX_VALUE / 4;
        }
    }

    /** The fully inherited tree of built-in kernel {@code version} (after alias resolution), resolved once. */
    public YMap kernelTree(String version, Location where) {
        return resolvedKernels.computeIfAbsent(canonicalVersion(version, where),
                v -> resolveKernel(builtinTree("kernels", v), new ArrayList<>(), where));
    }

    /** An inline kernel mapping (keys of a kernel model, {@code based-on} allowed) resolved against the built-ins. */
    public YMap kernelTree(YMap inline, Location where) {
        return resolveKernel(inline, new ArrayList<>(), where);
    }

    private YMap resolveKernel(YMap tree, List<String> chain, Location where) {
        YNode base = tree.get("based-on");
        if (base == null) {
            return tree;
        }
        String parent = canonicalVersion(Fields.string(base, "based-on"), base.location());
        if (chain.contains(parent)) {
            chain.add(parent);
            throw new InputException(base.location(), "cycle in based-on: " + String.join(" -> ", chain));
        }
        chain.add(parent);
        YMap resolvedParent = resolveKernel(builtinTree("kernels", parent), chain, where);
        Map<String, YNode> own = new LinkedHashMap<>(tree.entries());
        own.remove("based-on");
        // Identity keys belong to the child only.
        YMap child = new YMap(own, tree.keyLocations(), tree.location());
        Map<String, YNode> inherited = new LinkedHashMap<>(resolvedParent.entries());
        inherited.remove("aliases");
        return (YMap) Trees.merge(new YMap(inherited, resolvedParent.keyLocations(), resolvedParent.location()), child);
    }

    /** Binds a resolved kernel tree with {@code patches} applied in order. */
    public KernelModel kernel(YMap resolved, String name, List<PatchModel> patches) {
        YMap t = resolved;
        List<String> ids = new ArrayList<>();
        for (PatchModel p : patches) {
            for (Map.Entry<String, YNode> change : p.changes().entries().entrySet()) {
                t = Trees.applyChange(t, change.getKey(), change.getValue(), Set.of("abi"),
                        p.changes().keyLocation(change.getKey()));
            }
            ids.add(p.id());
        }
        String shown = ids.isEmpty() ? name : name + "+" + String.join("+", ids);
        return ModelBinder.kernel(t, shown, ids);
    }

    // ---- patches, guests, VMM CPU models --------------------------------------------------------------------

    public PatchModel patch(String id, Location where) {
        if (!patchIds().contains(id)) {
            throw new InputException(where, "unknown patch model '" + id + "'", Suggest.nearest(id, patchIds()).orElse(null));
        }
        return ModelBinder.patch(builtinTree("patches", id), id);
    }

    public PatchModel patch(YMap inline, String fallbackId) {
        return ModelBinder.patch(inline, fallbackId);
    }

    public GuestModel guest(String id, Location where) {
        if (!guestIds().contains(id)) {
            throw new InputException(where, "unknown guest kernel model '" + id + "'",
                    Suggest.nearest(id, guestIds()).orElse(null));
        }
        return ModelBinder.guest(builtinTree("guests", id), id);
    }

    public GuestModel guest(YMap inline, String fallbackId) {
        return ModelBinder.guest(inline, fallbackId);
    }

    public VmmCpuModel vmmCpu(String name, Location where) {
        if (name.equals(VmmCpuModel.HOST_PASSTHROUGH.name())) {
            return VmmCpuModel.HOST_PASSTHROUGH;
        }
        if (!vmmCpuNames().contains(name)) {
            List<String> all = new ArrayList<>(vmmCpuNames());
            all.add(VmmCpuModel.HOST_PASSTHROUGH.name());
            throw new InputException(where, "unknown VMM CPU model '" + name + "'", Suggest.nearest(name, all).orElse(null));
        }
        return ModelBinder.vmmCpu(builtinTree("vmm-cpus", name), name);
    }

    public VmmCpuModel vmmCpu(YMap inline, String fallbackName) {
        return ModelBinder.vmmCpu(inline, fallbackName);
    }

    /** Release calendar of the built-in kernels, oldest first. */
    public List<KernelModel> builtinKernels() {
        List<KernelModel> out = new ArrayList<>();
        for (String v : kernelVersions()) {
            out.add(kernel(kernelTree(v, null), v, List.of()));
        }
        return out;
    }
}
