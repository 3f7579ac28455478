package dev.kimpact.model;

import java.util.List;

/**
 * A guest kernel: which components it enables in XCR0 when its CPUID advertises them, or the fixed XCR0 it
 * writes without looking (PRODUCT.md §5).
 *
 * @param fixedXcr0 the mask written regardless of CPUID, or null for {@code xcr0: cpuid}
 */
public record GuestModel(String id, String summary, List<String> sources, long knows, Long fixedXcr0) {

    public GuestModel {
        sources = List.copyOf(sources);
    }

    /** The XCR0 this guest writes when its CPUID.0xD.0 advertises {@code advertised}. */
    public long chooseXcr0(long advertised) {
        if (fixedXcr0 != null) {
            return fixedXcr0;
        }
        long x = advertised & knows;
        // A kernel enables a feature group only whole (Linux fpu__init_system_xstate: pairs stay paired).
        for (long group : new long[] {0x18L, 0xE0L, 0x60000L}) {
            if ((x & group) != group) {
                x &= ~group;
            }
        }
        if ((x & 0x2L) == 0) {
            x &= ~0x4L;
        }
        if ((x & 0x6L) != 0x6L) {
            x &= ~0xE0L;
        }
        return x | 0x1L;
    }
}
