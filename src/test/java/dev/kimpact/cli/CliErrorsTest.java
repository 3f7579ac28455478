package dev.kimpact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input: exit 2, one line {@code kimpact: error: ...} on stderr, nothing on stdout, no stack trace. */
class CliErrorsTest {

    private static String oneErrorLine(CliRun r) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        String[] lines = r.err().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("kimpact: error: ");
        assertThat(r.err()).doesNotContain("Exception", "\tat ");
        return lines[0];
    }

    @Test
    void badComponentNameSuggestsTheNearest() {
        String line = oneErrorLine(CliRun.of("layout", "--cpu", "cascadelake-server", "--xcr0", "x87,bndreg"));
        assertThat(line).isEqualTo("kimpact: error: unknown state component 'bndreg' in mask 'x87,bndreg' "
                + "(did you mean 'bndregs'?)");
        line = oneErrorLine(CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "x87,sse,avx5l2"));
        assertThat(line).contains("'avx5l2'", "(did you mean 'avx512'?)");
        line = oneErrorLine(CliRun.of("layout", "--cpu", "genoa", "--xcr0", "0xzz"));
        assertThat(line).contains("bad mask '0xzz'");
    }

    @Test
    void unknownCpuSuggestsTheNearest() {
        String line = oneErrorLine(CliRun.of("layout", "--cpu", "sapphirerapid", "--xcr0", "3"));
        assertThat(line).contains("unknown CPU model 'sapphirerapid'", "(did you mean 'sapphirerapids'?)");
        line = oneErrorLine(CliRun.of("xsetbv", "--cpu", "icelake", "--xcr0", "3"));
        assertThat(line).contains("(did you mean 'icelake-server'?)");
    }

    @Test
    void missingDumpFile(@TempDir Path dir) {
        Path missing = dir.resolve("nope.txt");
        String line = oneErrorLine(CliRun.of("layout", "--cpu-dump", missing.toString(), "--xcr0", "3"));
        assertThat(line).isEqualTo("kimpact: error: " + missing + ": no such file");
        oneErrorLine(CliRun.of("xsetbv", "--cpu-dump", missing.toString(), "--xcr0", "3"));
        oneErrorLine(CliRun.of("layout", "--cpu-dump", dir.toString(), "--xcr0", "3"));
    }

    @Test
    void malformedDumpNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "# name: bad\nCPUID 00000001: 000206A7-00100800\n");
        String line = oneErrorLine(CliRun.of("layout", "--cpu-dump", bad.toString(), "--xcr0", "3"));
        assertThat(line).startsWith("kimpact: error: " + bad + ":2:1: malformed CPUID line");
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, "hello\n");
        line = oneErrorLine(CliRun.of("layout", "--cpu-dump", empty.toString(), "--xcr0", "3"));
        assertThat(line).contains("no CPUID register lines found");
    }

    @Test
    void nehalemLayoutIsBadInput() {
        String line = oneErrorLine(CliRun.of("layout", "--cpu-dump", CliRun.dump("nehalem.txt"), "--xcr0", "1"));
        assertThat(line).contains("does not support XSAVE");
    }

    @Test
    void invalidXcr0OrXssForLayout() {
        String line = oneErrorLine(CliRun.of("layout", "--cpu", "cascadelake-server", "--xcr0", "0x9"));
        assertThat(line).contains("XCR0 0x9 cannot be set on cascadelake-server", "neither 00b nor 11b");
        line = oneErrorLine(CliRun.of("layout", "--cpu", "genoa", "--xcr0", "3", "--xss", "pt", "--compacted"));
        assertThat(line).contains("IA32_XSS 0x100 (pt) not supported by genoa");
        line = oneErrorLine(CliRun.of("layout", "--cpu-dump", CliRun.dump("sandybridge.txt"), "--xcr0", "7",
                "--compacted"));
        assertThat(line).contains("no compacted form");
        line = oneErrorLine(CliRun.of("xsetbv", "--cpu", "genoa", "--xcr0", "3", "--cpl", "7"));
        assertThat(line).contains("--cpl must be 0..3");
    }
}
