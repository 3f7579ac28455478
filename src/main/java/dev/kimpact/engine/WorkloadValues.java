package dev.kimpact.engine;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The register values workloads write ({@link Workload#value}), each computed once and shared by the cases of a
 * run and their threads: they depend only on the writer's number, the component, the generation and the
 * register's size, so every case of a what-if matrix writes the same ones, and drawing them (one random number
 * per byte, up to 8 KiB for TILEDATA) would otherwise be done again in every case. Safe for any number of
 * threads. Bounded: once {@value #MAX_ENTRIES} values or {@value #MAX_BYTES} bytes are kept, further values are
 * computed and not kept, so that a scenario writing many distinct values does not hold them all.
 *
 * <p>The arrays handed out are shared: a reader must never write into one ({@link ScenarioRun} only compares
 * and copies them).
 */
public final class WorkloadValues {

    static final int MAX_ENTRIES = 4096;
    static final long MAX_BYTES = 8L << 20;

    /** A value with its {@link Arrays#hashCode}, which {@link ScenarioRun} keys its writers by. */
    record Value(byte[] bytes, int hash) {
        static Value of(byte[] bytes) {
            return new Value(bytes, Arrays.hashCode(bytes));
        }
    }

    private final ConcurrentHashMap<Long, Value> values;
    private final AtomicLong bytesKept = new AtomicLong();

    private WorkloadValues(ConcurrentHashMap<Long, Value> values) {
        this.values = values;
    }

    /** An empty cache for the cases of one run. */
    public static WorkloadValues forRun() {
        return new WorkloadValues(new ConcurrentHashMap<>());
    }

    /** No sharing: every value is computed (one scenario run on its own). */
    public static WorkloadValues none() {
        return new WorkloadValues(null);
    }

    /** The value {@link Workload#value} gives for these arguments, byte for byte. */
    Value value(int writer, int component, int generation, int size) {
        long key = key(writer, component, generation, size);
        if (values == null || key < 0) {
            return Value.of(Workload.value(writer, component, generation, size));
        }
        Value kept = values.get(key);
        if (kept != null) {
            return kept;
        }
        Value v = Value.of(Workload.value(writer, component, generation, size));
        if (values.size() >= MAX_ENTRIES || bytesKept.get() + size > MAX_BYTES) {
            return v;
        }
        Value raced = values.putIfAbsent(key, v);
        if (raced != null) {
            return raced;
        }
        bytesKept.addAndGet(size);
        return v;
    }

    /** The number of values kept (for tests). */
    int size() {
        return values == null ? 0 : values.size();
    }

    /**
     * The arguments packed into one long (writer 12 bits, component 6, generation 24, size 21), or -1 when one does
     * not fit: that value is computed every time.
     */
    static long key(int writer, int component, int generation, int size) {
        if (writer < 0 || writer >= 1 << 12 || component < 0 || component >= 64 || generation < 0
                || generation >= 1 << 24 || size < 0 || size >= 1 << 21) {
            return -1;
        }
        return ((long) writer << 51) | ((long) component << 45) | ((long) generation << 21) | size;
    }
}
