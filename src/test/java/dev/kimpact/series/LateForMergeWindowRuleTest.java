package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.kimpact.series.SeriesAnalysisTest.CALENDAR;
import static dev.kimpact.series.SeriesAnalysisTest.commit;
import static org.assertj.core.api.Assertions.assertThat;

class LateForMergeWindowRuleTest {

    static List<Finding> apply(ReleaseCalendar calendar, Commit... commits) {
        return new LateForMergeWindowRule(calendar).apply(new SeriesFacts("repo", "a..b", List.of(commits), List.of(),
                null, List.of()));
    }

    @Test
    void firesForCommitsAfterRc6AndBeforeTheRelease() {
        Commit early = commit("c1", "2018-12-09T20:00:00-05:00", List.of("README")); // 2018-12-10 UTC
        Commit onTime = commit("c0", "2018-12-08T10:00:00+00:00", List.of("README"));
        Commit late = commit("c2", "2018-12-20T10:00:00+00:00", List.of("README"));
        Commit released = commit("c3", "2018-12-23T10:00:00+00:00", List.of("README"));
        List<Finding> f = apply(CALENDAR, onTime, early, late, released);
        assertThat(f).hasSize(1);
        assertThat(f.get(0).severity()).isEqualTo(Severity.NOTE);
        assertThat(f.get(0).step()).isEqualTo("c1");
        assertThat(f.get(0).message()).isEqualTo("2 commits committed after v4.20-rc6 (2018-12-09) and before v4.20"
                + " (2018-12-23): late for the 4.21 merge window (opens 2018-12-24)");
        assertThat(f.get(0).remedy()).endsWith("or hold it for the 4.22 cycle");
        assertThat(f.get(0).evidence()).containsEntry("release", "4.20").containsEntry("next", "4.21")
                .containsEntry("merge_window", Map.of("opens", "2018-12-24", "closes", "2019-01-06"))
                .containsEntry("commits", List.of(Map.of("id", "c1", "committed", "2018-12-09T20:00-05:00"),
                        Map.of("id", "c2", "committed", "2018-12-20T10:00Z")));
    }

    @Test
    void theNextReleaseComesFromTheCalendar() {
        Commit c = commit("c1", "2018-10-10T10:00:00+00:00", List.of("README"));
        assertThat(apply(CALENDAR, c).get(0).evidence()).containsEntry("release", "4.19").containsEntry("next", "4.20");
        assertThat(LateForMergeWindowRule.bump("4.9")).isEqualTo("4.10");
        assertThat(LateForMergeWindowRule.bump("next")).isEqualTo("next+1");
    }

    @Test
    void theBuiltInCalendarRunsToSevenTwo() {
        ReleaseCalendar builtin = YamlReleaseCalendar.fromClasspath();
        List<Finding> f = apply(builtin, commit("c1", "2026-08-05T10:00:00+00:00", List.of("README")));
        assertThat(f).hasSize(1);
        assertThat(f.get(0).message()).isEqualTo("1 commit committed after v7.2-rc6 (2026-08-02) and before v7.2"
                + " (2026-08-16): late for the 7.3 merge window (opens 2026-08-17)");
        assertThat(f.get(0).evidence()).containsEntry("merge_window", Map.of("opens", "2026-08-17",
                "closes", "2026-08-30"));
        assertThat(apply(builtin, commit("c0", "2026-08-02T10:00:00+00:00", List.of()))).as("rc6 day").isEmpty();
        assertThat(apply(builtin, commit("c2", "2026-08-16T10:00:00+00:00", List.of()))).as("release day").isEmpty();
        assertThat(apply(builtin, commit("c3", "2026-06-01T10:00:00+00:00", List.of())).get(0).message())
                .as("the release before").endsWith("late for the 7.2 merge window (opens 2026-06-15)");
        // After 7.2 the built-in calendar has no rc6 to compare with.
        assertThat(apply(builtin, commit("c4", "2026-10-12T10:00:00+00:00", List.of()))).isEmpty();
    }

    @Test
    void theReleaseAfterSixNineteenIsSevenZeroNotSixTwenty() {
        Finding f = apply(YamlReleaseCalendar.fromClasspath(), commit("c1", "2026-02-01T10:00:00+00:00",
                List.of("README"))).get(0);
        assertThat(f.message()).endsWith("before v6.19 (2026-02-08): late for the 7.0 merge window (opens 2026-02-09)");
        assertThat(f.remedy()).endsWith("hold it for the 7.1 cycle");
    }

    @Test
    void silentBeforeRc6FromTheReleaseDayOnAndWithoutACalendar() {
        Commit onTime = commit("c0", "2018-12-08T10:00:00+00:00", List.of("README"));
        Commit released = commit("c3", "2018-12-23T10:00:00+00:00", List.of("README"));
        assertThat(apply(CALENDAR, onTime, released)).isEmpty();
        assertThat(apply(ReleaseCalendar.empty(), commit("c2", "2018-12-20T10:00:00+00:00", List.of()))).isEmpty();
    }

    @Test
    void eachCommitGoesToTheFirstReleaseByDateWhoseWindowHoldsIt() {
        // Windows in any order, one overlapping another, one without an rc6, several releases on one day: each
        // commit counts for the first release, in release-date order, with rc6 < day < released.
        java.time.LocalDate d0 = java.time.LocalDate.of(2020, 1, 1);
        List<ReleaseCalendar.Release> releases = new java.util.ArrayList<>();
        int[][] windows = {{40, 50}, {10, 20}, {15, 30}, {60, 61}, {45, 50}, {70, 90}, {5, 8}, {75, 80}};
        for (int i = 0; i < windows.length; i++) {
            releases.add(new ReleaseCalendar.Release("5." + i, d0.plusDays(windows[i][0]), d0.plusDays(windows[i][1]),
                    null, null));
        }
        releases.add(new ReleaseCalendar.Release("5.9", null, d0.plusDays(100), null, null));
        List<Commit> commits = new java.util.ArrayList<>();
        for (int day = 0; day <= 110; day++) {
            commits.add(commit("c" + day, d0.plusDays(day) + "T12:00:00+00:00", List.of("README")));
        }
        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        List<ReleaseCalendar.Release> byDate = new java.util.ArrayList<>(releases);
        byDate.sort(java.util.Comparator.comparing(ReleaseCalendar.Release::released));
        for (Commit c : commits) {
            java.time.LocalDate day = c.commitDate().toLocalDate();
            byDate.stream().filter(r -> r.rc6() != null && day.isAfter(r.rc6()) && day.isBefore(r.released()))
                    .findFirst().ifPresent(r -> expected.computeIfAbsent(r.version(), k -> new java.util.ArrayList<>())
                            .add(c.id()));
        }
        Map<String, List<String>> found = new java.util.LinkedHashMap<>();
        for (Finding f : apply(ReleaseCalendar.of(releases), commits.toArray(Commit[]::new))) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows = (List<Map<String, Object>>) f.evidence().get("commits");
            found.put((String) f.evidence().get("release"), rows.stream().map(r -> (String) r.get("id")).toList());
        }
        assertThat(found).isEqualTo(expected);
        assertThat(found.keySet()).contains("5.1", "5.2", "5.5", "5.7").doesNotContain("5.9");
    }
}
