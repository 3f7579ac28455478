package dev.kimpact.series;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralPrefilterTest {

    private static LiteralPrefilter of(String perlRegex) {
        return LiteralPrefilter.of(Maintainers.perlRegex(perlRegex));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "\\bkvm_vcpu_(load|put)\\b; kvm_vcpu_",
            "[^a-z]tegra; tegra",
            "\\b(ABS|SYN)_MT_; _MT_",
            "(devm_)?gpio_request(_one)?; gpio_request",
            "\\bof_get_property\\b; of_get_property",
            "fsl-mc; fsl-mc",
            "ab?cde; cde",
            "fo{2}bar; bar",
            "x86\\.c; x86.c",
            "kvm _ vcpu; kvm_vcpu",
            "abcd # a comment: xyzzy; abcd",
            "^arch/x86/kvm/; arch/x86/kvm/",
            "a\\ b\\#c; a b#c",
    })
    void findsTheLongestRequiredRun(String regex, String literal) {
        assertThat(of(regex).literals()).containsExactly(literal);
    }

    @Test
    void eachTopLevelAlternativeHasItsOwn() {
        assertThat(of("riscv|\\bsbi_").literals()).containsExactly("riscv", "sbi_");
        assertThat(of("riscv|sbi_|riscv").literals()).containsExactly("riscv", "sbi_");
        assertThat(of("foo|barbaz").mayFind("a barbaz b")).isTrue();
        assertThat(of("foo|barbaz").mayFind("a bar baz")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "(?i)clang",                // inline flags change how the rest reads
            "\\x41bcdef",               // escapes with arguments
            "\\p{L}abcdef",
            "(a)\\1bcdef",
            "\\Qabcdef\\E",
            "a|bcdef",                  // an alternative without a literal
            "\\b(acpi|ACPI)_",          // the only literal is too short
            "(.*\\w){25}!",
    })
    void refusesWhatItCannotProve(String regex) {
        LiteralPrefilter p = of(regex);
        assertThat(p).isSameAs(LiteralPrefilter.NONE);
        assertThat(p.mayFind("")).isTrue();
    }

    @Test
    void classesAreSkippedWholeAndWhiteSpaceInThemRefusedInCommentsMode() {
        assertThat(of("a[b c]def").literals()).containsExactly("def");    // perlRegex writes the space \x20
        assertThat(of("[]x]yzw").literals()).containsExactly("yzw");       // a leading ']' is literal in Perl
        assertThat(LiteralPrefilter.of(Pattern.compile("a[b c]def", Pattern.COMMENTS)))
                .isSameAs(LiteralPrefilter.NONE);
    }

    @Test
    void flagsOtherThanCommentsAreRefused() {
        assertThat(LiteralPrefilter.of(Pattern.compile("kvm_", Pattern.CASE_INSENSITIVE)))
                .isSameAs(LiteralPrefilter.NONE);
        assertThat(LiteralPrefilter.of(Pattern.compile("kvm _")).literals()).containsExactly("kvm _");
    }

    /**
     * The prefilter is sound: whenever a regex finds a match in a text, the text contains one of its literals.
     * Regexes from a small grammar over a small alphabet (so that matches are frequent), in COMMENTS mode and not.
     */
    @Test
    void neverRulesOutATextTheRegexMatches() {
        Random random = new Random(20261129);
        int matched = 0;
        int ruledOut = 0;
        int filtered = 0;
        for (int n = 0; n < 4000; n++) {
            String source = regex(random, 0);
            int flags = random.nextBoolean() ? Pattern.COMMENTS : 0;
            Pattern p;
            try {
                p = Pattern.compile(source, flags);
            } catch (PatternSyntaxException e) {
                continue;
            }
            LiteralPrefilter prefilter = LiteralPrefilter.of(p);
            if (prefilter != LiteralPrefilter.NONE) {
                filtered++;
            }
            for (String text : texts(random)) {
                boolean finds = p.matcher(text).find();
                boolean may = prefilter.mayFind(text);
                if (finds) {
                    matched++;
                    assertThat(may).as("/%s/ (flags %d) finds a match in '%s' but %s rules it out", source, flags,
                            text, prefilter.literals()).isTrue();
                } else if (!may) {
                    ruledOut++;
                }
            }
        }
        assertThat(filtered).as("regexes with literals").isGreaterThan(500);
        assertThat(matched).as("matching texts checked").isGreaterThan(5000);
        assertThat(ruledOut).as("texts ruled out").isGreaterThan(1500);
    }

    /** {@link LiteralIndex} answers, in one pass, what each of its prefilters answers on its own. */
    @Test
    void anIndexOfPrefiltersAgreesWithEachOfThem() {
        Random random = new Random(1129);
        List<LiteralPrefilter> prefilters = new ArrayList<>();
        while (prefilters.size() < 300) {
            try {
                prefilters.add(LiteralPrefilter.of(Pattern.compile(regex(random, 0), Pattern.COMMENTS)));
            } catch (PatternSyntaxException e) {
                // another one
            }
        }
        LiteralIndex index = new LiteralIndex(prefilters);
        int ruledOut = 0;
        for (int n = 0; n < 2000; n++) {
            String text = texts(random).get(0);
            java.util.BitSet expected = new java.util.BitSet();
            for (int i = 0; i < prefilters.size(); i++) {
                expected.set(i, prefilters.get(i).mayFind(text));
            }
            assertThat(index.mayFind(text)).as("'%s'", text).isEqualTo(expected);
            ruledOut += prefilters.size() - expected.cardinality();
        }
        assertThat(ruledOut).isGreaterThan(10_000);
    }

    private static final String[] ATOMS = {"a", "b", "c", "_", "ab", "abc", "\\.", ".", "\\b", "\\w", "[a-c]", "[^b]",
            " ", "#x\n", "\\ ", "^", "$", "\\#"};

    private static String regex(Random random, int depth) {
        StringBuilder sb = new StringBuilder();
        int parts = 1 + random.nextInt(5);
        for (int i = 0; i < parts; i++) {
            int kind = random.nextInt(10);
            if (kind == 0 && depth < 2) {
                sb.append(random.nextBoolean() ? "(" : "(?:").append(regex(random, depth + 1)).append(')');
            } else if (kind == 1 && depth < 2) {
                sb.append('(').append(regex(random, depth + 1)).append('|').append(regex(random, depth + 1)).append(')');
            } else if (kind == 2 && i > 0) {
                sb.append('|');
            } else {
                sb.append(ATOMS[random.nextInt(ATOMS.length)]);
            }
            if (random.nextInt(4) == 0) {
                sb.append(new String[] {"?", "*", "+", "{2}", "{0,1}", "*?", "++", " ?"}[random.nextInt(8)]);
            }
        }
        return sb.toString();
    }

    /** Short random texts over the regexes' alphabet. */
    private static List<String> texts(Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(14);
            for (int j = 0; j < length; j++) {
                sb.append("abc_. #".charAt(random.nextInt(7)));
            }
            out.add(sb.toString());
        }
        return out;
    }
}
