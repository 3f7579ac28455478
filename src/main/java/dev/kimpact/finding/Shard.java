package dev.kimpact.finding;

import dev.kimpact.diag.InputException;

/**
 * {@code --shard I/N}: the slice of a run's cases whose 0-based index {@code k} has {@code k mod N == I - 1}, so
 * that N machines together run every case once. A report records the shard it holds; {@code kimpact
 * merge-reports} puts the N reports back together.
 *
 * @param index 1-based, at most {@code count}
 * @param count the number of shards, at least 1
 */
public record Shard(int index, int count) {

    /** The whole run. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new InputException("bad shard " + index + "/" + count + ": expected I/N with 1 <= I <= N");
        }
    }

    /** Parses {@code I/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        String[] p = text.strip().split("/", -1);
        if (p.length != 2 || !p[0].matches("\\d{1,9}") || !p[1].matches("\\d{1,9}")) {
            throw new InputException("bad shard '" + text + "': expected I/N, e.g. 2/4 (the second of four slices)");
        }
        return new Shard(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }

    /** Whether case {@code caseIndex} (0-based) belongs to this shard. */
    public boolean includes(long caseIndex) {
        return caseIndex % count == index - 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
