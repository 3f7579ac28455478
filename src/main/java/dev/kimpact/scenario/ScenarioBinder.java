package dev.kimpact.scenario;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.PathGuard;
import dev.kimpact.diag.Suggest;
import dev.kimpact.kernelsrc.DerivedKernel;
import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.model.Fields;
import dev.kimpact.model.GuestModel;
import dev.kimpact.model.KernelModel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import dev.kimpact.model.QemuVersion;
import dev.kimpact.model.VmmCpuModel;
import dev.kimpact.finding.RuleId;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YScalar;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds one scenario document (a YAML mapping) to a {@link Scenario}, validating as it goes (PRODUCT.md §3). */
public final class ScenarioBinder {

    /** Keys of a scenario document, of a host, of a guest and of a guest's vmm: (--set may add these). */
    public static final List<String> TOP_KEYS = List.of("scenario", "summary", "cpu", "hosts", "guests", "patches",
            "steps", "expect", "ignore", "notes");
    public static final List<String> HOST_KEYS = List.of("name", "kernel", "patches", "cpu");
    public static final List<String> GUEST_KEYS = List.of("name", "kernel", "vmm");
    public static final List<String> VMM_KEYS = List.of("cpu-model", "enforce", "qemu");
    static final List<String> STEP_KINDS = List.of("boot", "use", "switch", "migrate");
    static final List<String> EXPECT_KEYS = List.of("rule", "guest", "host", "present");
    static final List<String> IGNORE_KEYS = List.of("rule", "guest", "reason");

    private final ModelCatalog models;
    private final CpuCatalog cpus;
    private final PathGuard paths;
    private final KernelTrees kernelTrees;
    private final String file;
    private final PatchModel series;

    /** The patch name a host's {@code patches:} uses for the series under analysis ({@code kimpact series}). */
    public static final String SERIES = "series";

    public ScenarioBinder(ModelCatalog models, CpuCatalog cpus, KernelTrees kernelTrees, Path baseDir, String file) {
        this(models, cpus, kernelTrees, baseDir, file, null);
    }

    /**
     * @param series      the patch model {@code patches: [series]} stands for (the series {@code kimpact series}
     *                    analyses), or null when there is none: then naming it is an error
     * @param kernelTrees reads {@code kernel: {tree: DIR}} and {@code kernel: {repo: DIR, ref: REF}}; DIR resolves
     *                    inside {@code baseDir} as CPU dumps do
     * @param baseDir     the scenario file's directory: {@code cpu: {dump: FILE}} paths resolve inside it
     */
    public ScenarioBinder(ModelCatalog models, CpuCatalog cpus, KernelTrees kernelTrees, Path baseDir, String file,
                          PatchModel series) {
        this.models = models;
        this.series = series;
        this.kernelTrees = kernelTrees;
        this.cpus = cpus;
        this.paths = new PathGuard(file, baseDir, "the scenario's directory");
        this.file = file;
    }

    public Scenario bind(YNode doc) {
        return bind(doc, null, BindingCache.none());
    }

    /**
     * Binds {@code doc}, taking from {@code cache} the hosts, guests and CPUs bound for another case of the same
     * document (and leaving there the ones bound now).
     */
    public Scenario bind(YNode doc, BindingCache cache) {
        return bind(doc, null, cache);
    }

    /**
     * Every problem of the document, in the order they are written, instead of only the first: each top-level
     * key, and each host, guest, patch, step, expect and ignore entry is checked on its own (a reference to a host
     * or guest whose own entry is wrong is not reported again). Problems inside one entry stop at the first.
     */
    public Checked check(YNode doc) {
        List<InputException> problems = new ArrayList<>();
        Scenario scenario = null;
        try {
            scenario = bind(doc, problems, BindingCache.none());
        } catch (InputException e) {
            problems.add(e);
        }
        return new Checked(problems.isEmpty() ? scenario : null, List.copyOf(problems));
    }

    /** What {@link #check} found: the scenario when there is no problem, else every problem. */
    public record Checked(Scenario scenario, List<InputException> problems) {
    }

