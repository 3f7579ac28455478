package dev.kimpact.rules;

import dev.kimpact.diag.Location;
import dev.kimpact.engine.ScenarioFixture;
import dev.kimpact.finding.Finding;

import java.util.List;
import java.util.Map;

/** Runs inline scenarios through the engine and every rule, as {@code kimpact run} does; the scenarios rule tests share. */
final class RulesFixture {

    /** Where observations fed to a rule directly point. */
    static final Location AT = new Location("s.yaml", 7, 5);

    private static final String MPX_HOSTS = """
            cpu: cascadelake-server
            hosts:
              - {name: old, kernel: "4.20"}
              - {name: new, kernel: "4.21", patches: [%s]}
            """;

    static final String KEEPS_MPX = ScenarioFixture.KEEPS_MPX;

    private RulesFixture() {
    }

    /** Hosts {@code old} (4.20) and {@code new} (4.21 with {@code patches}) on Cascade Lake, with guests and steps. */
    static String seed(String patches, String guests, String steps) {
        return "scenario: t\n" + MPX_HOSTS.formatted(patches) + "guests:\n" + guests + "steps:\n" + steps;
    }

    static Analyzer.CaseResult run(String yaml) {
        return Analyzer.analyze(ScenarioFixture.load(yaml), Map.of(), Map.of());
    }

    static List<Finding> findings(String yaml, String rule) {
        return run(yaml).findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @SuppressWarnings("unchecked")
    static <T> T evidence(Finding f, String key) {
        return (T) f.evidence().get(key);
    }
}
