package dev.kimpact.series;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.List;
import java.util.Map;

/**
 * What the series rules read, as {@link SeriesAnalysis} gathered it.
 *
 * @param repo            repository path as given, or null (mbox without --repo)
 * @param scenario        what findings name as their scenario: the range, or the mbox path
 * @param commits         the series, oldest first
 * @param sections        the MAINTAINERS sections the series touches, in order of first use (none without
 *                        MAINTAINERS)
 * @param maintainersFile where MAINTAINERS was read from, or null when there is none
 * @param merges          one per --against
 */
record SeriesFacts(String repo, String scenario, List<Commit> commits, List<SeriesReport.SectionUse> sections,
                   String maintainersFile, List<MergeCheck> merges) {

    SeriesFacts {
        commits = List.copyOf(commits);
        sections = List.copyOf(sections);
        merges = List.copyOf(merges);
    }

    /** A finding of this series: its scenario is the range or mbox, its step a commit id. */
    Finding finding(RuleId rule, String step, Location where, String message, Map<String, Object> evidence,
                    String remedy) {
        return new Finding(rule.id(), rule.severity(), scenario, Map.of(), null, null, step, where, message,
                evidence, remedy);
    }
}
