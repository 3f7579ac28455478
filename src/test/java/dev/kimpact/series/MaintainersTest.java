package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MaintainersTest {

    static MaintainerIndex index;

    @BeforeAll
    static void load() throws Exception {
        index = new MaintainerIndex(Maintainers.parse(fixture(), "MAINTAINERS"));
    }

    static String fixture() throws Exception {
        try (InputStream in = MaintainersTest.class.getResourceAsStream("/series/MAINTAINERS")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> names(String path) {
        return index.sectionsFor(path).stream().map(m -> m.section().name()).toList();
    }

    @Test
    void preambleIsSkippedAndSectionsKeepTheirTitleLine() {
        List<Section> sections = index.maintainers().sections();
        assertThat(sections).extracting(Section::name).first().isEqualTo("KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)");
        assertThat(sections).hasSize(11);
        Section kvm = sections.get(0);
        assertThat(kvm.line()).isEqualTo(20);
        assertThat(kvm.maintainers()).extracting(Person::email).containsExactly("seanjc@google.com", "pbonzini@redhat.com");
        assertThat(kvm.lists()).containsExactly("kvm@vger.kernel.org");
        assertThat(kvm.status()).isEqualTo("Supported");
        Section x86 = sections.get(9);
        assertThat(x86.maintainers()).extracting(Person::email).contains("x86@kernel.org");
        assertThat(x86.reviewers()).extracting(Person::name).containsExactly("H. Peter Anvin");
    }

    @Test
    void mostSpecificSectionFirst() {
        assertThat(names("arch/x86/kvm/x86.c"))
                .containsExactly("KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)", "X86 ARCHITECTURE (32-BIT AND 64-BIT)", "THE REST");
        assertThat(names("arch/x86/kvm/vmx/vmx.c"))
                .containsExactly("KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)", "X86 ARCHITECTURE (32-BIT AND 64-BIT)", "THE REST");
        assertThat(names("arch/x86/include/asm/kvm_host.h")).containsExactly(
                "KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)", "ARCH INCLUDES", "X86 ARCHITECTURE (32-BIT AND 64-BIT)", "THE REST");
        assertThat(names("arch/x86/kernel/fpu/core.c")).containsExactly("X86 ARCHITECTURE (32-BIT AND 64-BIT)", "THE REST");
    }

    @Test
    void trailingSlashIsEverythingBelowAndStarIsOneLevel() {
        assertThat(names("drivers/deep/a.c")).containsExactly("NET DRIVERS DEEP", "THE REST");
        assertThat(names("drivers/deep/sub/dir/a.c")).containsExactly("NET DRIVERS DEEP", "THE REST");
        assertThat(names("drivers/flat/a.c")).containsExactly("NET DRIVERS FLAT", "THE REST");
        assertThat(names("drivers/flat/sub/a.c")).containsExactly("THE REST");
    }

    @Test
    void globsDoNotCrossSlashes() {
        assertThat(names("arch/arm/include/asm/x.h")).containsExactly("ARCH INCLUDES", "THE REST");
        assertThat(names("arch/arm/mach/include/x.h")).containsExactly("THE REST");
        assertThat(names("include/linux/abc.h")).containsExactly("ARCH INCLUDES", "THE REST");
        assertThat(names("include/linux/abcd.h")).containsExactly("THE REST");
        assertThat(names("arch/x86/include/asm/kvm/x.h")).doesNotContain("KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)");
    }

    @Test
    void exclusionsComeFirst() {
        assertThat(names("net/core/dev.c")).containsExactly("NETWORKING [GENERAL]", "THE REST");
        assertThat(names("net/ipv6/route.c")).containsExactly("NETWORKING [IPv6]", "THE REST");
    }

    @Test
    void regexPatternsOnPaths() {
        assertThat(names("drivers/gpu/drm/tegra/dc.c")).containsExactly("TEGRA ARCHITECTURE SUPPORT", "THE REST");
        assertThat(names("drivers/integra/x.c")).containsExactly("THE REST");
    }

    @Test
    void aDirectoryNamedWithoutItsSlash() {
        assertThat(names("tools/testing/selftests/x86/amx.c")).containsExactly("SELFTESTS X86", "THE REST");
        assertThat(names("tools/testing/selftests/x86")).containsExactly("SELFTESTS X86", "THE REST");
        assertThat(names("tools/testing/selftests/x86_64/a.c")).containsExactly("THE REST");
    }

    @Test
    void theRestCatchAllMatchesEveryPathLastAsGetMaintainerListsIt() {
        assertThat(index.sectionsFor("README")).extracting(m -> m.section().name(), MaintainerIndex.Match::depth)
                .containsExactly(org.assertj.core.api.Assertions.tuple("THE REST", -1));
        assertThat(names("Makefile")).containsExactly("THE REST");
        // get_maintainer.pl --no-git --no-rolestats lists THE REST (its list) for every file, after the others.
        assertThat(index.sectionsFor("arch/x86/kernel/fpu/core.c")).extracting(m -> m.section().name(),
                MaintainerIndex.Match::depth).containsExactly(org.assertj.core.api.Assertions.tuple(
                "X86 ARCHITECTURE (32-BIT AND 64-BIT)", 2), org.assertj.core.api.Assertions.tuple("THE REST", -1));
    }

    @Test
    void keywordsMatchMessageAndChangedLinesOnly() {
        String touching = "KVM: x86: load\n\nbody\n---\ndiff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n"
                + "@@ -1 +1 @@\n-old\n+\tkvm_vcpu_load(vcpu);\n";
        assertThat(index.keywordSections(touching)).extracting(Section::name)
                .containsExactly("KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)");
        String context = "subject\n\nbody\ndiff --git a/x.c b/x.c\n--- a/x.c\n+++ b/x.c\n@@ -1 +1 @@\n"
                + " kvm_vcpu_put(v);\n-a\n+b\n";
        assertThat(index.keywordSections(context)).isEmpty();
        assertThat(index.keywordSections("mentions kvm_vcpu_put in the message\n")).hasSize(1);
        assertThat(index.keywordSections("kvm_vcpu_loader\n")).isEmpty();
        assertThat(index.hasKeywords()).isTrue();
    }

    @Test
    void badLinesAreInputErrorsAtFileLine() {
        assertThatThrownBy(() -> Maintainers.parse("TITLE\nM:\tA <a@b.c>\nZ:\tzap\n", "MAINTAINERS"))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).render())
                        .startsWith("MAINTAINERS:3:1: unknown MAINTAINERS tag 'Z:'"));
        assertThatThrownBy(() -> Maintainers.parse("TITLE\nM:\tJust A Name\n", "M"))
                .satisfies(e -> assertThat(((InputException) e).render()).startsWith("M:2:1: M: entry 'Just A Name' has no e-mail"));
        assertThatThrownBy(() -> Maintainers.parse("A\nM:\ta@b.c\n\nB\nS:\tMaintained\nN:\tfoo(bar\n", "M"))
                .satisfies(e -> assertThat(((InputException) e).render()).startsWith("M:6:4: bad N: regex 'foo(bar'"));
        assertThatThrownBy(() -> Maintainers.parse("F:\tdrivers/\n", "M"))
                .satisfies(e -> assertThat(((InputException) e).render()).startsWith("M:1:1: tag line"));
        assertThatThrownBy(() -> Maintainers.parse("T\nF:\n", "M"))
                .satisfies(e -> assertThat(((InputException) e).render()).startsWith("M:2:1: empty F: entry"));
        assertThatThrownBy(() -> Maintainers.parse("T\nS:\tSupported\nK:\t[unclosed\n", "M"))
                .satisfies(e -> assertThat(((InputException) e).render()).startsWith("M:3:4: bad K: regex"));
    }

    @Test
    void perlExtendedRegexKeepsSpacesInClasses() {
        assertThat(Maintainers.perlRegex("a[ ]b").matcher("a b").find()).isTrue();
        assertThat(Maintainers.perlRegex("a b").matcher("ab").find()).isTrue();
        assertThat(Maintainers.perlRegex("\\bfoo\\b # comment").matcher("a foo b").find()).isTrue();
    }

    @Test
    void patternDepthFollowsGetMaintainer() {
        assertThat(new PathPattern("arch/x86/").depth()).isEqualTo(2);
        assertThat(new PathPattern("arch/x86/kvm/*").depth()).isEqualTo(4);
        assertThat(new PathPattern("*").depth()).isEqualTo(-1);
        assertThat(new PathPattern("*/").depth()).isEqualTo(-1);
        assertThat(new PathPattern("*/net/*").matches("drivers/net/a.c")).isTrue();
        assertThat(new PathPattern("*/net/*").matches("drivers/net/x/a.c")).isFalse();
        assertThat(new PathPattern("drivers/[ab]x.c").matches("drivers/ax.c")).isTrue();
        assertThat(new PathPattern("drivers/a+b.c").matches("drivers/a+b.c")).isTrue();
        assertThat(new PathPattern("drivers/a+b.c").matches("drivers/aab.c")).isFalse();
    }

    /** The written-out tag test answers as the regex it replaces, and gives the same value. */
    @Test
    void aTagLineIsWhatTheRegexCalledOne() {
        java.util.regex.Pattern tag = java.util.regex.Pattern.compile("^([A-Z]):\\s*(.*)$");
        for (String line : List.of("F:\tarch/x86/", "F:", "F: ", "M:Name <a@b>", "f:\tx", "FF: x", ":x", "F", "",
                "F:\u2028x", "F:x\u0085", "F:x\ry", "F:\u00a0x\u3000", "Z:\t\tz", "K:\t\\bkvm_\\b ",
                "X86 ARCHITECTURE", "S:\tBuried alive in reporters", "1: x", "\u00c4: x")) {
            java.util.regex.Matcher m = tag.matcher(line);
            boolean isTag = m.matches();
            assertThat(Maintainers.isTag(line)).as("'%s'", line).isEqualTo(isTag);
            if (isTag) {
                assertThat(line.substring(2).strip()).as("'%s'", line).isEqualTo(m.group(2).strip());
            }
        }
    }

    /** java.util.regex recurses once per repetition of a group: on a long line the stack, not the budget, runs out. */
    @Test
    void aRegexThatOverflowsTheStackIsRefusedAtItsLine() {
        MaintainerIndex deep = new MaintainerIndex(Maintainers.parse(
                "X86\nM:\tA B <a@b.org>\nS:\tMaintained\nF:\tarch/x86/\nK:\t(a|aa)*b\n", "MAINTAINERS"));
        String patch = "x\n\n" + "a".repeat(200_000) + "\n";     // no b: the regex finds nothing to stop at
        assertThatThrownBy(() -> deep.keywordSections(patch)).isInstanceOfSatisfying(InputException.class, e -> {
            assertThat(e.location().line()).isEqualTo(5);
            assertThat(e.getMessage()).contains("K: regex '(a|aa)*b' recurses too deeply on 'aaa")
                    .contains("(200000 characters");
        });
        assertThat(deep.keywordSections("x\n\naab\n")).hasSize(1);
    }
}
