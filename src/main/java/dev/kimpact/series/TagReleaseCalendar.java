package dev.kimpact.series;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The release calendar of a repository's own tags: {@code vX.Y-rc6} and {@code vX.Y} date a release, the next
 * release's {@code -rc1} closes its merge window and names its successor. A tag's date is its tagger date (an
 * annotated tag, as Linus's are), else its commit's committer date, as a UTC day. Releases without both tags are
 * left out: {@link ReleaseCalendar#preferring} takes them from the built-in models.
 */
final class TagReleaseCalendar implements ReleaseCalendar {

    private static final Pattern TAG = Pattern.compile("v(\\d{1,3})\\.(\\d{1,3})(?:-rc(\\d{1,2}))?");

    /** A release number, ordered as releases follow each other. */
    private record Version(int major, int minor) implements Comparable<Version> {
        @Override
        public int compareTo(Version o) {
            return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
        }

        String text() {
            return major + "." + minor;
        }
    }

    private final List<Release> releases;
    private final Map<String, String> successors;

    private TagReleaseCalendar(List<Release> releases, Map<String, String> successors) {
        this.releases = List.copyOf(releases);
        this.successors = Map.copyOf(successors);
    }

    @Override
    public List<Release> releases() {
        return releases;
    }

    @Override
    public Optional<String> successor(Release r) {
        return Optional.ofNullable(successors.get(r.version()));
    }

    /** The calendar of {@code git}'s tags (reading only). */
    static TagReleaseCalendar read(GitRepository git) {
        Map<Version, Map<Integer, LocalDate>> tags = new TreeMap<>();
        List<Ref> refs = git.errors().read("tags",
                () -> git.repository().getRefDatabase().getRefsByPrefix(Constants.R_TAGS));
        try (RevWalk walk = new RevWalk(git.reader())) {
            for (Ref ref : refs) {
                Matcher m = TAG.matcher(ref.getName().substring(Constants.R_TAGS.length()));
                if (!m.matches()) {
                    continue;
                }
                LocalDate day = date(walk, ref, git);
                if (day != null) {
                    tags.computeIfAbsent(new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))),
                            v -> new TreeMap<>()).put(m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), day);
                }
            }
        }
        List<Release> releases = new ArrayList<>();
        Map<String, String> successors = new TreeMap<>();
        List<Version> versions = new ArrayList<>(tags.keySet());
        for (int i = 0; i < versions.size(); i++) {
            Version v = versions.get(i);
            Version next = i + 1 < versions.size() ? versions.get(i + 1) : null;
            if (next != null) {
                successors.put(v.text(), next.text());
            }
            LocalDate released = tags.get(v).get(0);
            LocalDate rc6 = tags.get(v).get(6);
            if (released == null || rc6 == null) {
                continue;
            }
            LocalDate nextRc1 = next == null ? null : tags.get(next).get(1);
            releases.add(new Release(v.text(), rc6, released, released.plusDays(1), nextRc1));
        }
        releases.sort(Comparator.comparing(Release::released));
        return new TagReleaseCalendar(releases, successors);
    }

    private static LocalDate date(RevWalk walk, Ref ref, GitRepository git) {
        return git.errors().read(ref.getName(), () -> {
            RevObject o = walk.parseAny(ref.getObjectId());
            PersonIdent who = null;
            while (o instanceof RevTag t) {
                if (who == null) {
                    who = t.getTaggerIdent();
                }
                o = walk.parseAny(t.getObject());
            }
            if (who == null && o instanceof RevCommit c) {
                who = c.getCommitterIdent();
            }
            return who == null ? null : who.getWhenAsInstant().atZone(ZoneOffset.UTC).toLocalDate();
        });
    }
}
