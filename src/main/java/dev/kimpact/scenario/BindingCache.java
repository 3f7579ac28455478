package dev.kimpact.scenario;

import dev.kimpact.model.PatchModel;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The hosts, guests and CPUs bound for the cases of one scenario document, shared by those cases: a what-if
 * case rewrites a few values of the document, so most of its host and guest entries are equal (as YAML nodes,
 * locations included) to another case's, and binding one again (a kernel's {@code based-on} chain, its patch
 * overlays, the masks) would give an equal, immutable model. Each distinct entry is bound once; the cases that
 * share it share the bound model. Only what bound without error is kept: a failing entry is bound again, so
 * every case reports its own error. Safe for the threads of one run; at most {@value #MAX_ENTRIES} entries, so
 * that a matrix whose every case has its own entry does not hold one per case.
 */
public final class BindingCache {

    static final int MAX_ENTRIES = 4096;

    private final ConcurrentHashMap<Object, Object> entries;

    private BindingCache(ConcurrentHashMap<Object, Object> entries) {
        this.entries = entries;
    }

    /** An empty cache for the cases of one document. */
    public static BindingCache forCases() {
        return new BindingCache(new ConcurrentHashMap<>());
    }

    /** No caching: every entry is bound (a plain run, {@code kimpact check}). */
    static BindingCache none() {
        return new BindingCache(null);
    }

    /** The number of entries kept (for tests). */
    int size() {
        return entries == null ? 0 : entries.size();
    }

    /** A host entry as the binder sees it; the default CPU compares by identity, as it comes from this cache. */
    record HostKey(String name, YMap entry, Identity defaultCpu, Map<String, PatchModel> localPatches,
                   boolean cpuFailed) {
        HostKey(String name, YMap entry, CpuModel defaultCpu, Map<String, PatchModel> localPatches, boolean cpuFailed) {
            this(name, entry, new Identity(defaultCpu), Map.copyOf(localPatches), cpuFailed);
        }
    }

    record GuestKey(String name, YMap entry) {
    }

    record CpuKey(YNode entry) {
    }

    /** An object compared by identity (a {@link CpuModel}'s value equality compares every CPUID leaf). */
    record Identity(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && i.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> bind) {
        if (entries == null) {
            return bind.get();
        }
        Object kept = entries.get(key);
        if (kept != null) {
            return (T) kept;
        }
        T made = bind.get();
        if (made == null || entries.size() >= MAX_ENTRIES) {
            return made;
        }
        Object first = entries.putIfAbsent(key, made);
        return first == null ? made : (T) first;
    }
}