    /** Binds {@code doc}; with {@code problems}, collects them and goes on, and returns null if there were any. */
    private Scenario bind(YNode doc, List<InputException> problems, BindingCache cache) {
        YMap top = Fields.map(doc, "scenario");
        Check check = new Check(problems);
        // A misspelt top-level key is one problem: what its absence causes (no hosts, a host without cpu) is not
        // reported again.
        boolean misspelt = check.get(() -> {
            Fields.onlyKeys(top, TOP_KEYS, "scenario");
            return false;
        }, true);
        Check unlessMisspelt = misspelt ? new Check(new ArrayList<>()) : check;
        String name = unlessMisspelt.get(() -> Fields.string(Fields.require(top, "scenario", "scenario"), "scenario"));
        String summary = check.get(() -> Fields.string(top, "summary", null, "scenario"));
        CpuModel defaultCpu = top.get("cpu") == null ? null
                : check.get(() -> cache.get(new BindingCache.CpuKey(top.get("cpu")), () -> cpu(top.get("cpu"))));
        boolean cpuFailed = top.get("cpu") != null && defaultCpu == null || misspelt;

        Map<String, PatchModel> localPatches = new LinkedHashMap<>();
        for (YNode p : check.get(() -> list(top.get("patches"), "patches"), List.<YNode>of())) {
            check.run(() -> {
                YMap pm = Fields.map(p, "patches[]");
                PatchModel patch = models.patch(pm, Fields.string(Fields.require(pm, "id", "patch"), "patch.id"));
                if (patch.id().equals(SERIES)) {
                    throw new InputException(pm.get("id").location(), "patch id 'series' is reserved: it stands for "
                            + "the series 'kimpact series' analyses; give this patch another id");
                }
                if (localPatches.put(patch.id(), patch) != null) {
                    throw new InputException(pm.location(), "patch '" + patch.id() + "' defined twice");
                }
            });
        }

        Map<String, YMap> hostEntries = check.get(() -> named(top, "hosts"), null);
        Map<String, Scenario.Host> hosts = new LinkedHashMap<>();
        for (Map.Entry<String, YMap> e : hostEntries == null ? Map.<String, YMap>of().entrySet() : hostEntries.entrySet()) {
            Scenario.Host h = check.get(() -> cache.get(
                    new BindingCache.HostKey(e.getKey(), e.getValue(), defaultCpu, localPatches, cpuFailed),
                    () -> host(e.getKey(), e.getValue(), defaultCpu, localPatches, cpuFailed)));
            if (h != null) {
                hosts.put(h.name(), h);
            }
        }
        if (hostEntries != null && hostEntries.isEmpty()) {
            unlessMisspelt.run(() -> {
                throw new InputException(top.location(), "scenario '" + name + "': no hosts");
            });
        }
        Map<String, YMap> guestEntries = check.get(() -> named(top, "guests"), null);
        Map<String, Scenario.Guest> guests = new LinkedHashMap<>();
        for (Map.Entry<String, YMap> e : guestEntries == null ? Map.<String, YMap>of().entrySet() : guestEntries.entrySet()) {
            Scenario.Guest g = check.get(() -> cache.get(new BindingCache.GuestKey(e.getKey(), e.getValue()),
                    () -> guest(e.getKey(), e.getValue())));
            if (g != null) {
                guests.put(g.name(), g);
            }
        }
        // References resolve against every defined name: an entry that is itself wrong was reported above.
        java.util.Set<String> hostNames = hostEntries == null ? hosts.keySet() : hostEntries.keySet();
        java.util.Set<String> guestNames = guestEntries == null ? guests.keySet() : guestEntries.keySet();

        List<Scenario.Step> steps = new ArrayList<>();
        for (YNode s : check.get(() -> list(top.get("steps"), "steps"), List.<YNode>of())) {
            check.run(() -> steps.add(step(s, hostNames, guestNames)));
        }
        List<Scenario.Expect> expects = new ArrayList<>();
        for (YNode x : check.get(() -> list(top.get("expect"), "expect"), List.<YNode>of())) {
            check.run(() -> {
                YMap m = Fields.map(x, "expect[]");
                Fields.onlyKeys(m, EXPECT_KEYS, "expect entry");
                String rule = ruleId(Fields.require(m, "rule", "expect entry"));
                String guest = ref(m.get("guest"), guestNames, "guest");
                String host = ref(m.get("host"), hostNames, "host");
                expects.add(new Scenario.Expect(rule, guest, host, Fields.bool(m, "present", true, "expect entry"),
                        m.location()));
            });
        }
        List<Scenario.Ignore> ignores = new ArrayList<>();
        for (YNode x : check.get(() -> list(top.get("ignore"), "ignore"), List.<YNode>of())) {
            check.run(() -> {
                YMap m = Fields.map(x, "ignore[]");
                Fields.onlyKeys(m, IGNORE_KEYS, "ignore entry");
                String rule = ruleId(Fields.require(m, "rule", "ignore entry"));
                String reason = Fields.string(Fields.require(m, "reason", "ignore entry (a reason is required)"), "reason");
                ignores.add(new Scenario.Ignore(rule, ref(m.get("guest"), guestNames, "guest"), reason, m.location()));
            });
        }
        if (problems != null && !problems.isEmpty()) {
            return null;
        }
        return new Scenario(name, summary, file, top.location(), List.copyOf(hosts.values()),
                List.copyOf(guests.values()), steps, expects, ignores);
    }

