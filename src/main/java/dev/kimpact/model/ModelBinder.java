package dev.kimpact.model;

import dev.kimpact.diag.InputException;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns resolved model trees into model records, checking every key (docs/MODELS.md is the schema). */
final class ModelBinder {

    static final List<String> KERNEL_KEYS = List.of("version", "aliases", "based-on", "released", "rc6",
            "merge-window", "sources", "unverified", "notes", "host", "kvm", "abi");
    static final List<String> HOST_KEYS = List.of("xcr0", "xss", "xsave", "apx-mpx-exclusive");
    static final List<String> KVM_KEYS = List.of("xcr0-mask", "xcr0-limit", "guest-fpu", "set-xsave", "get-xsave",
            "xsave-buffer");
    static final List<String> PATCH_KEYS = List.of("id", "subject", "commit", "tree", "summary", "sources",
            "unverified", "notes", "changes", "merged-in");
    static final List<String> GUEST_KEYS = List.of("id", "summary", "sources", "unverified", "notes", "knows", "xcr0",
            "uses");
    static final List<String> VMM_KEYS = List.of("name", "summary", "sources", "unverified", "notes", "xsave",
            "requests");

    private ModelBinder() {
    }

    static KernelModel kernel(YMap t, String name, List<String> patches) {
        String what = "kernel " + name;
        Fields.onlyKeys(t, KERNEL_KEYS, what);
        String version = Fields.string(t, "version", name, what);
        YMap mw = t.get("merge-window") == null ? null : Fields.map(t.get("merge-window"), what + ".merge-window");
        if (mw != null) {
            Fields.onlyKeys(mw, List.of("opens", "closes"), what + ".merge-window");
        }
        YMap host = Fields.requireMap(t, "host", what);
        Fields.onlyKeys(host, HOST_KEYS, what + ".host");
        YMap kvm = Fields.requireMap(t, "kvm", what);
        Fields.onlyKeys(kvm, KVM_KEYS, what + ".kvm");

        List<KernelModel.SaveInsn> xsave = new ArrayList<>();
        YNode xs = host.get("xsave");
        for (String s : xs == null ? List.of("xsaves", "xsaveopt", "xsave") : Fields.strings(xs, what + ".host.xsave")) {
            String v = Fields.choice(new dev.kimpact.yaml.YScalar(s, false, xs == null ? host.location()
                    : xs.location()), List.of("xsaves", "xsavec", "xsaveopt", "xsave"), what + ".host.xsave");
            xsave.add(KernelModel.SaveInsn.valueOf(v.toUpperCase(Locale.ROOT)));
        }
        KernelModel.Host h = new KernelModel.Host(
                Fields.mask(Fields.require(host, "xcr0", what + ".host"), what + ".host.xcr0"),
                host.get("xss") == null ? 0 : Fields.mask(host.get("xss"), what + ".host.xss"),
                xsave,
                Fields.bool(host, "apx-mpx-exclusive", false, what + ".host"));

        KernelModel.Kvm k = new KernelModel.Kvm(
                Fields.mask(Fields.require(kvm, "xcr0-mask", what + ".kvm"), what + ".kvm.xcr0-mask"),
                enumOf(kvm.get("xcr0-limit"), KernelModel.Xcr0Limit.HOST_XCR0, KernelModel.Xcr0Limit.class,
                        what + ".kvm.xcr0-limit"),
                enumOf(sub(kvm, "guest-fpu", "save", what), KernelModel.GuestFpuSave.KERNEL,
                        KernelModel.GuestFpuSave.class, what + ".kvm.guest-fpu.save"),
                enumOf(sub(kvm, "guest-fpu", "xcr0", what), KernelModel.OwnSaveXcr0.GUEST,
                        KernelModel.OwnSaveXcr0.class, what + ".kvm.guest-fpu.xcr0"),
                enumOf(sub(kvm, "set-xsave", "accept", what), KernelModel.SetXsaveAccept.KVM_SUPPORTED,
                        KernelModel.SetXsaveAccept.class, what + ".kvm.set-xsave.accept"),
                enumOf(sub(kvm, "get-xsave", "mask", what), KernelModel.GetXsaveMask.NONE,
                        KernelModel.GetXsaveMask.class, what + ".kvm.get-xsave.mask"),
                xsaveBuffer(kvm.get("xsave-buffer"), what));

        Map<String, Boolean> abi = new LinkedHashMap<>();
        if (t.get("abi") != null) {
            YMap a = Fields.map(t.get("abi"), what + ".abi");
            for (Map.Entry<String, YNode> e : a.entries().entrySet()) {
                abi.put(e.getKey(), Fields.bool(e.getValue(), what + ".abi." + e.getKey()));
            }
        }
        return new KernelModel(version, name, Fields.strings(t.get("aliases"), what + ".aliases"),
                Fields.date(t, "released", what), Fields.date(t, "rc6", what),
                mw == null ? null : Fields.date(mw, "opens", what + ".merge-window"),
                mw == null ? null : Fields.date(mw, "closes", what + ".merge-window"),
                Fields.strings(t.get("sources"), what + ".sources"),
                Fields.strings(t.get("unverified"), what + ".unverified"), h, k, abi, patches);
    }

    private static final Map<String, List<String>> KVM_SUBKEYS = Map.of("guest-fpu", List.of("save", "xcr0"),
            "set-xsave", List.of("accept"), "get-xsave", List.of("mask"));

