package dev.kimpact.scenario;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.QemuVersion;
import dev.kimpact.model.VmmCpuModel;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One scenario document bound to models, every name resolved, every mistake reported where it is written. */
class ScenarioBinderTest {

    private final ModelCatalog models = new ModelCatalog();
    private final CpuCatalog cpus = new CpuCatalog();

    private Scenario bind(Path dir, String yaml) {
        YNode doc = new YamlReader().readAll("s.yaml", yaml).get(0);
        return new ScenarioBinder(models, cpus, KernelTrees.withoutGit(models), dir, "s.yaml").bind(doc);
    }

    private InputException refusal(Path dir, String yaml) {
        try {
            bind(dir, yaml);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("not refused:\n" + yaml);
    }

    @Test
    void aSmallScenarioBindsEveryNameToItsModel() {
        Scenario s = bind(Path.of("."), """
                scenario: mpx-removal
                summary: one guest, two hosts
                cpu: cascadelake-server
                hosts:
                  old: {kernel: "4.20"}
                  new: {kernel: "4.21", patches: [x86-remove-intel-mpx]}
                guests:
                  - {name: g, kernel: rhel-7, vmm: {cpu-model: Cascadelake-Server, enforce: true}}
                steps:
                  - boot: {guest: g, host: old}
                  - use: {guest: g, state: [bndregs, bndcsr]}
                  - migrate: {guest: g, from: old, to: new}
                expect:
                  - {rule: migration-xsave-rejected, guest: g}
                """);
        assertThat(s.name()).isEqualTo("mpx-removal");
        assertThat(s.summary()).isEqualTo("one guest, two hosts");
        assertThat(s.file()).isEqualTo("s.yaml");
        assertThat(s.hosts()).extracting(Scenario.Host::name).containsExactly("old", "new");
        // 4.21 is the alias of 5.0; a patch shows in the kernel's name.
        assertThat(s.hosts()).extracting(h -> h.kernel().name()).containsExactly("4.20", "5.0+x86-remove-intel-mpx");
        assertThat(s.hosts()).extracting(h -> h.cpu().name()).containsOnly("cascadelake-server");
        Scenario.Guest g = s.guests().get(0);
        assertThat(g.kernel().id()).isEqualTo("rhel-7");
        assertThat(g.cpuModel()).extracting(VmmCpuModel::name).isEqualTo("Cascadelake-Server");
        assertThat(g.enforce()).isTrue();
        assertThat(g.qemu()).isEqualTo(QemuVersion.DEFAULT);
        assertThat(g.abortsOnPutError()).isTrue();
        assertThat(s.steps()).extracting(Scenario.Step::describe)
                .containsExactly("boot g on old", "use g bndregs|bndcsr", "migrate g old->new");
        assertThat(((Scenario.Use) s.steps().get(1)).components()).isEqualTo(0x18L);
        assertThat(s.steps().get(2).location()).isEqualTo(new Location("s.yaml", 12, 5));
        assertThat(s.expects()).containsExactly(new Scenario.Expect("migration-xsave-rejected", "g", null, true,
                new Location("s.yaml", 14, 5)));
    }

    @Test
    void anUnknownKeyIsRefusedAtFileLineColumnWithDidYouMean() {
        InputException e = refusal(Path.of("."), """
                scenario: t
                cpu: genoa
                hsots: [{name: h, kernel: "5.4"}]
                """);
        assertThat(e.render()).isEqualTo("s.yaml:3:1: unknown key 'hsots' in scenario (expected one of: scenario, "
                + "summary, cpu, hosts, guests, patches, steps, expect, ignore, notes) (did you mean 'hosts'?)");
    }

    @Test
    void anUnknownHostInAStepNamesTheDefinedOnes() {
        InputException e = refusal(Path.of("."), """
                scenario: t
                cpu: genoa
                hosts: [{name: old, kernel: "5.4"}, {name: new, kernel: "6.1"}]
                guests: [{name: g, kernel: linux-5.6}]
                steps:
                  - boot: {guest: g, host: olf}
                """);
        assertThat(e.render()).isEqualTo("s.yaml:6:28: unknown host 'olf' (defined: old, new) (did you mean 'old'?)");
    }

    @Test
    void aDumpResolvesInTheScenarioDirectoryAndMayNotLeaveIt(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("scenarios/dumps"));
        Files.copy(Path.of("src/test/resources/cpuid/cascadelake-cpuid-r.txt"), dir.resolve("clx.txt"));
        String hosts = "hosts: [{name: h, kernel: \"5.4\"}]\n";
        Scenario s = bind(dir.getParent(), "scenario: t\ncpu: {dump: dumps/clx.txt}\n" + hosts);
        assertThat(s.hosts().get(0).cpu().name()).isEqualTo("cascadelake-cpuid-r");      // its '# name:' line

        InputException e = refusal(dir, "scenario: t\ncpu: {dump: ../../x.txt}\n" + hosts);
        assertThat(e.render()).isEqualTo("s.yaml:2:13: cpu.dump '../../x.txt' must be a relative path inside the "
                + "scenario's directory");
        // Missing: located at the value, not in the (absent) dump.
        assertThat(refusal(dir, "scenario: t\ncpu: {dump: none.txt}\n" + hosts).render())
                .isEqualTo("s.yaml:2:13: cpu.dump 'none.txt': no such file");
    }

