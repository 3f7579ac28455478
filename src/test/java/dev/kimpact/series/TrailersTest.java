package dev.kimpact.series;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class TrailersTest {

    @Test
    void oddSpellingsAreNormalised() {
        List<Trailer> t = Trailers.parse("""
                x86/fpu: Remove the thing

                Body text.

                acked-BY: Thomas Gleixner <tglx@linutronix.de>
                Signed-Off-By :   Borislav Petkov   <bp@suse.de>
                REVIEWED-by: "Peter Zijlstra (Intel)" <peterz@infradead.org>
                cc: x86@kernel.org
                """);
        assertThat(t).extracting(Trailer::key, Trailer::name, Trailer::email).containsExactly(
                tuple("Acked-by", "Thomas Gleixner", "tglx@linutronix.de"),
                tuple("Signed-off-by", "Borislav Petkov", "bp@suse.de"),
                tuple("Reviewed-by", "Peter Zijlstra (Intel)", "peterz@infradead.org"),
                tuple("Cc", null, "x86@kernel.org"));
    }

    @Test
    void valuesWithoutAddressesAndUrlsWithColons() {
        List<Trailer> t = Trailers.parse("""
                subject

                Reported-by: syzbot
                Link: https://lore.kernel.org/r/20181211:175050.GA3817@zn.tnic
                Fixes: eb012ef3b4e3 ("x86: Remove Intel MPX")
                Cc: stable@vger.kernel.org # v4.19+
                Suggested-by: Dave Hansen <dave.hansen@linux.intel.com>
                Co-developed-by: Sebastian Andrzej Siewior <bigeasy@linutronix.de>
                Signed-off-by: Sebastian Andrzej Siewior <bigeasy@linutronix.de>
                """);
        assertThat(t).extracting(Trailer::key, Trailer::name, Trailer::email, Trailer::value).containsExactly(
                tuple("Reported-by", "syzbot", null, "syzbot"),
                tuple("Link", null, null, "https://lore.kernel.org/r/20181211:175050.GA3817@zn.tnic"),
                tuple("Fixes", null, null, "eb012ef3b4e3 (\"x86: Remove Intel MPX\")"),
                tuple("Cc", null, "stable@vger.kernel.org", "stable@vger.kernel.org # v4.19+"),
                tuple("Suggested-by", "Dave Hansen", "dave.hansen@linux.intel.com",
                        "Dave Hansen <dave.hansen@linux.intel.com>"),
                tuple("Co-developed-by", "Sebastian Andrzej Siewior", "bigeasy@linutronix.de",
                        "Sebastian Andrzej Siewior <bigeasy@linutronix.de>"),
                tuple("Signed-off-by", "Sebastian Andrzej Siewior", "bigeasy@linutronix.de",
                        "Sebastian Andrzej Siewior <bigeasy@linutronix.de>"));
    }

    @Test
    void onlyTheLastParagraphAndNeverTheSubject() {
        assertThat(Trailers.parse("Signed-off-by: A <a@b.c>")).isEmpty();
        assertThat(Trailers.parse("subject\nSigned-off-by: A <a@b.c>\n")).isEmpty();
        assertThat(Trailers.parse("")).isEmpty();
        assertThat(Trailers.parse(null)).isEmpty();
        List<Trailer> t = Trailers.parse("""
                subject

                Acked-by: Early <early@x.org>

                Signed-off-by: Late <late@x.org>
                """);
        assertThat(t).extracting(Trailer::email).containsExactly("late@x.org");
    }

    @Test
    void proseParagraphIsNoTrailerBlockButCommentsAmongTrailersAreSkipped() {
        assertThat(Trailers.parse("subject\n\nNote: this is prose.\nIt goes on.\n")).isEmpty();
        List<Trailer> t = Trailers.parse("""
                subject

                Signed-off-by: A <a@x.org>
                [bp: massage commit message]
                Signed-off-by: B <b@x.org>
                """);
        assertThat(t).extracting(Trailer::email).containsExactly("a@x.org", "b@x.org");
    }

    @Test
    void continuationLinesAndCustomKeys() {
        List<Trailer> t = Trailers.parse("subject\n\nX-Custom-TAG: one\n  two\nSigned-off-by: A <a@x.org>\n");
        assertThat(t).extracting(Trailer::key, Trailer::value)
                .containsExactly(tuple("X-custom-tag", "one two"), tuple("Signed-off-by", "A <a@x.org>"));
        assertThat(Trailers.canonicalKey("MESSAGE-ID")).isEqualTo("Message-ID");
        assertThat(Trailers.canonicalKey("tested-BY")).isEqualTo("Tested-by");
    }

    @Test
    void acksAreSignoffsAcksReviewsAndCcs() {
        assertThat(Trailers.of("signed-off-by", "A <a@x>").countsAsAck()).isTrue();
        assertThat(Trailers.of("ACKED-BY", "A <a@x>").countsAsAck()).isTrue();
        assertThat(Trailers.of("Reviewed-by", "A <a@x>").countsAsAck()).isTrue();
        assertThat(Trailers.of("cc", "a@x").countsAsAck()).isTrue();
        assertThat(Trailers.of("Tested-by", "A <a@x>").countsAsAck()).isFalse();
        assertThat(Trailers.of("Reported-by", "A <a@x>").countsAsAck()).isFalse();
    }
}