    /** Runs one check: throws its problem (binding), or records it and goes on (collecting every problem). */
    private record Check(List<InputException> problems) {

        void run(Runnable part) {
            get(() -> {
                part.run();
                return Boolean.TRUE;
            });
        }

        <T> T get(java.util.function.Supplier<T> part) {
            return get(part, null);
        }

        <T> T get(java.util.function.Supplier<T> part, T otherwise) {
            if (problems == null) {
                return part.get();
            }
            try {
                return part.get();
            } catch (InputException e) {
                problems.add(e);
                return otherwise;
            }
        }
    }

    private static String ruleId(YNode n) {
        try {
            return RuleId.byId(Fields.string(n, "rule")).id();
        } catch (InputException e) {
            throw e.at(n.location());
        }
    }

    private static List<YNode> list(YNode n, String what) {
        if (n == null || (n instanceof YScalar s && s.isNull())) {
            return List.of();
        }
        if (n instanceof YList l) {
            return l.items();
        }
        throw new InputException(n.location(), what + ": expected a list, found a " + n.kind());
    }

    /** Hosts or guests as a list of mappings with {@code name:}, or as a mapping keyed by name. */
    private static Map<String, YMap> named(YMap top, String key) {
        Map<String, YMap> out = new LinkedHashMap<>();
        YNode n = top.get(key);
        if (n instanceof YMap m) {
            for (Map.Entry<String, YNode> e : m.entries().entrySet()) {
                YMap body = Fields.map(e.getValue(), key + "." + e.getKey());
                if (body.has("name")) {
                    throw new InputException(body.keyLocation("name"), key + "." + e.getKey()
                            + ": 'name' is the mapping key here; remove it");
                }
                out.put(e.getKey(), body);
            }
            return out;
        }
        for (YNode item : list(n, key)) {
            YMap body = Fields.map(item, key + "[]");
            String name = Fields.string(Fields.require(body, "name", key + " entry"), key + ".name");
            if (out.containsKey(name)) {
                throw new InputException(body.location(), key + ": name '" + name + "' used twice");
            }
            out.put(name, body);
        }
        return out;
    }

    /** {@code kernel: {tree: DIR}} or {@code kernel: {repo: DIR, ref: REF}}: the model derived from that source. */
    private DerivedKernel sourceKernel(YMap source, String host) {
        String what = "host '" + host + "'.kernel";
        if (source.has("tree")) {
            Fields.onlyKeys(source, List.of("tree"), what + " (a kernel tree)");
            String rel = Fields.string(source.get("tree"), what + ".tree");
            Path dir = paths.resolve("kernel tree", rel, source.get("tree").location());
            try {
                return kernelTrees.directory(dir, paths.shown(rel));
            } catch (InputException e) {
                throw e.at(source.get("tree").location());
            }
        }
        Fields.onlyKeys(source, List.of("repo", "ref"), what + " (a kernel tree in git)");
        String rel = Fields.string(source.get("repo"), what + ".repo");
        String ref = Fields.string(Fields.require(source, "ref", what), what + ".ref");
        Path dir = paths.resolve("kernel repo", rel, source.get("repo").location());
        try {
            return kernelTrees.repository(dir, paths.shown(rel), ref);
        } catch (InputException e) {
            throw e.at(source.get("repo").location());
        }
    }

