package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.yaml.YList;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YNode;
import dev.kimpact.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --set on every kind of path: scalar, list, mapping, named entry, index, new key the schema allows; errors. */
class TreeEditorTest {

    private static final String DOC = """
            scenario: s
            cpu: cascadelake-server
            hosts:
              - name: old
                kernel: "4.20"
              - name: new
                kernel: "4.21"
                patches: [x86-remove-intel-mpx]
            guests:
              rhel7: {kernel: rhel-7}
              linux-5.6: {kernel: linux-5.6, vmm: {cpu-model: Skylake-Server}}
            steps:
              - boot: {guest: rhel7, host: old}
              - migrate: {guest: rhel7, from: old, to: new}
            """;

    private static YMap doc() {
        return (YMap) new YamlReader().readAll("s.yaml", DOC).get(0);
    }

    private static YMap set(String assignment) {
        return TreeEditor.set(doc(), Assignment.parse("--set", assignment));
    }

    private static String at(YMap tree, String path) {
        return TreeEditor.get(tree, path, null).map(FlowText::of).orElse("(absent)");
    }

    @Test
    void scalarAtTheTop() {
        assertThat(at(set("cpu=genoa"), "cpu")).isEqualTo("genoa");
    }

    @Test
    void listEntryByNameThenKey() {
        YMap t = set("hosts.new.kernel=4.22");
        assertThat(at(t, "hosts.new.kernel")).isEqualTo("4.22");
        assertThat(at(t, "hosts.old.kernel")).isEqualTo("4.20");
        assertThat(at(t, "hosts.1.kernel")).as("the same entry by index").isEqualTo("4.22");
    }

    @Test
    void aListValueReplacesTheList() {
        YNode patches = TreeEditor.get(set("hosts.new.patches=[x86-mpx-remove-apis, kvm-xsave2]"),
                "hosts.new.patches", null).orElseThrow();
        assertThat(patches).isInstanceOf(YList.class);
        assertThat(FlowText.of(patches)).isEqualTo("[x86-mpx-remove-apis, kvm-xsave2]");
        assertThat(at(set("hosts.new.patches=[]"), "hosts.new.patches")).isEqualTo("[]");
    }

    @Test
    void aMappingValue() {
        assertThat(at(set("cpu={dump: genoa.txt}"), "cpu")).isEqualTo("{dump: genoa.txt}");
        assertThat(at(set("guests.rhel7.vmm={cpu-model: Skylake-Server, enforce: true}"), "guests.rhel7.vmm"))
                .isEqualTo("{cpu-model: Skylake-Server, enforce: true}");
    }

    @Test
    void guestsKeyedByNameAndNamesWithDots() {
        assertThat(at(set("guests.linux-5.6.kernel=linux-6.12"), "guests.linux-5.6.kernel")).isEqualTo("linux-6.12");
        assertThat(at(set("guests.linux-5.6.vmm.cpu-model=Icelake-Server"), "guests.linux-5.6.vmm"))
                .isEqualTo("{cpu-model: Icelake-Server}");
    }

    @Test
    void numericIndexInAList() {
        YMap t = set("steps.1.migrate.to=old");
        assertThat(at(t, "steps.1.migrate")).isEqualTo("{guest: rhel7, from: old, to: old}");
        assertThat(at(t, "steps.0.boot")).isEqualTo("{guest: rhel7, host: old}");
    }

    @Test
    void newKeysWhereTheSchemaAllowsThem() {
        assertThat(at(doc(), "hosts.old.patches")).isEqualTo("(absent)");
        assertThat(at(set("hosts.old.patches=[x86-mpx-remove-apis]"), "hosts.old.patches"))
                .isEqualTo("[x86-mpx-remove-apis]");
        assertThat(at(set("hosts.old.cpu=genoa"), "hosts.old")).isEqualTo("{name: old, kernel: 4.20, cpu: genoa}");
        assertThat(at(set("guests.rhel7.vmm.enforce=true"), "guests.rhel7")).as("vmm created on the way")
                .isEqualTo("{kernel: rhel-7, vmm: {enforce: true}}");
        assertThat(at(set("notes=why"), "notes")).isEqualTo("why");
    }

