package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static dev.kimpact.series.SeriesAnalysisTest.commit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release calendar read from a repository's tags, and late-for-merge-window around four real releases
 * (4.20, 5.10, 6.16, 6.17; dates as in the built-in models' sources) and after the repository's tags end.
 */
class TagReleaseCalendarTest {

    @TempDir
    Path dir;

    private ReleaseCalendar tags;
    private final ReleaseCalendar builtin = YamlReleaseCalendar.fromClasspath();

    /** An annotated tag dated {@code day} at 14:00 US Pacific (22:00 UTC, the same day), as Linus tags. */
    private static void tag(TestRepo r, String name, ObjectId at, String day) throws Exception {
        Instant when = Instant.parse(day + "T22:00:00Z");
        try (Git git = Git.wrap(r.repo); RevWalk walk = new RevWalk(r.repo)) {
            git.tag().setName(name).setObjectId(walk.parseCommit(at)).setAnnotated(true).setMessage("Linux " + name)
                    .setTagger(new PersonIdent("Linus Torvalds", "torvalds@linux-foundation.org", when,
                            ZoneOffset.ofHours(-8))).call();
        }
    }

    /** A lightweight tag: its date is the commit's. */
    private static void lightweight(TestRepo r, String name, String day) throws Exception {
        ObjectId c = r.commitAt("master", name, Instant.parse(day + "T12:00:00Z"), f -> f.put("Makefile", name));
        try (Git git = Git.wrap(r.repo); RevWalk walk = new RevWalk(r.repo)) {
            git.tag().setName(name).setObjectId(walk.parseCommit(c)).setAnnotated(false).call();
        }
    }

    @BeforeEach
    void repository() throws Exception {
        try (TestRepo r = TestRepo.init(dir)) {
            // Commits made long before their tags: the tagger date counts, not the commit's.
            ObjectId c = r.commitAt("master", "base", Instant.parse("2018-01-01T00:00:00Z"), f -> f.put("README", "x"));
            String[][] annotated = {
                {"v4.20-rc6", "2018-12-09"}, {"v4.20", "2018-12-23"}, {"v5.0-rc1", "2019-01-06"},
                {"v5.10-rc6", "2020-11-29"}, {"v5.10", "2020-12-13"}, {"v5.11-rc1", "2020-12-27"},
                {"v6.16-rc6", "2025-07-13"}, {"v6.16", "2025-07-27"}, {"v6.17-rc1", "2025-08-10"},
                {"not-a-release", "2025-08-11"}, {"v6.17-rc6-fixed", "2025-08-12"}};
            for (String[] t : annotated) {
                tag(r, t[0], c, t[1]);
            }
            lightweight(r, "v6.17-rc6", "2025-09-14");
            lightweight(r, "v6.17", "2025-09-28");
        }
        try (GitRepository git = GitRepository.open(dir)) {
            tags = TagReleaseCalendar.read(git);
        }
    }

    private List<Finding> late(ReleaseCalendar calendar, String committed) {
        return LateForMergeWindowRuleTest.apply(calendar, commit("c1", committed, List.of("README")));
    }

    @Test
    void releasesComeFromRc6AndReleaseTagsAndTheNextRc1() {
        assertThat(tags.releases()).containsExactly(
                new ReleaseCalendar.Release("4.20", LocalDate.parse("2018-12-09"), LocalDate.parse("2018-12-23"),
                        LocalDate.parse("2018-12-24"), LocalDate.parse("2019-01-06")),
                new ReleaseCalendar.Release("5.10", LocalDate.parse("2020-11-29"), LocalDate.parse("2020-12-13"),
                        LocalDate.parse("2020-12-14"), LocalDate.parse("2020-12-27")),
                new ReleaseCalendar.Release("6.16", LocalDate.parse("2025-07-13"), LocalDate.parse("2025-07-27"),
                        LocalDate.parse("2025-07-28"), LocalDate.parse("2025-08-10")),
                new ReleaseCalendar.Release("6.17", LocalDate.parse("2025-09-14"), LocalDate.parse("2025-09-28"),
                        LocalDate.parse("2025-09-29"), null));
        assertThat(tags.successor(tags.releases().get(0))).contains("5.0");
        assertThat(tags.successor(tags.releases().get(3))).isEmpty();
    }

    @Test
    void afterV510Rc6IsLateForThe511WindowNotThe515() {
        ReleaseCalendar calendar = ReleaseCalendar.preferring(tags, builtin);
        List<Finding> f = late(calendar, "2020-12-06T10:00:00+00:00");
        assertThat(f).hasSize(1);
        assertThat(f.get(0).message()).isEqualTo("1 commit committed after v5.10-rc6 (2020-11-29) and before v5.10"
                + " (2020-12-13): late for the 5.11 merge window (opens 2020-12-14)");
        assertThat(f.get(0).remedy()).endsWith("hold it for the 5.12 cycle");
        // The built-in calendar alone skips 5.11..5.14, and still names the successor of 5.10.
        assertThat(late(builtin, "2020-12-06T10:00:00+00:00").get(0).message()).contains("late for the 5.11 merge window");
    }

    @Test
    void afterV420Rc6IsLateForThe50Window() {
        assertThat(late(ReleaseCalendar.preferring(tags, builtin), "2018-12-20T10:00:00+00:00").get(0).message())
                .endsWith("late for the 5.0 merge window (opens 2018-12-24)");
        assertThat(late(builtin, "2018-12-20T10:00:00+00:00").get(0).message())
                .endsWith("late for the 5.0 merge window (opens 2018-12-24)");
    }

    @Test
    void theWindowAroundV616AndV617AndAfterTheTagsEnd() {
        ReleaseCalendar calendar = ReleaseCalendar.preferring(tags, builtin);
        assertThat(late(calendar, "2025-07-13T10:00:00+00:00")).as("on rc6 day").isEmpty();
        assertThat(late(calendar, "2025-07-14T10:00:00+00:00").get(0).message())
                .endsWith("late for the 6.17 merge window (opens 2025-07-28)");
        assertThat(late(calendar, "2025-07-27T10:00:00+00:00")).as("release day").isEmpty();
        // 6.17 comes from the repository's lightweight tags (commit dates); the built-in 6.17 model dates it alike.
        String expected = "1 commit committed after v6.17-rc6 (2025-09-14) and before v6.17 (2025-09-28): late for"
                + " the 6.18 merge window (opens 2025-09-29)";
        assertThat(late(calendar, "2025-09-20T10:00:00+00:00").get(0).message()).isEqualTo(expected);
        assertThat(late(builtin, "2025-09-20T10:00:00+00:00").get(0).message()).isEqualTo(expected);
        // After the repository's last tag the built-in calendar still answers.
        assertThat(late(calendar, "2026-06-01T10:00:00+00:00").get(0).message())
                .endsWith("late for the 7.2 merge window (opens 2026-06-15)");
    }

    @Test
    void aRepositoryWithoutReleaseTagsLeavesTheBuiltInCalendar() throws Exception {
        Path other = dir.resolveSibling(dir.getFileName() + "-plain");
        try (TestRepo r = TestRepo.init(other)) {
            r.commit("master", "one", f -> f.put("README", "x"));
        }
        try (GitRepository git = GitRepository.open(other)) {
            ReleaseCalendar calendar = ReleaseCalendar.preferring(TagReleaseCalendar.read(git), builtin);
            assertThat(calendar.releases()).isEqualTo(builtin.releases());
        }
    }
}
