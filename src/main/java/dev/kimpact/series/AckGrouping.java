package dev.kimpact.series;

/**
 * How {@code missing-maintainer-ack} reports: one finding per MAINTAINERS section the series touches, listing the
 * commits that lack its maintainers (what a maintainer reads), or one per commit, listing the sections whose
 * maintainers it lacks (what its author fixes).
 */
public enum AckGrouping {
    SECTION, COMMIT
}