    @Test
    void theDocumentItselfIsNotChanged() {
        YMap original = doc();
        TreeEditor.set(original, Assignment.parse("--set", "hosts.new.kernel=4.22"));
        assertThat(at(original, "hosts.new.kernel")).isEqualTo("4.21");
    }

    @Test
    void unknownKeyWithDidYouMean() {
        assertThatThrownBy(() -> set("hosts.new.kernl=4.22")).isInstanceOf(InputException.class)
                .hasMessageContaining("no key 'kernl' in hosts.new (keys: name, kernel, patches; may be added: cpu)")
                .extracting(e -> ((InputException) e).suggestion()).isEqualTo("kernel");
        assertThatThrownBy(() -> set("cpux=genoa")).extracting(e -> ((InputException) e).suggestion()).isEqualTo("cpu");
        assertThatThrownBy(() -> set("guests.rhel7.vmm.enforc=true"))
                .extracting(e -> ((InputException) e).suggestion()).isEqualTo("enforce");
    }

    @Test
    void unknownNamesWithDidYouMean() {
        assertThatThrownBy(() -> set("hosts.nwe.kernel=4.22")).isInstanceOf(InputException.class)
                .hasMessageContaining("no host 'nwe' in hosts (names: old, new")
                .extracting(e -> ((InputException) e).suggestion()).isEqualTo("new");
        assertThatThrownBy(() -> set("guests.rhel8.kernel=rhel-8")).hasMessageContaining("no guest 'rhel8' in guests")
                .extracting(e -> ((InputException) e).suggestion()).isEqualTo("rhel7");
    }

    @Test
    void badIndexesAndPathsThroughScalars() {
        assertThatThrownBy(() -> set("steps.7.boot.host=new")).hasMessageContaining("no entry '7' in steps (indexes 0..1)");
        assertThatThrownBy(() -> set("cpu.dump=x.txt")).hasMessageContaining("'cpu' is a scalar ('cascadelake-server')");
        assertThatThrownBy(() -> set("steps.0.boot.guest.name=x")).hasMessageContaining("'steps.0.boot.guest' is a scalar");
        assertThatThrownBy(() -> set("steps.0.boot.cpu=x")).as("no new keys in steps")
                .hasMessageContaining("no key 'cpu' in steps.0.boot (keys: guest, host)");
        assertThatThrownBy(() -> set("hosts..kernel=4.22")).hasMessageContaining("bad path 'hosts..kernel'");
        assertThatThrownBy(() -> Assignment.parse("--set", "hosts.new.kernel")).hasMessageContaining("expected PATH=VALUE");
    }

    @Test
    void errorsPointAtTheAssignment() {
        assertThatThrownBy(() -> set("hosts.nwe.kernel=4.22"))
                .extracting(e -> ((InputException) e).render())
                .asString().startsWith("--set hosts.nwe.kernel=4.22: no host 'nwe'");
    }

    @Test
    void valuesAreYamlFlowText() {
        Assignment a = Assignment.parse("--set", "hosts.new.kernel = 4.20 ");
        assertThat(a.path()).isEqualTo("hosts.new.kernel");
        assertThat(a.text()).isEqualTo("4.20");
        assertThat(FlowText.of(a.value())).as("not re-typed to 4.2").isEqualTo("4.20");
        assertThat(FlowText.of(Assignment.parse("--set", "x=").value())).isEqualTo("null");
        assertThatThrownBy(() -> Assignment.parse("--set", "x=[a, b")).hasMessageContaining("invalid YAML");
        assertThat(Assignment.parse("--set", "x=[a, b]").value().location())
                .isEqualTo(Assignment.parse("--set", "x=[a, b]").origin());
    }
}
