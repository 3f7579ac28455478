package dev.kimpact.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QemuVersionTest {

    @Test
    void releasesFromEightTwoAbortOnAFailedPut() {
        assertThat(QemuVersion.parse("7.2").abortsOnPutError()).isFalse();
        assertThat(QemuVersion.parse("8.1.5").abortsOnPutError()).isFalse();
        assertThat(QemuVersion.parse("8.2").abortsOnPutError()).isTrue();
        assertThat(QemuVersion.parse("10.0").abortsOnPutError()).isTrue();
        assertThat(QemuVersion.parse("v3.1")).isEqualTo(new QemuVersion(3, 1));
    }

    @Test
    void notAVersion() {
        assertThat(QemuVersion.parse("latest")).isNull();
        assertThat(QemuVersion.parse("8")).isNull();
    }
}
