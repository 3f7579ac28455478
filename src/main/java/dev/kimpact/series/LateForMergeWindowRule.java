package dev.kimpact.series;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code late-for-merge-window}: commits committed after -rc6 of release N and before N is released reach
 * linux-next too late for the merge window of N's successor (dates: the repository's own tags, else the release
 * calendar of the kernel models, {@link ReleaseCalendar#preferring}); one finding per release. The successor is
 * the calendar's ({@code vN+1-rc1} in the repository, a model's alias such as 4.21 for 5.0), else N + 1.
 */
// From Documentation/process/2.Process.rst: linux-next is what mainline should look like after the next merge window.
final class LateForMergeWindowRule implements SeriesRule {

    private final ReleaseCalendar calendar;

    LateForMergeWindowRule(ReleaseCalendar calendar) {
        this.calendar = calendar;
    }

    @Override
    public RuleId id() {
        return RuleId.LATE_FOR_MERGE_WINDOW;
    }

    @Override
    public List<Finding> apply(SeriesFacts series) {
        List<ReleaseCalendar.Release> releases = new ArrayList<>(calendar.releases());
        releases.sort(Comparator.comparing(ReleaseCalendar.Release::released));
        releases.removeIf(r -> r.rc6() == null || r.released() == null);      // no window
        // The first release (by release date) whose window (rc6, released) holds the day: only releases after
        // the day can (a binary search finds the first), and none from where every later rc6 is on or after it.
        int n = releases.size();
        LocalDate[] released = new LocalDate[n];
        LocalDate[] rc6 = new LocalDate[n];
        LocalDate[] earliestRc6From = new LocalDate[n + 1];
        for (int i = 0; i < n; i++) {
            released[i] = releases.get(i).released();
            rc6[i] = releases.get(i).rc6();
        }
        earliestRc6From[n] = LocalDate.MAX;
        for (int i = n - 1; i >= 0; i--) {
            earliestRc6From[i] = rc6[i].isBefore(earliestRc6From[i + 1]) ? rc6[i] : earliestRc6From[i + 1];
        }
        Map<ReleaseCalendar.Release, List<Commit>> byRelease = new LinkedHashMap<>();
        for (Commit c : series.commits()) {
            if (c.commitDate() == null) {
                continue;
            }
            LocalDate day = c.commitDate().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            for (int i = firstAfter(released, day); i < n && day.isAfter(earliestRc6From[i]); i++) {
                if (day.isAfter(rc6[i])) {
                    byRelease.computeIfAbsent(releases.get(i), k -> new ArrayList<>()).add(c);
                    break;
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<ReleaseCalendar.Release, List<Commit>> e : byRelease.entrySet()) {
            ReleaseCalendar.Release r = e.getKey();
            out.add(late(series, r, calendar.successor(r).orElse(bump(r.version())), e.getValue()));
        }
        return out;
    }

    /** The index of the first of {@code sorted} after {@code day}, or its length. */
    private static int firstAfter(LocalDate[] sorted, LocalDate day) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].isAfter(day)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private Finding late(SeriesFacts series, ReleaseCalendar.Release r, String next, List<Commit> commits) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("release", r.version());
        evidence.put("rc6", r.rc6().toString());
        evidence.put("released", r.released().toString());
        evidence.put("next", next);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("opens", r.mergeWindowOpens() == null ? null : r.mergeWindowOpens().toString());
        window.put("closes", r.mergeWindowCloses() == null ? null : r.mergeWindowCloses().toString());
        evidence.put("merge_window", window);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Commit c : commits) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("committed", c.commitDate().toString());
            rows.add(row);
        }
        evidence.put("commits", rows);
        String message = SeriesRule.count(commits.size(), "commit") + " committed after v" + r.version() + "-rc6 ("
                + r.rc6() + ") and before v" + r.version() + " (" + r.released() + "): late for the " + next
                + " merge window" + (r.mergeWindowOpens() == null ? "" : " (opens " + r.mergeWindowOpens() + ")");
        String remedy = "after -rc6 only fixes should be queued; let new work soak in linux-next before the"
                + " merge window, or hold it for the " + bump(next) + " cycle";
        return series.finding(id(), commits.get(0).id(), Location.of(series.repo()), message, evidence, remedy);
    }

    /** "4.20" -> "4.21". */
    static String bump(String version) {
        int dot = version.lastIndexOf('.');
        try {
            return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return version + "+1";
        }
    }
}
