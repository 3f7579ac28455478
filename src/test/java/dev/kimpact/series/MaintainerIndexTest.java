package dev.kimpact.series;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MaintainerIndex} looks F: patterns up by their literal directory and skips K:/N: regexes whose literals a
 * text lacks; here it is compared with the plain form it replaces (every section, every pattern, every regex) on
 * random MAINTAINERS files, paths and patches.
 */
class MaintainerIndexTest {

    private static final String[] FILES = {"a/", "a/b/", "a/b/c/", "a/*", "a/b/*.c", "*/b/*", "a/b", "a/b/f1.c",
            "a/[bc]/", "*", "*/", "a/?/x.c", "a/b/[!f]*", "b/", "b/c/f1.c", "a/bb/", "[ab]/c/", "a/b/c/d/e.c",
            "c.c", "a/b/c", "a[x/y.c", "a/*/c/"};
    private static final String[] REGEXES = {"f1", "[^a-z]b", "c\\.c", "(x|y)\\.c", "\\bbb/", "e\\.c$", "a/b/c"};
    private static final String[] KEYWORDS = {"foo_", "\\bbar\\b", "(baz|qux)_x", "\\bquux", "q+", "ab?cde",
            "x86\\.c", "zzz|foo_b"};
    private static final String[] PATHS = {"a/b/c/f1.c", "a/f2.c", "b/c/f1.c", "a/b/x.c", "a/c/x.c",
            "a/b/c/d/e.c", "MAINTAINERS", "c.c", "a/bb/f1.c", "a/b", "a/b/f1.c", "a/x/c/y.c", "a[x/y.c",
            "x/b/z", "a/b/c", "a/y.c", "b/bb/f2.c"};
    private static final String[] WORDS = {"foo_a", "foo_b", "bar", "barn", "baz_x", "qux_y", "quux", "acde", "abcde",
            "x86.c", "x86_c", "zzz", "plain", "q", "-", "+"};

    @Test
    void sectionsAndKeywordsAreThoseOfThePlainScan() {
        Random random = new Random(1129);
        int sectionsFound = 0;
        int keywordsFound = 0;
        for (int n = 0; n < 300; n++) {
            MaintainerIndex index = new MaintainerIndex(Maintainers.parse(maintainers(random), "MAINTAINERS"));
            for (String path : PATHS) {
                List<MaintainerIndex.Match> plain = plainSectionsFor(index.maintainers(), path);
                assertThat(index.sectionsFor(path)).as("%s in%n%s", path, index.maintainers().sections())
                        .isEqualTo(plain);
                sectionsFound += plain.size();
            }
            for (int p = 0; p < 10; p++) {
                String patch = patch(random);
                List<Section> plain = plainKeywordSections(index.maintainers(), patch);
                assertThat(index.keywordSections(patch)).as("%s", patch).isEqualTo(plain);
                keywordsFound += plain.size();
            }
        }
        assertThat(sectionsFound).isGreaterThan(3000);
        assertThat(keywordsFound).isGreaterThan(1000);
    }

    private static String maintainers(Random random) {
        StringBuilder sb = new StringBuilder("List of maintainers\n");
        int sections = 1 + random.nextInt(8);
        for (int s = 0; s < sections; s++) {
            sb.append("\nSECTION ").append(s).append("\nM:\tM").append(s).append(" <m").append(s)
                    .append("@example.org>\nS:\tMaintained\n");
            tags(sb, random, 'F', FILES, 4);
            tags(sb, random, 'X', FILES, 1);
            tags(sb, random, 'N', REGEXES, 1);
            tags(sb, random, 'K', KEYWORDS, 2);
        }
        return sb.toString();
    }

    private static void tags(StringBuilder sb, Random random, char tag, String[] values, int most) {
        int count = random.nextInt(most + 1);
        for (int i = 0; i < count; i++) {
            sb.append(tag).append(":\t").append(values[random.nextInt(values.length)]).append('\n');
        }
    }

    private static String patch(Random random) {
        StringBuilder sb = new StringBuilder("subject ").append(WORDS[random.nextInt(WORDS.length)])
                .append("\n\nbody\n");
        if (random.nextBoolean()) {
            sb.append("diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n");
        }
        for (int i = 0; i < 4; i++) {
            sb.append(" +-".charAt(random.nextInt(3))).append(WORDS[random.nextInt(WORDS.length)]).append(' ')
                    .append(WORDS[random.nextInt(WORDS.length)]).append('\n');
        }
        return sb.toString();
    }

    /** Every section in file order: X: first, the deepest F: match, else 0 for an N: match. */
    private static List<MaintainerIndex.Match> plainSectionsFor(Maintainers maintainers, String path) {
        List<MaintainerIndex.Match> matches = new ArrayList<>();
        for (Section s : maintainers.sections()) {
            if (s.excludes().stream().anyMatch(x -> x.matches(path))) {
                continue;
            }
            int best = Integer.MIN_VALUE;
            for (PathPattern f : s.files()) {
                if (f.depth() > best && f.matches(path)) {
                    best = f.depth();
                }
            }
            if (best < 0 && s.regexes().stream().anyMatch(r -> r.matcher(path).find())) {
                best = 0;
            }
            if (best != Integer.MIN_VALUE) {
                matches.add(new MaintainerIndex.Match(s, best));
            }
        }
        matches.sort(Comparator.comparingInt(MaintainerIndex.Match::depth).reversed());
        return matches;
    }

    /** Every section with a K: regex that finds a match in one of the patch's lines. */
    private static List<Section> plainKeywordSections(Maintainers maintainers, String patch) {
        List<String> lines = MaintainerIndex.keywordLines(patch);
        List<Section> out = new ArrayList<>();
        for (Section s : maintainers.sections()) {
            for (Pattern k : s.keywords()) {
                if (lines.stream().anyMatch(line -> k.matcher(line).find())) {
                    out.add(s);
                    break;
                }
            }
        }
        return out;
    }
}
