package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class MboxReaderTest {

    static byte[] fixture() throws Exception {
        try (InputStream in = MboxReaderTest.class.getResourceAsStream("/series/series.mbox")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theMboxLineWhereEachDiffStartsUnlessTheBodyIsEncoded() throws Exception {
        MboxReader.Result r = MboxReader.parse(fixture(), "series.mbox");
        assertThat(r.diffLines()).containsEntry("1111111111111111111111111111111111111111", 41)
                .containsEntry("2222222222222222222222222222222222222222", 70);
        String qp = "From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001\nFrom: a@x\n"
                + "Subject: [PATCH] x\nContent-Transfer-Encoding: quoted-printable\n\nA very long line that was=\n"
                + " folded.\n---\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n";
        assertThat(MboxReader.parse(qp.getBytes(StandardCharsets.UTF_8), "qp.mbox").diffLines()).isEmpty();
    }

    @Test
    void threePatchSeriesWithCoverLetter() throws Exception {
        MboxReader.Result r = MboxReader.parse(fixture(), "series.mbox");
        assertThat(r.coverSubject()).isEqualTo("x86/fpu: Remove the MPX leftovers");
        List<Commit> c = r.commits();
        assertThat(c).extracting(Commit::id).containsExactly("1111111111111111111111111111111111111111",
                "2222222222222222222222222222222222222222", "3333333333333333333333333333333333333333");
        assertThat(c.get(0).subject())
                .isEqualTo("x86/fpu: Fold the very long subject line that goes on and on across a second line");
        assertThat(c.get(0).author()).isEqualTo(new Person("Jörg Rödel", "joro@8bytes.org"));
        assertThat(c.get(0).date().toString()).isEqualTo("2018-12-11T10:01+01:00");
        assertThat(c.get(0).files()).containsExactly(
                new FileChange("arch/x86/kernel/fpu/core.c", null, FileChange.Change.MODIFY));
        assertThat(c.get(0).trailers()).extracting(Trailer::key, Trailer::name, Trailer::email).containsExactly(
                tuple("Acked-by", "Dave Hansen", "dave.hansen@linux.intel.com"),
                tuple("Signed-off-by", "Jörg Rödel", "joro@8bytes.org"),
                tuple("Cc", null, "x86@kernel.org"),
                tuple("Cc", "Thomas Gleixner", "tglx@linutronix.de"),
                tuple("Cc", "Bonzini, Paolo", "pbonzini@redhat.com"),
                tuple("Cc", null, "kvm@vger.kernel.org"));
        assertThat(r.patches().get(c.get(0).id())).contains("From the second line").contains("+c");
    }

    @Test
    void inBodyFromRenamesAndQuotedPrintable() throws Exception {
        List<Commit> c = MboxReader.parse(fixture(), "series.mbox").commits();
        assertThat(c.get(1).author()).isEqualTo(new Person("Other Author", "other@example.org"));
        assertThat(c.get(1).files()).containsExactly(new FileChange("arch/x86/kernel/fpu/xstate_helpers.c",
                "arch/x86/kernel/fpu/xstate.c", FileChange.Change.RENAME));
        assertThat(c.get(2).files()).containsExactly(
                new FileChange("arch/x86/kvm/fpu.c", null, FileChange.Change.ADD),
                new FileChange("arch/x86/kvm/old.c", null, FileChange.Change.DELETE));
        assertThat(c.get(2).date().toString()).isEqualTo("2018-12-11T10:03+01:00");
        assertThat(c.get(2).trailers()).extracting(Trailer::key).containsExactly("Reviewed-by", "Signed-off-by", "Cc");
        assertThat(MboxReader.parse(fixture(), "s").patches().get(c.get(2).id())).contains("a=b stays");
    }

    @Test
    void singleMailWithoutFromLineAndNumberlessSubject() {
        String mail = "From: A <a@x.org>\nSubject: [PATCH] fix it\nDate: Tue, 11 Dec 2018 10:00:00 +0000\n"
                + "Message-ID: <m1@x>\n\nBody.\n\nSigned-off-by: A <a@x.org>\n---\n"
                + "diff --git a/a.c b/a.c\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-a\n+b\n";
        MboxReader.Result r = MboxReader.parse(mail.getBytes(StandardCharsets.UTF_8), "m");
        assertThat(r.commits()).extracting(Commit::id, Commit::subject).containsExactly(tuple("m1@x", "fix it"));
    }

    @Test
    void encodedWordsAcrossAdjacentWords() {
        assertThat(MimeText.decodeWords("=?utf-8?b?SsO2cmc=?= =?utf-8?q?_R=C3=B6del?= <x>"))
                .isEqualTo("Jörg Rödel <x>");
        assertThat(MimeText.decodeWords("plain =?ISO-8859-1?Q?Caf=E9?= here")).isEqualTo("plain Café here");
        assertThat(MimeText.addresses("a@x, \"Last, First\" <f@x>, Name <n@x> (c), b@y (Bee)"))
                .extracting(Person::name, Person::email)
                .containsExactly(tuple(null, "a@x"), tuple("Last, First", "f@x"), tuple("Name", "n@x"),
                        tuple("Bee", "b@y"));
    }

    @Test
    void malformedMboxesAreInputErrorsAtTheLine() {
        assertThatThrownBy(() -> MboxReader.parse("".getBytes(), "x.mbox"))
                .isInstanceOf(InputException.class).hasMessage("empty mbox");
        assertThatThrownBy(() -> MboxReader.parse("hello world\n".getBytes(), "x.mbox"))
                .satisfies(e -> assertThat(((InputException) e).render()).startsWith("x.mbox:1:1: not an mbox"));
        String badHeader = "From abc Mon Sep 17 00:00:00 2001\nFrom: a@x\nSubject: [PATCH 1/1] x\nthis is no header\n";
        assertThatThrownBy(() -> MboxReader.parse(badHeader.getBytes(), "x.mbox"))
                .satisfies(e -> assertThat(((InputException) e).render())
                        .isEqualTo("x.mbox:4:1: malformed mail header line 'this is no header'"));
        String noPatch = "From abc Mon Sep 17 00:00:00 2001\nFrom: a@x\nSubject: [PATCH 0/1] cover\n\ntext\n";
        assertThatThrownBy(() -> MboxReader.parse(noPatch.getBytes(), "x.mbox"))
                .hasMessageContaining("no patch in the mbox").hasMessageContaining("only the cover letter");
        String badDate = "From abc Mon Sep 17 00:00:00 2001\nFrom: a@x\nSubject: [PATCH] x\nDate: yesterday\n\n"
                + "diff --git a/a b/a\n--- a/a\n+++ b/a\n";
        assertThatThrownBy(() -> MboxReader.parse(badDate.getBytes(), "x.mbox"))
                .satisfies(e -> assertThat(((InputException) e).render()).startsWith("x.mbox:4:1: bad Date header"));
        String noSubject = "From abc Mon Sep 17 00:00:00 2001\nFrom: a@x\n\nbody\n";
        assertThatThrownBy(() -> MboxReader.parse(noSubject.getBytes(), "x.mbox"))
                .hasMessageContaining("without a Subject");
    }

    @Test
    void gitDiffPathsWithSpacesAndQuotes() {
        assertThat(DiffHeaders.splitGitPaths("a/dir with space/f.c b/dir with space/f.c"))
                .containsExactly("dir with space/f.c", "dir with space/f.c");
        assertThat(DiffHeaders.splitGitPaths("\"a/caf\\303\\251.c\" \"b/caf\\303\\251.c\""))
                .containsExactly("café.c", "café.c");
    }
}
