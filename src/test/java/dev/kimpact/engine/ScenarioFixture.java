package dev.kimpact.engine;

import dev.kimpact.model.ModelCatalog;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YamlReader;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/** Loads scenarios written inline in tests, through the same loader and engine as {@code kimpact run}. */
public final class ScenarioFixture {

    private static final ModelCatalog MODELS = new ModelCatalog();
    private static final CpuCatalog CPUS = new CpuCatalog();

    /**
     * A Cascade Lake host whose kernel stops enabling MPX while its KVM still supports it (limited by the CPU, not
     * the host XCR0): guest_fpu must hold BNDREGS/BNDCSR the kernel's buffers lack. Two guests use MPX.
     */
    public static final String KEEPS_MPX = """
            scenario: t
            cpu: cascadelake-server
            hosts:
              - name: h
                kernel: "4.22"
                patches:
                  - x86-mpx-stop-xsave-enabling
                  - {id: limit-by-cpu, changes: {kvm.xcr0-limit: cpu}}
            guests:
              - {name: a, kernel: rhel-7}
              - {name: b, kernel: rhel-7}
            steps:
              - boot: {guest: a, host: h}
              - use: {guest: a, state: [bndregs]}
              - boot: {guest: b, host: h}
              - use: {guest: b, state: [bndregs]}
              - switch: {host: h, other: a}
            """;

    private ScenarioFixture() {
    }

    public static Scenario load(String yaml) {
        YMap doc = (YMap) new YamlReader().readAll("test.yaml", yaml).get(0);
        return new ScenarioLoader(MODELS, CPUS).bind(new ScenarioLoader.Document("test.yaml", Path.of("."), doc),
                UnaryOperator.identity());
    }

    /** What the engine observes running {@code yaml}, keeping those of {@code type}. */
    public static <T extends Observation> List<T> observations(String yaml, Class<T> type) {
        return ScenarioRun.execute(load(yaml)).stream().filter(type::isInstance).map(type::cast).toList();
    }
}
