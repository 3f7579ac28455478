package dev.kimpact.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code -} reads stdin wherever a command takes one input file: --cpu-dump, --mbox, merge-reports. */
class StdinInputsTest {

    private static CliRun withStdin(byte[] input, Supplier<CliRun> run) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input));
            return run.get();
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void aCpuDumpFromStdinIsTheDumpFromItsFile() throws Exception {
        String dump = CliRun.dump("skylake-x.txt");
        CliRun fromFile = CliRun.of("layout", "--cpu-dump", dump, "--xcr0", "0x7", "--format", "json");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        CliRun fromStdin = withStdin(Files.readAllBytes(Path.of(dump)),
                () -> CliRun.of("layout", "--cpu-dump", "-", "--xcr0", "0x7", "--format", "json"));
        assertThat(fromStdin).isEqualTo(fromFile);
        CliRun bad = withStdin("hello\n".getBytes(), () -> CliRun.of("xsetbv", "--cpu-dump", "-", "--xcr0", "3"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("kimpact: error: <stdin>");
    }

    @Test
    void anMboxFromStdin(@TempDir Path dir) throws Exception {
        Path mbox = Files.writeString(dir.resolve("series.mbox"),
                new String(StdinInputsTest.class.getResourceAsStream("/series/series.mbox").readAllBytes()));
        CliRun fromFile = CliRun.of("series", "--mbox", mbox.toString(), "--format", "json");
        assertThat(fromFile.exitCode()).as(fromFile.err()).isIn(0, 1);
        CliRun fromStdin = withStdin(Files.readAllBytes(mbox), () -> CliRun.of("series", "--mbox", "-", "--format", "json"));
        assertThat(fromStdin.err()).isEqualTo(fromFile.err());
        assertThat(fromStdin.out()).isEqualTo(fromFile.out().replace(mbox.toString(), "<stdin>"));

        // applied onto a base it does not fit: the error names stdin and the line of the hunk that failed
        Path repo = dir.resolve("linux");
        try (dev.kimpact.series.TestRepo r = dev.kimpact.series.TestRepo.init(repo)) {
            r.commit("master", "base\n", f -> f.put("arch/x86/kernel/fpu/core.c", "other\n"));
        }
        CliRun applied = withStdin(Files.readAllBytes(mbox),
                () -> CliRun.of("series", "--mbox", "-", "--repo", repo.toString(), "--base", "master"));
        assertThat(applied.exitCode()).isEqualTo(2);
        assertThat(applied.err()).startsWith("kimpact: error: <stdin>:49:1: patch 1/3 ")
                .contains("arch/x86/kernel/fpu/core.c: hunk @@ -1,3 +1,3 @@: its context does not match the file");
    }

    @Test
    void aReportToMergeFromStdin(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("r.json");
        CliRun run = CliRun.of("run", "scenarios/mpx-phased-4.22.yaml", "--format", "json", "--output", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun fromFile = CliRun.of("merge-reports", report.toString());
        CliRun fromStdin = withStdin(Files.readAllBytes(report), () -> CliRun.of("merge-reports", "-"));
        assertThat(fromStdin).isEqualTo(fromFile);
    }

    @Test
    void outputIntoAMissingDirectorySaysSo(@TempDir Path dir) {
        CliRun r = CliRun.of("cpus", "--output", dir.resolve("nope/cpus.txt").toString());
        assertThat(r).isEqualTo(new CliRun(3, "", "kimpact: error: cannot write " + dir.resolve("nope/cpus.txt")
                + ": directory " + dir.resolve("nope") + " does not exist\n"));
    }
}
