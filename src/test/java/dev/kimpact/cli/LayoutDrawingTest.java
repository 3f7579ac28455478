package dev.kimpact.cli;

import dev.kimpact.diagram.SvgCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kimpact layout --diagram / --against / --against-cpu / --format svg}, and {@code run --format svg}. */
class LayoutDrawingTest {

    private static String ok(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        return r.out();
    }

    private static String oneErrorLine(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().split("\n")).hasSize(1);
        assertThat(r.err()).startsWith("kimpact: error: ").doesNotContain("Exception");
        return r.err();
    }

    @Test
    void diagramInsteadOfTheTable() {
        String out = ok("layout", "--cpu", "cascadelake-server", "--xcr0", "0x2ff", "--compacted", "--diagram");
        assertThat(out).startsWith("cascadelake-server\nXCOMP_BV 0x2ff\n 0x000 +---");
        assertThat(out).contains("       | bndregs                              64 bytes |\n")
                .doesNotContain("IDX").doesNotContain("CPUID.(EAX=0DH");
        assertThat(out.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(72));
    }

    @Test
    void againstAMaskDrawsTheSeedsCase() {
        String out = ok("layout", "--cpu", "cascadelake-server", "--xcr0", "x87,sse,avx,mpx,avx512,pkru",
                "--compacted", "--against", "x87,sse,avx,avx512,pkru");
        assertThat(out).startsWith("cascadelake-server          cascadelake-server\n"
                + "XCOMP_BV 0x2ff              XCOMP_BV 0x2e7\n");
        assertThat(out).contains("       | opmask       64 |         | opmask       64 | moved -0x80\n");
        assertThat(out.lines().filter(l -> l.contains("moved"))).hasSize(4);
    }

    @Test
    void againstAMaskWithoutCompactedIsStandardAgainstCompacted() {
        String out = ok("layout", "--cpu", "cascadelake-server", "--xcr0", "0x2e7", "--against", "0x2e7");
        assertThat(out).startsWith("cascadelake-server          cascadelake-server\n"
                + "XCR0 0x2e7, standard        XCOMP_BV 0x2e7\n");
        assertThat(out).contains(" 0x340 +-----------------+\n       | unused      256 |\n");
        assertThat(out).contains("| opmask       64 | moved -0x100\n");
    }

    @Test
    void againstAnotherCpuKeepsFormAndMasks() {
        String out = ok("layout", "--cpu", "cascadelake-server", "--xcr0", "0x2e7", "--against-cpu", "genoa");
        assertThat(out).startsWith("cascadelake-server          genoa\n");
        assertThat(out).contains("| pkru          8 | moved -0x100\n").endsWith("size 2440 (0x988) -0x100\n");
    }

    @Test
    void svgToScaleAlsoToAFile(@TempDir Path tmp) throws Exception {
        Document one = SvgCheck.parse(ok("layout", "--cpu", "sapphirerapids", "--xcr0", "0x602e7", "--compacted",
                "-f", "svg"));
        assertThat(SvgCheck.titled(one, "rect")).extracting(SvgCheck::title).anyMatch(t -> t.startsWith("xtiledata"));
        Path file = tmp.resolve("mpx.svg");
        ok("layout", "--cpu", "cascadelake-server", "--xcr0", "0x2ff", "--compacted", "--against", "0x2e7", "-f",
                "svg", "-o", file.toString());
        Document two = SvgCheck.parse(Files.readString(file));
        assertThat(SvgCheck.titled(two, "polygon")).extracting(SvgCheck::title)
                .contains("opmask moved -0x80 (0x3c0 -> 0x340)");
    }

    @Test
    void runDrawsAHeatMapOfTheMatrix() throws Exception {
        CliRun r = CliRun.of("run", "scenarios/mpx-removal-4.21.yaml", "--matrix", "hosts.new.kernel=4.20,4.22",
                "--jobs", "1", "-f", "svg");
        assertThat(r.exitCode()).isEqualTo(CliRun.of("run", "scenarios/mpx-removal-4.21.yaml", "--matrix",
                "hosts.new.kernel=4.20,4.22", "--jobs", "1").exitCode());
        Document d = SvgCheck.parse(r.out());
        assertThat(SvgCheck.titled(d, "rect")).extracting(SvgCheck::title)
                .contains("hosts.new.kernel=4.22: migration-xsave-rejected: 1 finding");
    }

    @Test
    void badDrawingRequestsAreOneLine() {
        assertThat(oneErrorLine("layout", "--cpu", "genoa", "--xcr0", "7", "--diagram", "-f", "json"))
                .contains("--diagram, --against and --against-cpu draw: use --format text or svg, not json");
        assertThat(oneErrorLine("layout", "--cpu", "genoa", "--xcr0", "7", "--against", "0x18"))
                .contains("--against 0x18 (bndregs|bndcsr) not supported by genoa");
        CliRun both = CliRun.of("layout", "--cpu", "genoa", "--xcr0", "7", "--against", "7", "--against-cpu", "genoa");
        assertThat(both.exitCode()).isEqualTo(2);                // a usage error, as picocli reports them
        assertThat(both.err()).startsWith("kimpact: error: ").contains("mutually exclusive");
        assertThat(oneErrorLine("layout", "--cpu", "genoa", "--xcr0", "7", "--against-cpu", "geno"))
                .contains("genoa");
        assertThat(oneErrorLine("layout", "--cpu", "cascadelake-server", "--xcr0", "0x1f", "--against-cpu",
                "genoa")).contains("cannot be set on genoa");
        assertThat(oneErrorLine("layout", "--cpu-dump", CliRun.dump("sandybridge.txt"), "--xcr0", "7",
                "--against", "7")).contains("no compacted form");
    }
}