    @Test
    void inlineCpuidIsLaidOverItsBasedOnModel() {
        Scenario s = bind(Path.of("."), """
                scenario: t
                cpu:
                  based-on: cascadelake-server
                  cpuid: |
                    CPUID 0000000D: 000002E7-00000A80-00000A88-00000000 [SL 00]
                hosts: [{name: h, kernel: "4.20"}]
                """);
        CpuModel cpu = s.hosts().get(0).cpu();
        assertThat(cpu.name()).isEqualTo("inline-cpu");
        assertThat(cpu.source()).isEqualTo("inline cpuid in s.yaml over cascadelake-server");
        assertThat(cpu.supportedXcr0()).isEqualTo(0x2E7L);                    // the inline sub-leaf 0
        CpuModel base = cpus.builtin("cascadelake-server");
        assertThat(cpu.raw(0xD, 2)).isEqualTo(base.raw(0xD, 2));               // the rest from the base
        assertThat(cpu.raw(7, 0)).isEqualTo(base.raw(7, 0));
    }

    @Test
    void aMalformedInlineCpuidLineIsReportedBeforeAnUnknownBasedOn() {
        InputException e = refusal(Path.of("."), """
                scenario: t
                cpu:
                  based-on: cascadelak-server
                  cpuid: |
                    CPUID 0000000D: 000002E7
                hosts: [{name: h, kernel: "4.20"}]
                """);
        assertThat(e.location().line()).isEqualTo(5);
        assertThat(e.getMessage()).startsWith("malformed CPUID line");

        e = refusal(Path.of("."), """
                scenario: t
                cpu:
                  based-on: cascadelak-server
                  cpuid: |
                    CPUID 0000000D: 000002E7-00000A80-00000A88-00000000 [SL 00]
                hosts: [{name: h, kernel: "4.20"}]
                """);
        assertThat(e.location()).isEqualTo(new Location("s.yaml", 3, 13));
        assertThat(e.suggestion()).isEqualTo("cascadelake-server");
    }

    @Test
    void aCpuIsADumpOrCpuidLinesNotBoth() {
        assertThatThrownBy(() -> bind(Path.of("."), """
                scenario: t
                cpu: {dump: a.txt, cpuid: "CPUID 00000000: 0000000D-756E6547-6C65746E-49656E69"}
                hosts: [{name: h, kernel: "4.20"}]
                """)).isInstanceOf(InputException.class)
                .hasMessageStartingWith("cpu: give either 'dump: FILE' or 'cpuid: TEXT'");
    }

    @Test
    void everyComponentNameOfAModelChangeIsCheckedWithASuggestion() {
        String template = """
                scenario: misspelt
                cpu: cascadelake-server
                patches:
                  - {id: p, changes: {host.xcr0: CHANGE}}
                hosts:
                  - {name: h, kernel: "4.20", patches: [p]}
                """;
        for (String change : new String[] {"{remove: [bndregs, bndreg]}", "{add: [avx, avx5l2]}", "[x87, sse, bndreg]"}) {
            InputException e = refusal(Path.of("."), template.replace("CHANGE", change));
            assertThat(e.render()).as(change).startsWith("s.yaml:4:").contains("unknown state component");
            assertThat(e.suggestion()).as(change).isIn("bndregs", "avx512");
        }
        // Spelt right, the same removal binds (and removing what is not there is no error: patches meet many kernels).
        assertThat(bind(Path.of("."), template.replace("CHANGE", "{remove: [bndregs, bndcsr, amx]}")).hosts()).hasSize(1);
    }
}
