package dev.kimpact.series;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogPatchModelsTest {

    /** The normalization as two regexes over every subject: what the fast path must give too. */
    static String byRegexes(String subject) {
        String s = Pattern.compile("^\\[[^]]*]\\s*").matcher(subject.strip()).replaceFirst("");
        return Pattern.compile("\\s+").matcher(s).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    @Test
    void subjectsAreNormalizedAsTheRegexesSay() {
        List<String> subjects = List.of("x86/mpx: Remove MPX APIs", "x86/mpx: remove MPX APIs",
                "  [PATCH v2 1/3]  x86/mpx:\tremove  MPX APIs \n", "[PATCH] KVM: x86: fix", "[unclosed tag",
                "[] x", "a\u000Bb", "a \u00A0b", "a\u2003 b", "tab\tonly", "two  spaces", "end \r", "",
                "[PATCH]", "\u2003[PATCH] em space before");
        for (String s : subjects) {
            assertThat(CatalogPatchModels.normalize(s)).as(s).isEqualTo(byRegexes(s));
        }
    }
}