    private Scenario.Host host(String name, YMap m, CpuModel defaultCpu, Map<String, PatchModel> localPatches,
                               boolean cpuFailed) {
        Fields.onlyKeys(m, HOST_KEYS, "host '" + name + "'");
        YNode k = Fields.require(m, "kernel", "host '" + name + "'");
        YMap tree;
        String kernelName;
        List<PatchModel> patches = new ArrayList<>();
        if (k instanceof YMap source && (source.has("tree") || source.has("repo"))) {
            DerivedKernel derived = sourceKernel(source, name);
            tree = models.kernelTree(derived.tree(), source.location());
            kernelName = derived.model().version();
        } else if (k instanceof YMap inline) {
            // PRODUCT.md §3: kernel: {based-on: "4.20", changes: {...}} -- changes as an unnamed patch.
            YMap body = inline;
            if (inline.has("changes")) {
                Map<String, YNode> rest = new LinkedHashMap<>(inline.entries());
                YNode changes = rest.remove("changes");
                body = new YMap(rest, inline.keyLocations(), inline.location());
                Map<String, YNode> patch = new LinkedHashMap<>();
                patch.put("changes", changes);
                patches.add(models.patch(new YMap(patch, Map.of("changes", inline.keyLocation("changes")),
                        changes.location()), "changes"));
            }
            tree = models.kernelTree(body, inline.location());
            kernelName = Fields.string(inline, "version",
                    inline.has("based-on") ? Fields.string(inline.get("based-on"), "based-on") : "inline", "kernel");
        } else {
            String v = Fields.string(k, "host '" + name + "'.kernel");
            kernelName = models.canonicalVersion(v, k.location());
            tree = models.kernelTree(kernelName, k.location());
        }
        for (YNode p : list(m.get("patches"), "host '" + name + "'.patches")) {
            if (p instanceof YMap inline) {
                patches.add(models.patch(inline, Fields.string(inline, "id", "inline-patch", "patch")));
            } else {
                String id = Fields.string(p, "patch");
                patches.add(localPatches.containsKey(id) ? localPatches.get(id) : patchOrSuggest(id, p, localPatches));
            }
        }
        KernelModel kernel;
        try {
            kernel = models.kernel(tree, kernelName, patches);
        } catch (InputException e) {
            throw e.at(k.location());
        }
        CpuModel cpu = m.get("cpu") != null ? cpu(m.get("cpu")) : defaultCpu;
        if (cpu == null && cpuFailed) {
            return null; // the top-level cpu: was wrong, and said so
        }
        if (cpu == null) {
            throw new InputException(m.location(), "host '" + name + "': no cpu (give 'cpu:' here or at the top)");
        }
        return new Scenario.Host(name, kernel, cpu, m.location());
    }

    private PatchModel patchOrSuggest(String id, YNode at, Map<String, PatchModel> local) {
        if (models.patchIds().contains(id)) {
            return models.patch(id, at.location());
        }
        if (id.equals(SERIES)) {
            if (series == null) {
                throw new InputException(at.location(), "patch 'series' stands for the series under analysis: run "
                        + "this scenario with 'kimpact series --run-scenarios DIR'");
            }
            return series;
        }
        List<String> all = new ArrayList<>(models.patchIds());
        all.addAll(local.keySet());
        all.add(SERIES);
        throw new InputException(at.location(), "unknown patch model '" + id + "'", Suggest.nearest(id, all).orElse(null));
    }

    private Scenario.Guest guest(String name, YMap m) {
        Fields.onlyKeys(m, GUEST_KEYS, "guest '" + name + "'");
        YNode k = Fields.require(m, "kernel", "guest '" + name + "'");
        GuestModel kernel = k instanceof YMap inline ? models.guest(inline, name)
                : models.guest(Fields.string(k, "guest kernel"), k.location());
        VmmCpuModel cpuModel = VmmCpuModel.HOST_PASSTHROUGH;
        boolean enforce = false;
        QemuVersion qemu = QemuVersion.DEFAULT;
        if (m.get("vmm") != null) {
            YMap vmm = Fields.map(m.get("vmm"), "guest '" + name + "'.vmm");
            if (vmm.get("abort-on-set-xsave-error") != null) {
                throw new InputException(vmm.get("abort-on-set-xsave-error").location(), "vmm.abort-on-set-xsave-error "
                        + "is replaced by the QEMU release: before 8.2 every failed register put is ignored, from "
                        + "8.2 it fails the migration", "qemu");
            }
            Fields.onlyKeys(vmm, VMM_KEYS, "guest '" + name + "'.vmm");
            YNode cm = vmm.get("cpu-model");
            if (cm instanceof YMap inline) {
                cpuModel = models.vmmCpu(inline, name + "-cpu");
            } else if (cm != null) {
                cpuModel = models.vmmCpu(Fields.string(cm, "cpu-model"), cm.location());
            }
            enforce = Fields.bool(vmm, "enforce", false, "vmm");
            YNode q = vmm.get("qemu");
            if (q != null) {
                qemu = QemuVersion.parse(Fields.string(q, "vmm.qemu"));
                if (qemu == null) {
                    throw new InputException(q.location(), "vmm.qemu: expected a QEMU release such as \"7.2\" or "
                            + "\"8.2.1\", got '" + Fields.string(q, "vmm.qemu") + "'");
                }
            }
        }
        return new Scenario.Guest(name, kernel, cpuModel, enforce, qemu, m.location());
    }

