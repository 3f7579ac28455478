package dev.kimpact.diag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Did you mean": the nearest candidate within a third of the input's length in edits, or nothing. */
class SuggestTest {

    private static final List<String> TOP_KEYS = List.of("scenario", "summary", "cpu", "hosts", "guests", "patches",
            "steps", "expect", "ignore", "notes");

    @Test
    void aMisspeltNameGetsTheNearestCandidate() {
        assertThat(Suggest.nearest("scenaro", TOP_KEYS)).contains("scenario");       // one deletion
        assertThat(Suggest.nearest("hsots", TOP_KEYS)).contains("hosts");            // one transposition
        assertThat(Suggest.nearest("gusets", TOP_KEYS)).contains("guests");
        assertThat(Suggest.nearest("patch", TOP_KEYS)).contains("patches");          // a prefix of 3 or more
    }

    @Test
    void caseIsIgnoredButTheCandidateIsReturnedAsSpelt() {
        assertThat(Suggest.nearest("XSAVEOPT", List.of("xsaves", "xsaveopt"))).contains("xsaveopt");
        assertThat(Suggest.nearest("genoa", List.of("Genoa", "Rome"))).contains("Genoa");
    }

    @Test
    void nothingIsSuggestedWhenNothingIsNear() {
        assertThat(Suggest.nearest("bndregs", TOP_KEYS)).isEmpty();
        // A three-letter input may be two edits off, no more.
        assertThat(Suggest.nearest("abc", List.of("xyc"))).contains("xyc");
        assertThat(Suggest.nearest("abc", List.of("xyz"))).isEmpty();
        assertThat(Suggest.nearest("hosts", List.of())).isEmpty();
        assertThat(Suggest.nearest(null, TOP_KEYS)).isEmpty();
    }

    @Test
    void distanceCountsATranspositionAsOneEdit() {
        assertThat(Suggest.distance("xcr0", "xcr0")).isZero();
        assertThat(Suggest.distance("xrc0", "xcr0")).isEqualTo(1);
        assertThat(Suggest.distance("xcr0", "xss")).isEqualTo(3);
        assertThat(Suggest.distance("", "bnd")).isEqualTo(3);
    }
}
