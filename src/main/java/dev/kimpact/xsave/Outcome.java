package dev.kimpact.xsave;

/** What an instruction did: a fault, or success with an optional result value (XGETBV's EDX:EAX). */
public record Outcome(Fault fault, long value) {

    private static final Outcome OK = new Outcome(null, 0);

    public static Outcome success() {
        return OK;
    }

    public static Outcome success(long value) {
        return new Outcome(null, value);
    }

    public static Outcome of(Fault fault) {
        return new Outcome(fault, 0);
    }

    public boolean ok() {
        return fault == null;
    }

    public boolean faulted() {
        return fault != null;
    }
}