    private CpuModel cpu(YNode n) {
        if (n instanceof YMap m) {
            Fields.onlyKeys(m, List.of("dump", "cpuid", "based-on", "name"), "cpu");
            if (m.has("dump") == m.has("cpuid")) {
                throw new InputException(m.location(), "cpu: give either 'dump: FILE' or 'cpuid: TEXT' "
                        + "(CPUID lines in InstLatx64 or 'cpuid -r' format)");
            }
            return m.has("dump") ? dump(Fields.require(m, "dump", "cpu")) : inlineCpuid(m);
        }
        try {
            return cpus.builtin(Fields.string(n, "cpu"));
        } catch (InputException e) {
            throw e.at(n.location());
        }
    }

    private CpuModel dump(YNode d) {
        String rel = Fields.string(d, "cpu.dump");
        Path resolved = paths.resolve("cpu.dump", rel, d.location());
        return cpus.fromDump(resolved, paths.shown(rel), rel, d.location());
    }

    /**
     * {@code cpu: {cpuid: TEXT, based-on: MODEL, name: NAME}}: CPUID lines written in the scenario, over a built-in
     * model's leaves when {@code based-on} is given (e.g. to change one leaf 0xD sub-leaf).
     */
    private CpuModel inlineCpuid(YMap m) {
        YNode text = Fields.require(m, "cpuid", "cpu");
        String name = Fields.string(m, "name", "inline-cpu", "cpu");
        CpuModel own = cpus.inlineLeaves(file, Fields.string(text, "cpu.cpuid"), text.location());
        CpuModel base = m.has("based-on") ? cpu(m.get("based-on")) : null;
        return cpus.inline(name, file, own, base, m.location());
    }

    private static String ref(YNode n, java.util.Collection<String> known, String what) {
        if (n == null) {
            return null;
        }
        String name = Fields.string(n, what);
        if (!known.contains(name)) {
            throw new InputException(n.location(), "unknown " + what + " '" + name + "'" + (known.isEmpty() ? ""
                    : " (defined: " + String.join(", ", known) + ")"), Suggest.nearest(name, known).orElse(null));
        }
        return name;
    }

    private Scenario.Step step(YNode s, java.util.Set<String> hosts, java.util.Set<String> guests) {
        YMap m = Fields.map(s, "step");
        if (m.entries().size() != 1) {
            throw new InputException(m.location(), "a step is one of " + String.join(", ", STEP_KINDS)
                    + " with its arguments, e.g. '- boot: {guest: g, host: h}'");
        }
        String kind = m.entries().keySet().iterator().next();
        if (!STEP_KINDS.contains(kind)) {
            throw new InputException(m.keyLocation(kind), "unknown step '" + kind + "' (expected one of: "
                    + String.join(", ", STEP_KINDS) + ")", Suggest.nearest(kind, STEP_KINDS).orElse(null));
        }
        YMap a = Fields.map(m.get(kind), kind);
        Location at = m.keyLocation(kind);
        switch (kind) {
            case "boot" -> {
                Fields.onlyKeys(a, List.of("guest", "host"), "boot");
                return new Scenario.Boot(ref(Fields.require(a, "guest", "boot"), guests, "guest"),
                        ref(Fields.require(a, "host", "boot"), hosts, "host"), at);
            }
            case "use" -> {
                Fields.onlyKeys(a, List.of("guest", "state"), "use");
                return new Scenario.Use(ref(Fields.require(a, "guest", "use"), guests, "guest"),
                        Fields.mask(Fields.require(a, "state", "use"), "use.state"), at);
            }
            case "switch" -> {
                Fields.onlyKeys(a, List.of("host", "other"), "switch");
                return new Scenario.Switch(ref(Fields.require(a, "host", "switch"), hosts, "host"),
                        ref(a.get("other"), guests, "guest"), at);
            }
            default -> {
                Fields.onlyKeys(a, List.of("guest", "from", "to"), "migrate");
                String from = ref(Fields.require(a, "from", "migrate"), hosts, "host");
                String to = ref(Fields.require(a, "to", "migrate"), hosts, "host");
                if (from.equals(to)) {
                    throw new InputException(a.location(), "migrate: 'from' and 'to' are the same host '" + from + "'");
                }
                return new Scenario.Migrate(ref(Fields.require(a, "guest", "migrate"), guests, "guest"),
                        from, to, at);
            }
        }
    }
}
