package dev.kimpact.fuzz;

import dev.kimpact.diag.InputException;
import dev.kimpact.rules.Analyzer;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.series.Commit;
import dev.kimpact.series.FileChange;
import dev.kimpact.series.MaintainerIndex;
import dev.kimpact.series.Maintainers;
import dev.kimpact.series.MboxReader;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.CpuidDump;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.XsaveArea;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random mutations of the valid fixtures (the shipped scenarios, the CPUID dumps, the MAINTAINERS and
 * mbox fixtures), each parsed in-process: the parser either succeeds (and what it returns is then used: a
 * scenario is executed, a CPU model saves and restores, a MAINTAINERS index matches paths and keywords) or
 * throws {@link InputException}. Any other exception fails the test with the try's seed, which reproduces it
 * ({@link Mutator} is deterministic). Every batch runs under a preemptive timeout, so a hang fails too.
 */
class ParserFuzzTest {

    private static final long SEED = 0x6B696D70L;    // "kimp"
    private static final int BATCH = 500;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

    /** Tries per input kind: 10,000 in all. */
    private static final Map<String, Integer> TRIES = Map.of("scenario", 4000, "cpuid", 3000, "maintainers", 1500,
            "mbox", 1500);
    private static final List<String> KINDS = List.of("scenario", "cpuid", "maintainers", "mbox");

    private final Map<String, List<Fixture>> fixtures = new LinkedHashMap<>();
    private final ScenarioLoader loader = new ScenarioLoader(new ModelCatalog(), new CpuCatalog());

    record Fixture(String name, byte[] bytes) {
    }

    ParserFuzzTest() throws IOException {
        fixtures.put("scenario", files(Path.of("scenarios"), ".yaml"));
        List<Fixture> dumps = new ArrayList<>(files(Path.of("src/main/resources/dev/kimpact/cpus"), ".txt"));
        dumps.addAll(files(Path.of("src/test/resources/cpuid"), ".txt"));
        fixtures.put("cpuid", dumps);
        fixtures.put("maintainers", List.of(fixture("src/test/resources/series/MAINTAINERS")));
        fixtures.put("mbox", List.of(fixture("src/test/resources/series/series.mbox")));
    }

    private static List<Fixture> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Fixture> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.toString().endsWith(suffix)).sorted().toList()) {
                out.add(new Fixture(p.toString(), Files.readAllBytes(p)));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no fixtures in " + dir);
            }
            return out;
        }
    }

    private static Fixture fixture(String path) throws IOException {
        return new Fixture(path, Files.readAllBytes(Path.of(path)));
    }

    static Stream<Arguments> batches() {
        List<Arguments> out = new ArrayList<>();
        for (String kind : KINDS) {
            for (int b = 0; b * BATCH < TRIES.get(kind); b++) {
                out.add(Arguments.of(kind, b));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} batch {1}")
    @MethodSource("batches")
    void mutantsParseOrFailWithInputException(String kind, int batch) {
        Consumer<Mutator.Mutant> parser = switch (kind) {
            case "scenario" -> this::scenario;
            case "cpuid" -> ParserFuzzTest::cpuid;
            case "maintainers" -> this::maintainers;
            default -> ParserFuzzTest::mbox;
        };
        Map<String, String> failures = new LinkedHashMap<>();
        int[] parsed = {0};
        assertTimeoutPreemptively(BATCH_TIMEOUT, () -> {
            for (int i = 0; i < BATCH; i++) {
                long seed = SEED ^ ((long) kind.hashCode() << 32) ^ ((long) batch * BATCH + i);
                SplittableRandom r = new SplittableRandom(seed);
                List<Fixture> fs = fixtures.get(kind);
                Fixture f = fs.get(r.nextInt(fs.size()));
                Mutator.Mutant m = Mutator.mutate(f.bytes(), r);
                try {
                    parser.accept(m);
                    parsed[0]++;
                } catch (InputException expected) {
                    // bad input, reported as such
                } catch (Throwable t) {
                    StackTraceElement top = t.getStackTrace().length == 0 ? null : t.getStackTrace()[0];
                    failures.putIfAbsent(t.getClass().getName() + " at " + top, kind + " mutant of " + f.name()
                            + " (seed 0x" + Long.toHexString(seed) + ": " + m.description() + ") threw " + t);
                }
            }
        }, () -> kind + " batch " + batch + " did not finish in " + BATCH_TIMEOUT);
        if (!failures.isEmpty()) {
            fail(failures.size() + " distinct failures:\n" + String.join("\n", failures.values()));
        }
        // Mutants that still parse go on to be used: make sure the fuzzing reaches that far.
        assertThat(parsed[0]).as("mutants of %s that parsed, in batch %d", kind, batch).isGreaterThan(BATCH / 20);
    }

    /** Loads and binds every document, then executes each scenario. */
    private void scenario(Mutator.Mutant m) {
        for (ScenarioLoader.Document d : loader.documents("fuzz.yaml", m.bytes(), Path.of("scenarios").toAbsolutePath())) {
            Scenario s = loader.bind(d, t -> t);
            Analyzer.analyze(s, Map.of(), Map.of());
        }
    }

    /** Parses a dump; a model that parses must lay out, boot and save/restore without any exception. */
    private static void cpuid(Mutator.Mutant m) {
        CpuModel cpu = CpuidDump.parse("fuzz.txt", m.text());
        long xcr0 = cpu.supportedXcr0();
        Layout.standard(cpu, xcr0);
        Layout.compacted(cpu, cpu.supportedAll());
        cpu.leafD(0, xcr0, 0);
        cpu.leafD(1, xcr0, cpu.supportedXss());
        new Machine(cpu);
        long[] candidates = {xcr0, xcr0 & ~0x18L, xcr0 & 0x2FFL, xcr0 & 0x7L, 0x3L, 0x1L, xcr0 & ~0x7FFFEL,
            xcr0 & ~0x7FFE0L};
        for (long x : candidates) {
            Machine machine = new Machine(cpu);
            if (!cpu.hasXsave() || machine.xsetbv(0, x).faulted()) {
                continue;
            }
            if (cpu.hasXsaves()) {
                machine.writeXss(cpu.supportedXss());
            }
            XsaveArea area = XsaveArea.allocate(machine.cpuidD(0).ebx());
            machine.xsave(area, -1L);
            machine.xrstor(area, -1L);
            machine.xsaveopt(area, -1L);
            if (cpu.hasXsavec()) {
                XsaveArea c = XsaveArea.allocate(Layout.compacted(cpu, x | machine.xss()).size());
                machine.xsavec(c, -1L);
                machine.xrstor(c, -1L);
                machine.xsaves(c, -1L);
                machine.xrstors(c, -1L);
            }
        }
    }

    /** Parses MAINTAINERS, then maps the mbox fixture's paths and patch text through the index. */
    private void maintainers(Mutator.Mutant m) {
        MaintainerIndex index = new MaintainerIndex(Maintainers.parse(m.text(), "MAINTAINERS"));
        MboxReader.Result series = MboxReader.parse(fixtures.get("mbox").get(0).bytes(), "series.mbox");
        for (Commit c : series.commits()) {
            for (FileChange f : c.files()) {
                index.sectionsFor(f.path());
            }
            index.keywordSections(series.patches().get(c.id()));
        }
    }

    private static void mbox(Mutator.Mutant m) {
        MboxReader.parse(m.bytes(), "fuzz.mbox");
    }
}
