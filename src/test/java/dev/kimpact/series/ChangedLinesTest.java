package dev.kimpact.series;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChangedLinesTest {

    static String changed(String a, String b) {
        StringBuilder sb = new StringBuilder();
        ChangedLines.append(sb, a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        return sb.toString();
    }

    @Test
    void oneLineChanged() {
        assertThat(changed("a\nb\nc\n", "a\nB\nc\n")).isEqualTo("-b\n+B\n");
        assertThat(changed("a\nb\nc\n", "a\nb\nc\n")).isEmpty();
    }

    @Test
    void addedAndDeletedFiles() {
        assertThat(changed("", "x\ny\n")).isEqualTo("+x\n+y\n");
        assertThat(changed("x\ny", "")).isEqualTo("-x\n-y\n");
    }

    @Test
    void unchangedLinesBetweenTwoEditsAreNotChanged() {
        assertThat(changed("1\n2\n3\n4\n5\n", "one\n2\n3\n4\nfive\n")).isEqualTo("-1\n-5\n+one\n+five\n");
    }

    @Test
    void sharedPrefixWithinALine() {
        assertThat(changed("kvm_vcpu_load(v);\n", "kvm_vcpu_put(v);\n"))
                .isEqualTo("-kvm_vcpu_load(v);\n+kvm_vcpu_put(v);\n");
        assertThat(changed("a\nb", "a\nbc")).isEqualTo("-b\n+bc\n");
        assertThat(changed("a\n", "a\nb\n")).isEqualTo("+b\n");
    }
}
