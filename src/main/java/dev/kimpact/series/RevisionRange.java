package dev.kimpact.series;

import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A resolved {@code A..B}: the commits of B that are not in A.
 *
 * @param spec    the range as given
 * @param fromRev A as given ({@code HEAD} when empty)
 * @param toRev   B as given ({@code HEAD} when empty)
 */
record RevisionRange(String spec, String fromRev, String toRev, RevCommit from, RevCommit to) {
}
