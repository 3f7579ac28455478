package dev.kimpact.cli;

import dev.kimpact.rules.Analyzer;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.finding.Finding;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.series.SeriesReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code series --run-scenarios DIR}: the scenarios under DIR whose hosts apply a patch model the series
 * matched are run, so a series in tip that removes MPX reports the guest risks too.
 */
final class SeriesScenarios {

    /** The models with the scenarios involving each, and every finding of those scenarios. */
    record Result(List<SeriesReport.ModelMatch> models, List<Finding> findings) {
    }

    private SeriesScenarios() {
    }

    static Result run(Path dir, List<SeriesReport.ModelMatch> matched, ModelCatalog models) {
        Set<String> patchIds = new LinkedHashSet<>();
        for (SeriesReport.ModelMatch m : matched) {
            patchIds.add(m.patch());
        }
        ScenarioLoader loader = ScenarioLoaders.of(models);
        Map<String, List<String>> scenariosByPatch = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
        if (!patchIds.isEmpty()) {
            for (ScenarioLoader.Source source : loader.expand(List.of(dir.toString()))) {
                for (ScenarioLoader.Document doc : loader.documents(source, System.in)) {
                    Scenario s = loader.bind(doc, UnaryOperator.identity());
                    Set<String> involved = new LinkedHashSet<>();
                    for (Scenario.Host h : s.hosts()) {
                        for (String p : h.kernel().patches()) {
                            if (patchIds.contains(p)) {
                                involved.add(p);
                            }
                        }
                    }
                    if (involved.isEmpty()) {
                        continue;
                    }
                    for (String p : involved) {
                        scenariosByPatch.computeIfAbsent(p, k -> new ArrayList<>()).add(s.name());
                    }
                    findings.addAll(Analyzer.analyze(s, Map.of(), Map.of()).findings());
                }
            }
        }
        List<SeriesReport.ModelMatch> out = new ArrayList<>();
        for (SeriesReport.ModelMatch m : matched) {
            out.add(new SeriesReport.ModelMatch(m.commit(), m.patch(), scenariosByPatch.getOrDefault(m.patch(), List.of())));
        }
        return new Result(out, findings);
    }
}
