package dev.kimpact.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextReportWriterTest {

    private final String plain = new TextReportWriter().write(ReportFixtures.mpxRemoval(), WriterOptions.plain("1"));

    @Test
    void findingLinesInTheDocumentedForm() {
        assertThat(plain).contains("error[migration-xcrs-rejected] rhel7 old->new: KVM_SET_XCRS on new rejects XCR0 "
                + "0x1f | with a pipe\n");
        assertThat(plain).contains("note[late-for-merge-window]: committed 4 days before the 4.21 merge window\n");
        assertThat(plain).contains("warning[xsave-size-changed] new: CPUID.0xD.1 EBX differs");
    }

    @Test
    void evidenceIndentedThenRemedy() {
        assertThat(plain).contains("error[migration-xcrs-rejected] rhel7 old->new: KVM_SET_XCRS on new rejects XCR0 "
                + "0x1f | with a pipe\n"
                + "    at: migrate rhel7 old->new (scenarios/mpx-removal-4.21.yaml:23)\n"
                + "    case: hosts.new.kernel=4.21, cpu=cascadelake-server\n"
                + "    source_xcr0: 0x1f\n"
                + "    destination_supported: 0x7\n"
                + "    excess: [bndregs, bndcsr]\n"
                + "    remedy: keep MPX XSAVE enabled on the host while guests may use it\n");
        assertThat(plain).contains("    layout:\n      bndregs:\n        offset: 832\n        size: 64\n"
                + "      opmask: 960\n");
        assertThat(plain).contains("    compacted:\n      [0]:\n        host: old\n");
    }

    @Test
    void groupedByScenarioMostSevereFirst() {
        int scenario = plain.indexOf("== mpx-removal-in-4.21");
        int xcrs = plain.indexOf("error[migration-xcrs-rejected]");
        int lost = plain.indexOf("error[xstate-lost]");
        int size = plain.indexOf("warning[xsave-size-changed]");
        int clean = plain.indexOf("== clean");
        int series = plain.indexOf("== tip/x86/mpx");
        int late = plain.indexOf("note[late-for-merge-window]");
        assertThat(List.of(scenario, xcrs, lost, size, clean, series, late)).doesNotContain(-1).isSorted();
        assertThat(plain.substring(clean, series)).contains("no findings");
    }

    @Test
    void expectationsAndSuppressed() {
        assertThat(plain).contains("expectations:\n"
                + "    met   migration-xcrs-rejected for guest rhel7\n"
                + "    UNMET no xstate-leak for host new\n");
        assertThat(plain).contains("suppressed:\n"
                + "    warning[user-abi-removed] new: PR_MPX_ENABLE_MANAGEMENT is gone on new\n"
                + "      reason: MPX prctls unused since GCC 9.1\n");
    }

    @Test
    void summaryLineLast() {
        assertThat(plain).endsWith("\n2 errors, 1 warning, 1 note in 3 scenarios (1 suppressed)\n");
        assertThat(new TextReportWriter().write(ReportFixtures.empty(), WriterOptions.plain("1")))
                .isEqualTo("0 errors, 0 warnings, 0 notes in 0 scenarios\n");
    }

    @Test
    void noEscapeCodesWithoutColour() {
        assertThat(plain).doesNotContain("\u001b");
    }

    @Test
    void colourOnlyWhenEnabled() {
        String colored = new TextReportWriter().write(ReportFixtures.mpxRemoval(), new WriterOptions(true, "1"));
        assertThat(colored).contains("\u001b[1;31merror\u001b[0m[").contains("\u001b[1;33mwarning\u001b[0m[")
                .contains("\u001b[1;36mnote\u001b[0m[");
        assertThat(colored.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void quietLeavesOnlyTheFindings() {
        String quiet = new TextReportWriter().write(ReportFixtures.mpxRemoval(), new WriterOptions(false, "1", true));
        assertThat(quiet).startsWith("error[").doesNotContain("== ", "expectations:", "suppressed:", " errors, ");
        // Each finding exactly as without -q.
        for (String block : quiet.split("\n\n")) {
            assertThat(plain).contains(block);
        }
        assertThat(new TextReportWriter().write(ReportFixtures.empty(), new WriterOptions(false, "1", true))).isEmpty();
    }
}
