package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;

/** One fact of a kernel model read from a source tree: derived with its file:line, or not, and why. */
public sealed interface Fact {

    /** The model key ({@code host.xcr0}, {@code kvm.xcr0-mask}, {@code abi.prctl-mpx}). */
    String key();

    /**
     * @param value a mask ({@link Long}) or a {@link Boolean}
     * @param from  what was evaluated ({@code XFEATURE_MASK_USER_SUPPORTED = 0x2ff})
     */
    record Derived(String key, Object value, Location at, String from) implements Fact {
    }

    /** The tree defines it, but not in a form kimpact evaluates: the built-in model's value is used. */
    record Underivable(String key, Location at, String why) implements Fact {
    }

    /** The tree has no definition of it (the macro or file does not exist in that version). */
    record Absent(String key, String why) implements Fact {
    }
}
