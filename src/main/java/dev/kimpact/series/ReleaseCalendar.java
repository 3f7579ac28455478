package dev.kimpact.series;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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

    /**
     * The release whose merge window opens when {@code r} is released, when the calendar knows its name (4.20 was
     * followed by 5.0); empty when it does not, and the rule then names it 4.20 + 1.
     */
    default Optional<String> successor(Release r) {
        return Optional.empty();
    }

    /**
     * {@code primary}'s releases and successors first (a repository's own tags), {@code fallback}'s (the built-in
     * models) for the releases {@code primary} does not have.
     */
    static ReleaseCalendar preferring(ReleaseCalendar primary, ReleaseCalendar fallback) {
        List<Release> first = primary.releases();
        Set<String> own = first.stream().map(Release::version).collect(Collectors.toSet());
        List<Release> all = new ArrayList<>(first);
        fallback.releases().stream().filter(r -> !own.contains(r.version())).forEach(all::add);
        all.sort(Comparator.comparing(Release::released));
        List<Release> merged = List.copyOf(all);
        return new ReleaseCalendar() {
            @Override
            public List<Release> releases() {
                return merged;
            }

            @Override
            public Optional<String> successor(Release r) {
                Optional<String> s = own.contains(r.version()) ? primary.successor(r) : Optional.empty();
                return s.isPresent() ? s : fallback.successor(r);
            }
        };
    }

    static ReleaseCalendar empty() {
        return List::of;
    }

    static ReleaseCalendar of(List<Release> releases) {
        List<Release> copy = List.copyOf(releases);
        return () -> copy;
    }
}
