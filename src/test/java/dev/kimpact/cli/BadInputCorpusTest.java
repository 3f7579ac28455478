package dev.kimpact.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed-input corpus under {@code src/test/resources/bad/}: every file with a sidecar {@code NAME.expect}
 * ({@code message: FRAGMENT}, optionally {@code line: N} and {@code file: OTHER} when the error is located in a
 * file the input refers to) is given to the command its directory names, in-process through {@link Main#run}:
 *
 * <ul>
 *   <li>{@code scenario/}: {@code kimpact check FILE} and {@code kimpact run FILE};</li>
 *   <li>{@code cpuid/}: {@code kimpact layout --cpu-dump FILE --xcr0 0x3};</li>
 *   <li>{@code maintainers/}: {@code kimpact series --mbox series.mbox --maintainers FILE};</li>
 *   <li>{@code mbox/}: {@code kimpact series --mbox FILE};</li>
 *   <li>{@code report/}: {@code kimpact merge-reports FILE}.</li>
 * </ul>
 *
 * Each must exit 2 with nothing on stdout and exactly one stderr line, {@code kimpact: error: FILE[:LINE...]: ...}
 * containing the fragment, no stack trace, within {@link #LIMIT_MS} (generous: the inputs take a few ms each; the
 * bound only catches a hang or a blow-up on a loaded machine). Repositories are in {@link BadRepositoryTest}.
 *
 * <p>{@code based-on} cycles: an inline kernel may only be {@code based-on} a built-in version (or alias), the
 * built-ins form no cycle, a patch cannot change {@code based-on} (it is removed before patches apply), and a
 * guest model has no {@code based-on}: a cycle cannot be written in a scenario. The corpus has the closest
 * inputs instead: based-on an unknown version, based-on a mapping, a patch changing based-on, a guest
 * based-on ({@code based-on-*.yaml}, {@code guest-based-on.yaml}); {@code ModelCatalog.resolveKernel} keeps its
 * cycle check for the built-ins.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)     // one instance: it records the slowest input
class BadInputCorpusTest {

    static final Path ROOT = Path.of("src/test/resources/bad");
    static final Path MBOX = Path.of("src/test/resources/series/series.mbox");
    /** Upper bound per input; the slowest measured is far below (printed after the run). */
    static final long LIMIT_MS = 2000;

    private final AtomicLong slowest = new AtomicLong();
    private final AtomicReference<String> slowestName = new AtomicReference<>("");

    /** One corpus entry. */
    record Entry(String kind, Path input, String message, int line, Path locatedIn) {
        @Override
        public String toString() {
            return kind + "/" + input.getFileName();
        }
    }

    static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(ROOT)) {
            for (Path expect : all.filter(p -> p.toString().endsWith(".expect")).sorted().toList()) {
                Map<String, String> keys = new LinkedHashMap<>();
                for (String l : Files.readAllLines(expect, StandardCharsets.UTF_8)) {
                    int colon = l.indexOf(':');
                    if (colon > 0 && !l.startsWith("#")) {
                        keys.put(l.substring(0, colon).strip(), l.substring(colon + 1).strip());
                    }
                }
                String name = expect.getFileName().toString();
                Path input = expect.resolveSibling(name.substring(0, name.length() - ".expect".length()));
                Path locatedIn = keys.containsKey("file") ? input.resolveSibling(keys.get("file")) : input;
                out.add(new Entry(expect.getParent().getFileName().toString(), input, keys.get("message"),
                        Integer.parseInt(keys.getOrDefault("line", "0")), locatedIn));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (Entry e : entries()) {
            String in = e.input().toString();
            switch (e.kind()) {
                case "scenario" -> {
                    out.add(Arguments.of(e, List.of("check", in)));
                    out.add(Arguments.of(e, List.of("run", in)));
                }
                case "cpuid" -> out.add(Arguments.of(e, List.of("layout", "--cpu-dump", in, "--xcr0", "0x3")));
                case "maintainers" -> out.add(Arguments.of(e, List.of("series", "--mbox", MBOX.toString(),
                        "--maintainers", in)));
                case "mbox" -> out.add(Arguments.of(e, List.of("series", "--mbox", in)));
                case "report" -> out.add(Arguments.of(e, List.of("merge-reports", in)));
                default -> throw new IllegalStateException("unknown corpus directory " + e.kind());
            }
        }
        return out.stream();
    }

    @org.junit.jupiter.api.Test
    void theCorpusIsLargeEnough() {
        assertThat(entries()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(entries()).allSatisfy(e -> {
            assertThat(e.message()).as("message: in %s.expect", e).isNotBlank();
            assertThat(e.input()).as("input of %s.expect", e).exists();
        });
    }

    @org.junit.jupiter.api.Test
    void theReadmeCountsTheCorpus() throws IOException {
        assertThat(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8))
                .contains("holds a corpus of " + entries().size() + " such inputs");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("runs")
    void oneLocatedLineExitTwoFast(Entry e, List<String> args) {
        long start = System.nanoTime();
        CliRun r = CliRun.of(args.toArray(String[]::new));
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms > slowest.get()) {
            slowest.set(ms);
            slowestName.set(e + " " + args.get(0));
        }
        String id = e + " (" + args.get(0) + ")";
        String where = e.locatedIn().toString();
        assertThat(r.exitCode()).as("%s: exit status; stderr: %s", id, r.err()).isEqualTo(2);
        if (args.get(0).equals("check")) {
            // check reports each document of a file: the ones before the bad one are "ok: ..."
            assertThat(r.out().lines()).as("%s: stdout", id).allMatch(l -> l.startsWith("ok: "));
        } else {
            assertThat(r.out()).as("%s: stdout", id).isEmpty();
        }
        assertThat(r.err()).as("%s: stderr", id).doesNotContain("Exception", "\tat ").endsWith("\n");
        String[] lines = r.err().split("\n", -1);
        assertThat(lines).as("%s: stderr lines: %s", id, r.err()).hasSize(2);    // one line and its newline
        String line = lines[0];
        assertThat(line).as(id).startsWith("kimpact: error: " + where + (e.line() > 0 ? ":" + e.line() : ""));
        String after = line.substring(("kimpact: error: " + where).length());
        assertThat(after).as("%s: location, then ': '", id).matches(e.line() > 0 ? ":\\d+(:\\d+)?: .*" : ": .*");
        assertThat(line).as(id).contains(e.message());
        assertThat(line.length()).as("%s: a readable line", id).isLessThan(600);
        assertThat(ms).as("%s: milliseconds", id).isLessThan(LIMIT_MS);
    }

    @AfterAll
    void report() {
        System.out.println("BadInputCorpusTest: " + entries().size() + " inputs, slowest " + slowest.get() + " ms ("
                + slowestName.get() + ")");
    }
}
