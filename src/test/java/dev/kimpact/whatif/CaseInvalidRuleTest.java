package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Severity;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.rules.Analyzer;
import dev.kimpact.scenario.BindingCache;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YamlReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseInvalidRuleTest {

    private static final ScenarioLoader LOADER = new ScenarioLoader(new ModelCatalog(), new CpuCatalog());
    private static final String YAML = """
            scenario: t
            cpu: cascadelake-server
            hosts:
              - {name: old, kernel: "4.20"}
              - {name: new, kernel: "4.21"}
            guests:
              - {name: g, kernel: rhel-7}
            steps:
              - boot: {guest: g, host: old}
              - migrate: {guest: g, from: old, to: new}
            """;

    private static ScenarioLoader.Document doc(String yaml) {
        return new ScenarioLoader.Document("t.yaml", Path.of("."), (YMap) new YamlReader().readAll("t.yaml", yaml).get(0));
    }

    private static Matrix.Case set(String path, String value) {
        return new Matrix.Case(0, List.of(Assignment.of("--set", path, value)));
    }

    @Test
    void firesForACaseThatCannotRunNamedAfterTheScenarioAsWritten() {
        ScenarioLoader.Document d = doc(YAML);
        Scenario base = LOADER.bind(d, t -> t);
        Analyzer.CaseResult r = new CaseRunner(LOADER, Map.of()).run(d, base, set("steps.0.boot.host", "new"),
                BindingCache.forCases());
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("case-invalid");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.scenario()).isEqualTo("t");
            assertThat(f.bindings()).containsExactly(Map.entry("steps.0.boot.host", "new"));
            assertThat(f.message()).isEqualTo("this case cannot run: migrate: guest 'g' runs on host 'new', not 'old'");
            assertThat(f.location().line()).isEqualTo(10);
            assertThat(f.evidence()).containsOnlyKeys("error");
        });
    }

    @Test
    void anIgnoreEntryForTheRuleSuppressesIt() {
        ScenarioLoader.Document d = doc(YAML + "ignore:\n  - {rule: case-invalid, reason: known}\n");
        Scenario base = LOADER.bind(d, t -> t);
        Analyzer.CaseResult r = new CaseRunner(LOADER, Map.of()).run(d, base, set("steps.0.boot.host", "new"),
                BindingCache.forCases());
        assertThat(r.findings()).isEmpty();
        assertThat(r.suppressed()).singleElement().satisfies(s -> {
            assertThat(s.finding().rule()).isEqualTo("case-invalid");
            assertThat(s.reason()).isEqualTo("known");
        });
    }

    @Test
    void silentForACaseThatRuns() {
        ScenarioLoader.Document d = doc(YAML);
        Scenario base = LOADER.bind(d, t -> t);
        Analyzer.CaseResult r = new CaseRunner(LOADER, Map.of()).run(d, base, set("hosts.new.kernel", "4.20"),
                BindingCache.forCases());
        assertThat(r.findings()).noneMatch(f -> f.rule().equals("case-invalid"));
    }

    @Test
    void silentForAnErrorInAValueTheUserTyped() {
        Matrix.Case c = set("hosts.new.kernel", "4.99");
        Scenario base = LOADER.bind(doc(YAML), t -> t);
        Location origin = c.assignments().get(0).origin();
        assertThat(new CaseInvalidRule().judge(base, c, new InputException(origin, "unknown kernel"))).isEmpty();
        assertThatThrownBy(() -> new CaseRunner(LOADER, Map.of()).run(doc(YAML), base, c, BindingCache.forCases()))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).location()).isEqualTo(origin));
    }

    @Test
    void theSuggestionIsPartOfTheMessage() {
        Scenario base = LOADER.bind(doc(YAML), t -> t);
        Finding f = new CaseInvalidRule().judge(base, set("cpu", "genoa"),
                new InputException(new Location("t.yaml", 4, 5), "unknown thing 'x'", "y")).orElseThrow();
        assertThat(f.message()).isEqualTo("this case cannot run: unknown thing 'x' (did you mean 'y'?)");
        assertThat(f.evidence()).containsEntry("error", "t.yaml:4:5: unknown thing 'x' (did you mean 'y'?)");
    }
}
