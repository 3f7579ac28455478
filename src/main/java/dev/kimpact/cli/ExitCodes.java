package dev.kimpact.cli;

/** kimpact's exit statuses (PRODUCT.md §2), the same for every subcommand. */
public final class ExitCodes {
    /** No finding at or above --fail-on; the instruction succeeded. */
    public static final int OK = 0;
    /** Findings at or above --fail-on; the instruction faulted. */
    public static final int FINDINGS = 1;
    /** Bad input or usage. */
    public static final int BAD_INPUT = 2;
    /** I/O or internal error. */
    public static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
