package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppliedMboxTest {

    @TempDir
    Path tmp;

    ObjectId base;

    static final String CORE = "arch/x86/kernel/fpu/core.c";

    /** master: core.c, xstate.c and old.c; kvm: an edit of core.c's third line, or (clean) of its last. */
    @BeforeEach
    void repo() throws Exception {
        try (TestRepo r = TestRepo.init(tmp)) {
            base = r.commit("master", "base\n", f -> {
                f.put(CORE, TestRepo.SIX_LINES);
                f.put("arch/x86/kernel/fpu/xstate.c", "xstate\n");
                f.put("old.c", "gone\n");
            });
            r.branch("kvm", "master");
            r.branch("docs", "master");
            r.commit("kvm", "KVM: x86: line three\n", f -> f.put(CORE, TestRepo.SIX_LINES.replace("three", "kvm")));
            r.commit("docs", "docs: line six\n", f -> f.put(CORE, TestRepo.SIX_LINES.replace("six", "6")));
        }
    }

    /** A {@code git format-patch} mail: patch n of total, with the diff (none: a mail with only a message). */
    static String mail(int n, int total, String subject, String diff) {
        return "From " + String.valueOf((char) ('0' + n)).repeat(40) + " Mon Sep 17 00:00:00 2001\n"
                + "From: Ann Author <ann@example.org>\n"
                + "Date: Tue, 11 Dec 2018 10:0" + n + ":00 +0100\n"
                + "Subject: [PATCH " + n + "/" + total + "] " + subject + "\n\n"
                + "What " + subject + " does.\n\nSigned-off-by: Ann Author <ann@example.org>\n"
                + "---\n" + diff + "-- \n2.20.0\n\n";
    }

    static final String TWO = """
            diff --git a/arch/x86/kernel/fpu/core.c b/arch/x86/kernel/fpu/core.c
            index 1111111..2222222 100644
            --- a/arch/x86/kernel/fpu/core.c
            +++ b/arch/x86/kernel/fpu/core.c
            @@ -1,5 +1,5 @@
             line one
            -line two
            +line TWO
             line three
             line four
             line five
            diff --git a/arch/x86/kernel/fpu/new.c b/arch/x86/kernel/fpu/new.c
            new file mode 100644
            index 0000000..3333333
            --- /dev/null
            +++ b/arch/x86/kernel/fpu/new.c
            @@ -0,0 +1 @@
            +new
            """;

    static final String DELETE_AND_RENAME = """
            diff --git a/arch/x86/kernel/fpu/xstate.c b/arch/x86/kernel/fpu/xstate_helpers.c
            similarity index 100%
            rename from arch/x86/kernel/fpu/xstate.c
            rename to arch/x86/kernel/fpu/xstate_helpers.c
            diff --git a/old.c b/old.c
            deleted file mode 100644
            index 4444444..0000000
            --- a/old.c
            +++ /dev/null
            @@ -1 +0,0 @@
            -gone
            """;

    /** Needs patch 1: its context has "line TWO". */
    static final String THREE = """
            diff --git a/arch/x86/kernel/fpu/core.c b/arch/x86/kernel/fpu/core.c
            --- a/arch/x86/kernel/fpu/core.c
            +++ b/arch/x86/kernel/fpu/core.c
            @@ -1,4 +1,4 @@ static void fpu_init(void)
             line one
             line TWO
            -line three
            +line 3
             line four
            """;

    static MboxReader.Result read(String... mails) {
        return MboxReader.parse(String.join("", mails).getBytes(StandardCharsets.UTF_8), "series.mbox");
    }

    static AppliedMbox apply(GitRepository g, ObjectId at, MboxReader.Result series) {
        return AppliedMbox.apply(g, g.commit(at.name()), series, "series.mbox");
    }

    /** The files of {@code commit} as path to text, read through {@code applied}'s reader. */
    static Map<String, String> files(AppliedMbox applied, ObjectId commit) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (RevWalk w = new RevWalk(applied.reader()); TreeWalk tw = new TreeWalk(applied.reader())) {
            tw.addTree(w.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.put(tw.getPathString(), new String(applied.reader().open(tw.getObjectId(0), Constants.OBJ_BLOB)
                        .getBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void appliesEachPatchOntoThePreviousInMemory() throws Exception {
        Map<String, String> before = SeriesCacheTest.snapshot(tmp);
        MboxReader.Result series = read(mail(1, 3, "x86/fpu: line two", TWO),
                mail(2, 3, "x86/fpu: rename xstate.c, drop old.c", DELETE_AND_RENAME),
                mail(3, 3, "x86/fpu: line three", THREE));
        try (GitRepository g = GitRepository.open(tmp); AppliedMbox applied = apply(g, base, series)) {
            assertThat(applied.base()).isEqualTo(base);
            assertThat(applied.commits()).hasSize(3);
            assertThat(applied.tip()).isEqualTo(applied.commits().get(2));

            Map<String, String> one = files(applied, applied.commits().get(0));
            assertThat(one).containsEntry(CORE, TestRepo.SIX_LINES.replace("two", "TWO"))
                    .containsEntry("arch/x86/kernel/fpu/new.c", "new\n")
                    .containsEntry("arch/x86/kernel/fpu/xstate.c", "xstate\n")
                    .containsEntry("old.c", "gone\n");
            Map<String, String> two = files(applied, applied.commits().get(1));
            assertThat(two).containsOnlyKeys(CORE, "arch/x86/kernel/fpu/new.c", "arch/x86/kernel/fpu/xstate_helpers.c")
                    .containsEntry("arch/x86/kernel/fpu/xstate_helpers.c", "xstate\n");
            assertThat(files(applied, applied.tip())).containsEntry(CORE,
                    TestRepo.SIX_LINES.replace("two", "TWO").replace("three", "3"));

            // a chain base -> c1 -> c2 -> c3 with the mails' authors, dates and messages
            List<String> subjects = new ArrayList<>();
            try (RevWalk w = new RevWalk(applied.reader())) {
                w.markStart(w.parseCommit(applied.tip()));
                w.markUninteresting(w.parseCommit(base));
                for (RevCommit c : w) {
                    subjects.add(0, c.getShortMessage());
                }
                RevCommit first = w.parseCommit(applied.commits().get(0));
                assertThat(first.getParent(0)).isEqualTo(base);
                assertThat(first.getAuthorIdent().getEmailAddress()).isEqualTo("ann@example.org");
                assertThat(first.getAuthorIdent().getWhenAsInstant()).hasToString("2018-12-11T09:01:00Z");
                assertThat(first.getFullMessage()).isEqualTo("x86/fpu: line two\n\nWhat x86/fpu: line two does.\n\n"
                        + "Signed-off-by: Ann Author <ann@example.org>\n");
            }
            assertThat(subjects).containsExactly("x86/fpu: line two", "x86/fpu: rename xstate.c, drop old.c",
                    "x86/fpu: line three");
            assertThat(applied.mailId(applied.commits().get(1).name())).isEqualTo("2".repeat(40));
            // the repository cannot see them: nothing was written
            assertThat(g.repository().getObjectDatabase().has(applied.tip())).isFalse();
        }
        assertThat(SeriesCacheTest.snapshot(tmp)).isEqualTo(before);
    }

    @Test
    void noCleanFilterOfTheConfigurationOrAttributesRuns() throws Exception {
        Path marker = tmp.resolve("filtered");
        try (TestRepo r = TestRepo.open(tmp)) {
            r.repo.getConfig().setString("filter", "mark", "clean", "touch " + marker);
            r.repo.getConfig().save();
            r.commit("filtered", ".gitattributes\n", f -> {
                f.put(".gitattributes", "* filter=mark\n");
                f.put(CORE, TestRepo.SIX_LINES);
            });
        }
        try (GitRepository g = GitRepository.open(tmp);
             AppliedMbox applied = apply(g, g.commit("filtered"), read(mail(1, 1, "x86/fpu: line two", TWO)))) {
            assertThat(files(applied, applied.tip())).containsEntry(CORE, TestRepo.SIX_LINES.replace("two", "TWO"));
        }
        assertThat(marker).doesNotExist();
    }

    @Test
    void aPatchWithoutADiffIsAnEmptyCommit() throws Exception {
        MboxReader.Result one = read(mail(1, 1, "x86/fpu: line two", TWO));
        Commit note = new Commit("note", "x86/fpu: a note", new Person("Ann Author", "ann@example.org"), null, null,
                List.of(), List.of(), false);
        MboxReader.Result series = new MboxReader.Result(List.of(one.commits().get(0), note),
                Map.of(one.commits().get(0).id(), one.patches().get(one.commits().get(0).id()),
                        "note", "x86/fpu: a note\n\nOnly words.\n"), null);
        try (GitRepository g = GitRepository.open(tmp); AppliedMbox applied = apply(g, base, series);
             RevWalk w = new RevWalk(applied.reader())) {
            RevCommit empty = w.parseCommit(applied.tip());
            assertThat(empty.getTree()).isEqualTo(w.parseCommit(applied.commits().get(0)).getTree());
            assertThat(empty.getFullMessage()).isEqualTo("x86/fpu: a note\n\nOnly words.\n");
        }
    }

    @Test
    void aHunkWhoseContextDoesNotMatchNamesPatchFileAndHunk() throws Exception {
        Map<String, String> before = SeriesCacheTest.snapshot(tmp);
        // patch 3 without patch 1: its context "line TWO" is not in core.c; line 36 of the mbox is the hunk's
        MboxReader.Result series = read(mail(1, 2, "x86/fpu: rename xstate.c, drop old.c", DELETE_AND_RENAME),
                mail(2, 2, "x86/fpu: line three", THREE));
        try (GitRepository g = GitRepository.open(tmp)) {
            assertThatThrownBy(() -> apply(g, base, series)).isInstanceOf(InputException.class)
                    .extracting(e -> ((InputException) e).render())
                    .isEqualTo("series.mbox:36:1: patch 2/2 'x86/fpu: line three' does not apply onto "
                            + base.abbreviate(12).name() + " and the patches before it: " + CORE
                            + ": hunk @@ -1,4 +1,4 @@: its context does not match the file");
        }
        assertThat(SeriesCacheTest.snapshot(tmp)).isEqualTo(before);
    }

    @Test
    void aMissingFileAnExistingNewFileAFileInTheWayAndABinaryChangeWithoutDataAreRefused() throws Exception {
        String missing = """
                diff --git a/nope.c b/nope.c
                --- a/nope.c
                +++ b/nope.c
                @@ -1 +1 @@
                -a
                +b
                """;
        String exists = """
                diff --git a/old.c b/old.c
                new file mode 100644
                --- /dev/null
                +++ b/old.c
                @@ -0,0 +1 @@
                +again
                """;
        String binary = """
                diff --git a/logo.png b/logo.png
                index 5555555..6666666 100644
                Binary files a/logo.png and b/logo.png differ
                """;
        String below = """
                diff --git a/old.c/inside.c b/old.c/inside.c
                new file mode 100644
                --- /dev/null
                +++ b/old.c/inside.c
                @@ -0,0 +1 @@
                +inside
                """;
        String onto = " does not apply onto " + base.abbreviate(12).name() + ": ";
        try (GitRepository g = GitRepository.open(tmp)) {
            assertThat(refusal(g, read(mail(1, 1, "edit nope", missing))))
                    .isEqualTo("series.mbox:10:1: patch 1/1 'edit nope'" + onto + "nope.c: no such file");
            assertThat(refusal(g, read(mail(1, 1, "add old", exists))))
                    .isEqualTo("series.mbox:10:1: patch 1/1 'add old'" + onto + "old.c: the file exists, but the patch"
                            + " creates it");
            assertThat(refusal(g, read(mail(1, 1, "below old", below))))
                    .isEqualTo("series.mbox:10:1: patch 1/1 'below old'" + onto + "old.c: a file, where the patch needs a"
                            + " directory");
            assertThat(refusal(g, read(mail(1, 1, "new logo", binary))))
                    .startsWith("series.mbox:10:1: patch 1/1 'new logo'" + onto + "logo.png: a binary change without its"
                            + " data");
        }
    }

    private String refusal(GitRepository g, MboxReader.Result series) {
        try (AppliedMbox applied = apply(g, base, series)) {
            return "applied: " + applied.tip().name();
        } catch (InputException e) {
            return e.render();
        }
    }

    @Test
    void theTipMergesWithARefInMemoryNamingTheMailsOnItsSide() throws Exception {
        Map<String, String> before = SeriesCacheTest.snapshot(tmp);
        MboxReader.Result series = read(mail(1, 2, "x86/fpu: line two", TWO), mail(2, 2, "x86/fpu: line three", THREE));
        try (GitRepository g = GitRepository.open(tmp); AppliedMbox applied = apply(g, base, series)) {
            TrialMerge trial = new TrialMerge(g, applied);
            MergeCheck conflict = trial.check(applied.tip(), "kvm");
            assertThat(conflict.clean()).isFalse();
            assertThat(conflict.bases()).containsExactly(base.name());
            assertThat(conflict.ours()).isEqualTo("2".repeat(40));
            assertThat(conflict.conflicts()).containsExactly(new MergeCheck.Conflict(CORE,
                    List.of("1".repeat(40), "2".repeat(40)), List.of(g.commit("kvm").name())));
            assertThat(conflict.subjects()).containsEntry("2".repeat(40), "x86/fpu: line three");

            MergeCheck clean = trial.check(applied.tip(), "docs");
            assertThat(clean.clean()).isTrue();
            assertThat(clean.conflicts()).isEmpty();
        }
        assertThat(SeriesCacheTest.snapshot(tmp)).isEqualTo(before);
    }
}