    private static YNode sub(YMap kvm, String key, String inner, String what) {
        YNode n = kvm.get(key);
        if (n == null) {
            return null;
        }
        YMap m = Fields.map(n, what + ".kvm." + key);
        Fields.onlyKeys(m, KVM_SUBKEYS.get(key), what + ".kvm." + key);
        return m.get(inner);
    }

    private static int xsaveBuffer(YNode n, String what) {
        if (n == null) {
            return 4096;
        }
        String t = Fields.string(n, what + ".kvm.xsave-buffer");
        if (t.equals("xsave2")) {
            return 0;
        }
        try {
            int v = Integer.parseInt(t);
            if (v >= 576 && v <= (1 << 20)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InputException(n.location(), what + ".kvm.xsave-buffer: expected a byte count (e.g. 4096) or "
                + "'xsave2', found '" + t + "'");
    }

    /** Enum from a kebab-case value ({@code guest-supported+fpsse} → GUEST_SUPPORTED_FPSSE). */
    static <E extends Enum<E>> E enumOf(YNode n, E dflt, Class<E> type, String what) {
        if (n == null) {
            return dflt;
        }
        List<String> allowed = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            allowed.add(kebab(e));
        }
        String v = Fields.choice(n, allowed, what);
        return type.getEnumConstants()[allowed.indexOf(v)];
    }

    static String kebab(Enum<?> e) {
        String s = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return s.endsWith("-fpsse") ? s.substring(0, s.length() - 6) + "+fpsse" : s;
    }

    static PatchModel patch(YMap t, String fallbackId) {
        String what = "patch " + fallbackId;
        Fields.onlyKeys(t, PATCH_KEYS, what);
        String id = Fields.string(t, "id", fallbackId, what);
        YMap changes = t.get("changes") == null ? new YMap(Map.of(), Map.of(), t.location())
                : Fields.map(t.get("changes"), what + ".changes");
        for (Map.Entry<String, YNode> c : changes.entries().entrySet()) {
            checkNames(c.getKey(), c.getValue(), what + ".changes." + c.getKey());
        }
        return new PatchModel(id, Fields.string(t, "subject", null, what), Fields.string(t, "commit", null, what),
                Fields.string(t, "tree", null, what), Fields.string(t, "summary", null, what),
                Fields.strings(t.get("sources"), what + ".sources"),
                Fields.strings(t.get("unverified"), what + ".unverified"), changes);
    }

    /** Kernel-model paths whose value is a set of state components (a mask). */
    static final List<String> MASK_PATHS = List.of("host.xcr0", "host.xss", "kvm.xcr0-mask");

    /**
     * Every state component a change names, checked when the patch is read, with a suggestion: a plain list or
     * mask, and the {@code add:} and {@code remove:} lists of a list edit (a name under {@code remove:} would
     * otherwise match nothing and be dropped without a word).
     */
    private static void checkNames(String path, YNode change, String what) {
        if (!MASK_PATHS.contains(path)) {
            return;
        }
        if (change instanceof YMap edit && (edit.has("add") || edit.has("remove"))) {
            for (String part : List.of("add", "remove")) {
                YNode names = edit.get(part);
                if (names instanceof YList) {
                    Fields.mask(names, what + "." + part);
                }
            }
        } else if (!(change instanceof YMap)) {
            Fields.mask(change, what);
        }
    }

    static GuestModel guest(YMap t, String fallbackId) {
        String what = "guest kernel " + fallbackId;
        Fields.onlyKeys(t, GUEST_KEYS, what);
        String id = Fields.string(t, "id", fallbackId, what);
        YNode x = t.get("xcr0");
        Long fixed = null;
        if (x != null && !(x instanceof dev.kimpact.yaml.YScalar s && s.text().equals("cpuid"))) {
            fixed = Fields.mask(x, what + ".xcr0");
        }
        long knows = t.get("knows") == null ? (fixed != null ? fixed : -1L) : Fields.mask(t.get("knows"), what + ".knows");
        if (t.get("knows") == null && fixed == null) {
            throw new InputException(t.location(), what + ": give 'knows' (components it enables) or a fixed 'xcr0'");
        }
        return new GuestModel(id, Fields.string(t, "summary", null, what), Fields.strings(t.get("sources"),
                what + ".sources"), knows, fixed);
    }

    static VmmCpuModel vmmCpu(YMap t, String fallbackName) {
        String what = "VMM CPU model " + fallbackName;
        Fields.onlyKeys(t, VMM_KEYS, what);
        long requests = Fields.mask(Fields.require(t, "requests", what), what + ".requests");
        if (!Fields.bool(t, "xsave", true, what)) {
            // No CPUID.1:ECX.XSAVE and no leaf 0xD: the guest has x87 and SSE through FXSAVE only.
            if ((requests & ~0x3L) != 0) {
                throw new dev.kimpact.diag.InputException(t.get("requests").location(), what + ": with xsave: false "
                        + "only x87 and sse can be requested, not " + dev.kimpact.xsave.Masks.describe(requests & ~0x3L));
            }
            requests = 0;
        } else {
            requests |= 0x3L;
        }
        return new VmmCpuModel(Fields.string(t, "name", fallbackName, what), Fields.string(t, "summary", null, what),
                Fields.strings(t.get("sources"), what + ".sources"), requests);
    }
}
