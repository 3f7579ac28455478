package dev.kimpact.series;

import java.time.LocalDate;
import java.util.List;

/** Kernel release dates, oldest first, that {@code late-for-merge-window} compares commit dates with. */
public interface ReleaseCalendar {

    /**
     * One release.
     *
     * @param version           "4.20"
     * @param rc6               the date -rc6 of this release was tagged
     * @param released          the release date
     * @param mergeWindowOpens  first day of the next release's merge window
     * @param mergeWindowCloses last day of it (the next release's -rc1)
     */
    record Release(String version, LocalDate rc6, LocalDate released, LocalDate mergeWindowOpens,
                   LocalDate mergeWindowCloses) {
    }

    List<Release> releases();

    static ReleaseCalendar empty() {
        return List::of;
    }

    static ReleaseCalendar of(List<Release> releases) {
        List<Release> copy = List.copyOf(releases);
        return () -> copy;
    }
}
