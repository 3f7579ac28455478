package dev.kimpact.engine;

import dev.kimpact.rules.Analyzer;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.finding.Finding;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.yaml.YMap;
import dev.kimpact.yaml.YamlReader;
import dev.kimpact.xsave.CpuCatalog;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Runs scenarios written inline in tests, through the same loader and engine as {@code kimpact run}. */
final class ScenarioFixture {

    private static final ModelCatalog MODELS = new ModelCatalog();
    private static final CpuCatalog CPUS = new CpuCatalog();

    private ScenarioFixture() {
    }

    static Scenario load(String yaml) {
        YMap doc = (YMap) new YamlReader().readAll("test.yaml", yaml).get(0);
        return new ScenarioLoader(MODELS, CPUS).bind(new ScenarioLoader.Document("test.yaml", Path.of("."), doc),
                UnaryOperator.identity());
    }

    static Analyzer.CaseResult run(String yaml) {
        return Analyzer.analyze(load(yaml), Map.of(), Set.of());
    }

    static List<Finding> findings(String yaml, String rule) {
        return run(yaml).findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }
}
