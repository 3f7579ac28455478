package dev.kimpact.engine;

import dev.kimpact.xsave.XFeature;

import java.util.SplittableRandom;

/**
 * Distinctive, deterministic register values that a context's workload writes: different for every writer,
 * component and generation, never the initial configuration, and architecturally plausible where it matters
 * (a valid x87 control word; PKRU's 32 bits; BNDCFGU and BNDSTATUS only in BNDCSR's first 16 bytes).
 */
final class Workload {

    private Workload() {
    }

    static byte[] value(int writer, int component, int generation, int size) {
        SplittableRandom r = new SplittableRandom(((long) writer << 40) ^ ((long) component << 24) ^ generation
                ^ 0x9E3779B97F4A7C15L);
        byte[] v = new byte[size];
        int from = 0;
        int to = size;
        if (component == XFeature.X87.index()) {
            from = 32;                        // ST0-ST7; FCW stays 037FH, FSW/FTW/FOP/FIP/FDP 0
            v[0] = 0x7F;
            v[1] = 0x03;
        } else if (component == XFeature.PKRU.index()) {
            to = 4;
        } else if (component == XFeature.BNDCSR.index()) {
            to = Math.min(16, size);
        }
        for (int i = from; i < to; i++) {
            v[i] = (byte) r.nextInt(1, 256);
        }
        return v;
    }
}
