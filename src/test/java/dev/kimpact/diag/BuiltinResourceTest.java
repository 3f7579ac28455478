package dev.kimpact.diag;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BuiltinResourceTest {

    @Test
    void readsWhatTheClassLoaderWould() throws Exception {
        for (String path : new String[]{"dev/kimpact/cpus/genoa.txt", "dev/kimpact/kernels/index.txt",
                "dev/kimpact/rules/explain/xstate-lost.txt"}) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(path)) {
                assertThat(in).as(path).isNotNull();
                assertThat(BuiltinResource.text(path)).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aMissingResourceOrOneOutsideTheRootIsNone() throws Exception {
        assertThat(BuiltinResource.text("dev/kimpact/cpus/no-such-cpu.txt")).isNull();
        assertThat(BuiltinResource.text("dev/kimpact/cpus/../../../pom.xml")).isNull();
        assertThat(BuiltinResource.text("/etc/passwd")).isNull();
        assertThat(BuiltinResource.text("file:/etc/passwd")).isNull();
    }
}
