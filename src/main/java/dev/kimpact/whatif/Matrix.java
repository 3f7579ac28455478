package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import dev.kimpact.finding.Shard;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The cases of a what-if run: the {@code --set} assignments, applied to every case, and the cartesian product of
 * the {@code --matrix} dimensions. Case {@code i} is the mixed-radix number {@code i} over the dimensions, the first
 * dimension varying slowest: the order of the cases is the order of the options and of their values, whatever
 * runs them. No option: one case, the scenario as written.
 */
public record Matrix(List<Assignment> sets, List<Dimension> dimensions) {

    /** Most cases one process runs (after {@code --shard}). */
    public static final int MAX_CASES = 10_000;

    public Matrix {
        sets = List.copyOf(sets);
        dimensions = List.copyOf(dimensions);
        Set<String> paths = new HashSet<>();
        for (Assignment a : sets) {
            if (!paths.add(a.path())) {
                throw new InputException(a.origin(), "path '" + a.path() + "' is given more than once");
            }
        }
        for (Dimension d : dimensions) {
            if (!paths.add(d.path())) {
                throw new InputException(d.values().get(0).origin(), "path '" + d.path() + "' is given more than once");
            }
        }
    }

    public static Matrix none() {
        return new Matrix(List.of(), List.of());
    }

    /** True for a plain run: no --set, no --matrix. */
    public boolean isEmpty() {
        return sets.isEmpty() && dimensions.isEmpty();
    }

    /** The number of cases, saturating at {@link Long#MAX_VALUE}. */
    public long size() {
        long n = 1;
        for (Dimension d : dimensions) {
            try {
                n = Math.multiplyExact(n, d.values().size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** Case {@code index} (0-based) of {@link #size()}. */
    public Case at(int index) {
        List<Assignment> assignments = new ArrayList<>(sets);
        List<Assignment> chosen = new ArrayList<>();
        long rest = index;
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            List<Assignment> values = dimensions.get(d).values();
            chosen.add(0, values.get((int) (rest % values.size())));
            rest /= values.size();
        }
        assignments.addAll(chosen);
        return new Case(index, assignments);
    }

    /** The indexes of the cases {@code shard} runs, checked against {@link #MAX_CASES}. */
    public List<Integer> indexes(Shard shard) {
        return indexes(shard, 0);
    }

    /**
     * The indexes of the cases {@code shard} runs when this matrix's cases come after {@code before} other cases of
     * the run (the cases of the documents before it): the run's case {@code before + i} is this matrix's case i.
     */
    public List<Integer> indexes(Shard shard, long before) {
        long total = size();
        long first = Math.floorMod(shard.index() - 1 - before, (long) shard.count());
        long mine = total <= first ? 0 : (total - first + shard.count() - 1) / shard.count();
        if (mine > MAX_CASES || total > Integer.MAX_VALUE) {
            throw new InputException(Location.of(Dimension.OPTION), "the matrix has "
                    + (total > Integer.MAX_VALUE ? "too many" : String.format(Locale.ROOT, "%,d", total)) + " cases"
                    + (shard.count() > 1 ? " (" + String.format(Locale.ROOT, "%,d", mine) + " in shard " + shard + ")" : "")
                    + ", more than the limit of " + String.format(Locale.ROOT, "%,d", MAX_CASES)
                    + " per run: drop values, or spread the cases over machines with --shard I/N");
        }
        List<Integer> out = new ArrayList<>();
        for (long i = first; i < total; i += shard.count()) {
            out.add((int) i);
        }
        return out;
    }

    /**
     * One case: the assignments to apply in order ({@code --set} first, then one value per dimension).
     *
     * @param index the case's position in the whole matrix (0-based)
     */
    public record Case(int index, List<Assignment> assignments) {

        public Case {
            assignments = List.copyOf(assignments);
        }

        /** path → value as written, in assignment order: the report's {@code case}. */
        public Map<String, String> bindings() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Assignment a : assignments) {
                out.put(a.path(), a.text());
            }
            return out;
        }

        /** Where each assignment was written: an error located at one of these is about a value the user gave. */
        public Set<Location> origins() {
            Set<Location> out = new HashSet<>();
            for (Assignment a : assignments) {
                out.add(a.origin());
            }
            return out;
        }
    }
}
