package dev.kimpact.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportWriterTest {

    @Test
    void aWriterForEveryFormat() {
        assertThat(ReportWriter.FORMATS).containsExactly("text", "json", "yaml", "sarif", "markdown", "svg");
        for (String format : ReportWriter.FORMATS) {
            assertThat(ReportWriter.forFormat(format).write(ReportFixtures.mpxRemoval(), WriterOptions.plain("1")))
                    .isNotBlank().endsWith("\n");
        }
        assertThat(ReportWriter.forFormat("SARIF")).isInstanceOf(SarifReportWriter.class);
        assertThatThrownBy(() -> ReportWriter.forFormat("html")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void summaryLine() {
        assertThat(SummaryLine.of(ReportFixtures.mpxRemoval()))
                .isEqualTo("2 errors, 1 warning, 1 note in 3 scenarios (1 suppressed)");
        assertThat(SummaryLine.plural(1, "scenario")).isEqualTo("1 scenario");
        assertThat(SummaryLine.plural(0, "note")).isEqualTo("0 notes");
    }
}
