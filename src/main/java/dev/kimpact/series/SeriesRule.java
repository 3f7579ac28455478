package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Rule;

import java.util.List;

/** A rule over a patch series: the facts {@link SeriesAnalysis} gathered in, the findings of its rule id out. */
interface SeriesRule extends Rule {

    List<Finding> apply(SeriesFacts series);

    /** "1 commit", "2 commits". */
    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
