package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportWriterTest {

    private final String md = new MarkdownReportWriter().write(ReportFixtures.mpxRemoval(), WriterOptions.plain("1"));

    @Test
    void headingPerScenario() {
        assertThat(md).startsWith("# kimpact report\n");
        assertThat(md).contains("\n## mpx-removal-in-4.21\n", "\n## clean\n", "\n## tip/x86/mpx\n");
    }

    @Test
    void tableOfFindings() {
        assertThat(md).contains("| severity | rule | guest | host | step | case | message |\n"
                + "|---|---|---|---|---|---|---|\n"
                + "| error | `migration-xcrs-rejected` | rhel7 | old->new | migrate rhel7 old->new | "
                + "hosts.new.kernel=4.21, cpu=cascadelake-server | KVM_SET_XCRS on new rejects XCR0 0x1f \\| with a pipe |\n");
        // without bindings the case column is left out
        assertThat(md).contains("| severity | rule | guest | host | step | message |\n|---|---|---|---|---|---|\n"
                + "| note | `late-for-merge-window` | - | - | eb012ef3b4e3 | committed 4 days before the 4.21 merge window |\n");
    }

    @Test
    void evidenceAsBulletLists() {
        assertThat(md).contains("1. error `migration-xcrs-rejected` rhel7 old->new, at migrate rhel7 old->new "
                + "(scenarios/mpx-removal-4.21.yaml:23)\n"
                + "   - case: hosts.new.kernel=4.21, cpu=cascadelake-server\n"
                + "   - source_xcr0: 0x1f\n");
        assertThat(md).contains("   - layout:\n     - bndregs:\n       - offset: 832\n");
        assertThat(md).contains("   - remedy: size buffers from CPUID\n");
    }

    @Test
    void expectationsSuppressedAndSummary() {
        assertThat(md).contains("- met: migration-xcrs-rejected for guest rhel7\n- UNMET: no xstate-leak for host new\n");
        assertThat(md).contains("- warning `user-abi-removed` new: PR_MPX_ENABLE_MANAGEMENT is gone on new "
                + "(reason: MPX prctls unused since GCC 9.1)\n");
        assertThat(md).endsWith("\n2 errors, 1 warning, 1 note in 3 scenarios (1 suppressed)\n");
        assertThat(md).contains("No findings.");
    }

    @Test
    void plainText() {
        assertThat(md).doesNotContain("\u001b", "<br", "<table", "**");
    }

    /** Hostile strings: pipes, backslashes, newlines, markup, control and non-BMP characters. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> hostileStrings() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(20181219);
        String alphabet = "|\\\n\r\t`*_<>[]()#!-: aZ0\u00e9\u2028\u0000\ud83d\ude00";
        return java.util.stream.IntStream.range(0, 200).mapToObj(i -> {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(0, 40); k > 0; k--) {
                a.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            for (int k = r.nextInt(0, 10); k > 0; k--) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            return org.junit.jupiter.params.provider.Arguments.of(a.toString(), b.toString());
        });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("hostileStrings")
    void anyMessageStaysInsideItsTableRow(String message, String guest) {
        Finding f = new Finding("xstate-lost", Severity.ERROR, "s", Map.of(), guest, null, null, null, message,
                Map.of(), null);
        String out = new MarkdownReportWriter().write(new Report(List.of(f), List.of(), List.of()),
                WriterOptions.plain("1"));
        String row = out.lines().filter(l -> l.startsWith("| error |")).findFirst().orElseThrow();
        // six cells: seven unescaped pipes
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(7);
    }
}
