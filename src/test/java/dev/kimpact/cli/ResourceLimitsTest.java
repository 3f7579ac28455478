package dev.kimpact.cli;

import dev.kimpact.yaml.YamlReader;
import dev.kimpact.series.Maintainers;
import dev.kimpact.series.MboxReader;
import dev.kimpact.series.TestRepo;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on what kimpact reads and writes, through the CLI: input sizes, scalar length, YAML nesting and
 * aliases, the matrix size, and {@code --output}, which never leaves a partial file or a temporary one.
 */
class ResourceLimitsTest {

    private static final String SCENARIO = "scenario: s\ncpu: genoa\nhosts: [{name: h, kernel: \"5.4\"}]\n";

    private static String oneError(CliRun r) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("kimpact: error: ").doesNotContain("Exception", "\tat ");
        return r.err().strip();
    }

    /** {@code body} padded with comment lines to exactly {@code size} bytes. */
    private static String padded(String body, int size) {
        StringBuilder sb = new StringBuilder(body);
        while (sb.length() < size) {
            int line = Math.min(100, size - sb.length());
            sb.append("#".repeat(line - 1)).append('\n');
        }
        return sb.toString();
    }

    @Test
    void aScenarioOfExactlyTheLimitIsReadOneByteMoreIsNot(@TempDir Path dir) throws IOException {
        Path ok = Files.writeString(dir.resolve("ok.yaml"), padded(SCENARIO, YamlReader.MAX_CHARS));
        assertThat(Files.size(ok)).isEqualTo(YamlReader.MAX_CHARS);
        long start = System.nanoTime();
        CliRun r = CliRun.of("check", ok.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to read a 1 MiB scenario").isLessThan(2000);

        Path big = Files.writeString(dir.resolve("big.yaml"), padded(SCENARIO, YamlReader.MAX_CHARS + 1));
        assertThat(oneError(CliRun.of("run", big.toString())))
                .isEqualTo("kimpact: error: " + big + ": file is larger than 1048576 bytes");
    }

    @Test
    void stdinIsBoundedToo() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(padded(SCENARIO, YamlReader.MAX_CHARS + 10)
                    .getBytes(StandardCharsets.UTF_8)));
            assertThat(oneError(CliRun.of("check", "-"))).contains("<stdin>: file is larger than 1048576 bytes");
            System.setIn(new ByteArrayInputStream(SCENARIO.getBytes(StandardCharsets.UTF_8)));
            assertThat(CliRun.of("check", "-").exitCode()).isZero();
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void scalarsAreBounded(@TempDir Path dir) throws IOException {
        Path ok = Files.writeString(dir.resolve("ok.yaml"), SCENARIO + "summary: " + "s".repeat(YamlReader.MAX_SCALAR) + "\n");
        assertThat(CliRun.of("check", ok.toString()).exitCode()).isZero();
        Path big = Files.writeString(dir.resolve("big.yaml"), SCENARIO + "summary: " + "s".repeat(YamlReader.MAX_SCALAR + 1) + "\n");
        assertThat(oneError(CliRun.of("check", big.toString())))
                .isEqualTo("kimpact: error: " + big + ":4:10: a value of 65537 characters: longer than the limit of 65536");
    }

    @Test
    void nestingIsBoundedAt40Levels(@TempDir Path dir) throws IOException {
        // notes: is free-form, so depth is the only thing that can be wrong; the document's mapping is level 0.
        Path ok = Files.writeString(dir.resolve("ok.yaml"), SCENARIO + "notes: " + "[".repeat(40) + "]".repeat(40) + "\n");
        assertThat(CliRun.of("check", ok.toString()).exitCode()).isZero();
        Path deep = Files.writeString(dir.resolve("deep.yaml"), SCENARIO + "notes: " + "[".repeat(41) + "]".repeat(41) + "\n");
        assertThat(oneError(CliRun.of("check", deep.toString()))).contains(deep + ":4:48: nesting deeper than 40 levels");
        Path huge = Files.writeString(dir.resolve("huge.yaml"), "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        assertThat(oneError(CliRun.of("check", huge.toString()))).contains("nesting deeper than 40 levels");
    }

    @Test
    void aliasesAreRefusedBeforeTheyExpand(@TempDir Path dir) throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(8))
                    .append('*').append((char) (c - 1)).append("]\n");
        }
        Path f = Files.writeString(dir.resolve("bomb.yaml"), bomb.toString());
        long start = System.nanoTime();
        assertThat(oneError(CliRun.of("run", f.toString()))).contains(f + ":2:8: YAML aliases (*a) are not supported");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
    }

    @Test
    void cpuidDumpsAreBounded(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((4L << 20) + 1);       // sparse: nothing is written
        }
        assertThat(oneError(CliRun.of("layout", "--cpu-dump", big.toString(), "--xcr0", "3")))
                .isEqualTo("kimpact: error: " + big + ": CPUID dump larger than 4194304 bytes");
    }

    @Test
    void mboxAndMaintainersAreBounded(@TempDir Path dir) throws IOException {
        Path mbox = dir.resolve("big.mbox");
        try (RandomAccessFile f = new RandomAccessFile(mbox.toFile(), "rw")) {
            f.setLength(MboxReader.MAX_BYTES + 1);
        }
        assertThat(oneError(CliRun.of("series", "--mbox", mbox.toString()))).contains(mbox + ": mbox larger than 64 MiB");
        Path maintainers = dir.resolve("MAINTAINERS");
        try (RandomAccessFile f = new RandomAccessFile(maintainers.toFile(), "rw")) {
            f.setLength(Maintainers.MAX_BYTES + 1L);
        }
        assertThat(oneError(CliRun.of("series", "--mbox", "src/test/resources/series/series.mbox", "--maintainers",
                maintainers.toString()))).contains(maintainers + ": MAINTAINERS file larger than 16 MiB");
    }

    /** A device or pipe has no size to check first: it is read up to the limit and refused, not read forever. */
    @Test
    void anEndlessDeviceIsReadOnlyUpToTheLimit() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertThat(oneError(CliRun.of("series", "--mbox", zero.toString())))
                .isEqualTo("kimpact: error: /dev/zero: mbox larger than 64 MiB: split the series, or give it with --range");
        assertThat(oneError(CliRun.of("series", "--mbox", "src/test/resources/series/series.mbox", "--maintainers",
                zero.toString()))).isEqualTo("kimpact: error: /dev/zero: MAINTAINERS file larger than 16 MiB");
        assertThat(oneError(CliRun.of("merge-reports", zero.toString())))
                .isEqualTo("kimpact: error: /dev/zero: report larger than 128 MiB");
        assertThat(oneError(CliRun.of("check", zero.toString())))
                .isEqualTo("kimpact: error: /dev/zero: file is larger than 1048576 bytes");
    }

    /** {@code kimpact check <(generate)}: a pipe is read as stdin is, its dumps found from the current directory. */
    @Test
    void aScenarioFromAPipeIsReadLikeStdin(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("scenarios");
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo failed");
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no mkfifo here");
        }
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, SCENARIO);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.setDaemon(true);
        writer.start();
        CliRun r = CliRun.of("check", fifo.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains(fifo + ": s (1 host");
        writer.join(10_000);
    }

    @Test
    void hugeBlobsInARepositoryAreNotReadWhole(@TempDir Path dir) throws Exception {
        String huge = "x".repeat((50 << 20) + 1);             // above the 50 MiB K: threshold, compresses to ~50 KiB
        ObjectId base;
        try (TestRepo r = TestRepo.init(dir.resolve("repo"))) {
            base = r.commit("master", "base\n", f -> f.put("MAINTAINERS",
                    "KVM\nM:\tP B <pb@example.org>\nF:\tarch/x86/kvm/\nK:\tkvm_vcpu\n"));
            r.commit("master", "big\n", f -> f.put("arch/x86/kvm/blob.bin", huge));
            r.commit("master", "big MAINTAINERS\n", f -> f.put("MAINTAINERS", "T\nM:\tA <a@x.org>\n" + huge.substring(0, 17 << 20)));
        }
        Path repo = dir.resolve("repo");
        // The 50 MiB file is skipped for K: matching (it used to throw LargeObjectException: exit 3).
        CliRun r = CliRun.of("series", "--repo", repo.toString(), "--range", base.name() + "..master~1", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isIn(0, 1);
        // A 17 MiB MAINTAINERS at the tip is refused.
        assertThat(oneError(CliRun.of("series", "--repo", repo.toString(), "--range", base.name() + "..master")))
                .contains(repo + ": MAINTAINERS at ").contains("is larger than 16 MiB");
    }

    @Test
    void theMatrixIsBounded() {
        String s = "scenarios/mpx-removal-4.21.yaml";
        // 5 CPUs x 21 kernels x 6 x 6 x 6 guest models = 22,680 cases.
        List<String> args = List.of("run", s, "--matrix", "cpu=all", "--matrix", "hosts.new.kernel=all",
                "--matrix", "guests.rhel7.kernel=all", "--matrix", "guests.rhel7-idle.kernel=all",
                "--matrix", "guests.linux-5.6.kernel=all");
        assertThat(oneError(CliRun.of(args.toArray(String[]::new))))
                .isEqualTo("kimpact: error: --matrix: the matrix has 22,680 cases, more than the limit of 10,000 per run: "
                        + "drop values, or spread the cases over machines with --shard I/N");
        // Beyond 2^31 cases: counted without overflow (multiplyExact), refused the same way.
        List<String> more = new java.util.ArrayList<>(args);
        more.addAll(List.of("--matrix", "hosts.old.kernel=all"));
        for (String g : List.of("rhel7", "rhel7-idle", "linux-5.6", "fixed-mask", "skylake-enforce")) {
            more.addAll(List.of("--matrix", "guests." + g + ".vmm.cpu-model=all"));
        }
        assertThat(oneError(CliRun.of(more.toArray(String[]::new))))
                .startsWith("kimpact: error: --matrix: the matrix has too many cases, more than the limit of 10,000");
    }

    // ------------------------------------------------------------------ --output

    private static List<Path> tempFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @Test
    void anErrorBeforeWritingLeavesTheTargetUntouched(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("report.json"), "the previous report\n");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "scenario: s\ncpu: genoa\nhosts: nope\n");
        CliRun r = CliRun.of("run", "scenarios/mpx-removal-4.21.yaml", bad.toString(), "--format", "json", "--output",
                out.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(out).hasContent("the previous report");
        assertThat(tempFiles(dir)).isEmpty();
    }

    @Test
    void aFailedRenameRemovesTheTemporaryFile(@TempDir Path dir) throws IOException {
        // The target is a non-empty directory: the temporary file is written, then cannot replace it.
        Path out = Files.createDirectory(dir.resolve("report.json"));
        Files.writeString(out.resolve("keep"), "x");
        CliRun r = CliRun.of("run", "scenarios/mpx-removal-4.21.yaml", "--format", "json", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("kimpact: error: cannot write " + out);
        assertThat(out.resolve("keep")).hasContent("x");
        assertThat(tempFiles(dir)).isEmpty();
    }

    @Test
    void aWriteReplacesTheWholeFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path out = Files.writeString(dir.resolve("report.json"), "x".repeat(100_000));
        CliRun r = CliRun.of("run", "scenarios/mpx-removal-4.21.yaml", "--format", "json", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(out)).startsWith("{").endsWith("}\n").doesNotContain("xxxx");
        assertThat(tempFiles(dir)).isEmpty();
    }

    @Test
    void halfASurrogatePairIsBadInputNotAWriteError(@TempDir Path dir) throws IOException {
        // Once: the scenario name "a\uD800b" made --output fail with exit 3 (UTF-8 cannot encode it).
        Path s = Files.writeString(dir.resolve("s.yaml"), "scenario: \"a\\uD800b\"\ncpu: genoa\nhosts: [{name: h, kernel: \"5.4\"}]\n");
        Path out = dir.resolve("out.json");
        assertThat(oneError(CliRun.of("run", s.toString(), "--output", out.toString())))
                .isEqualTo("kimpact: error: " + s + ":1:11: invalid YAML: \\uD800 is half of a UTF-16 surrogate pair, "
                        + "not a character");
        assertThat(out).doesNotExist();
        assertThat(tempFiles(dir)).isEmpty();
    }
}
