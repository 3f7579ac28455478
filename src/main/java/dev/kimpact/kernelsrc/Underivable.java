package dev.kimpact.kernelsrc;

import dev.kimpact.diag.Location;

/** What the evaluator cannot evaluate, at the file:line where it meets it and why; never a guessed value. */
final class Underivable extends RuntimeException {

    private final transient Location at;

    Underivable(Location at, String why) {
        super(why, null, false, false);
        this.at = at;
    }

    Location at() {
        return at;
    }
}
