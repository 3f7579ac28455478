package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.kernelsrc.DerivedKernel;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.model.PatchModel;
import dev.kimpact.rules.Analyzer;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioBinder;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.series.Derivation;
import dev.kimpact.series.SeriesReport;
import dev.kimpact.whatif.ImpactSweep;
import dev.kimpact.xsave.CpuCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a series does to guests: {@code series --run-scenarios DIR} runs the scenarios under DIR whose hosts apply
 * a patch model the series matched by subject, or the series itself ({@code patches: [series]}: the model derived
 * from its code); without {@code --run-scenarios}, a series whose code changes a kernel fact gets the built-in
 * {@link ImpactSweep}.
 */
final class SeriesScenarios {

    private SeriesScenarios() {
    }

    /** {@code report} with the findings of the scenarios under {@code dir} that involve the series. */
    static SeriesReport run(Path dir, SeriesReport report, ModelCatalog models) {
        Set<String> patchIds = new LinkedHashSet<>();
        for (SeriesReport.ModelMatch m : report.models()) {
            patchIds.add(m.patch());
        }
        patchIds.add(ScenarioBinder.SERIES);
        Derivation derived = report.derivation();
        PatchModel series = derived != null ? derived.series().model(models)
                : PatchModel.none(ScenarioBinder.SERIES, "the series changes no fact read from code",
                        Location.of(ScenarioBinder.SERIES));
        ScenarioLoader loader = ScenarioLoaders.of(models).withSeries(series);
        Map<String, List<String>> scenariosByPatch = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();
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
        List<SeriesReport.ModelMatch> out = new ArrayList<>();
        for (SeriesReport.ModelMatch m : report.models()) {
            out.add(new SeriesReport.ModelMatch(m.commit(), m.patch(), scenariosByPatch.getOrDefault(m.patch(), List.of())));
        }
        SeriesReport withScenarios = report.withScenarios(out, findings);
        List<String> seriesScenarios = scenariosByPatch.getOrDefault(ScenarioBinder.SERIES, List.of());
        return derived == null ? withScenarios : withScenarios.withDerivation(derived.withScenarios(seriesScenarios));
    }

    /**
     * {@code report} with the built-in impact sweep when its series' code changes a kernel fact; unchanged when it
     * changes none, or when the base is older than every built-in kernel model (nothing to inherit from).
     */
    static SeriesReport sweep(SeriesReport report, ModelCatalog models) {
        Derivation d = report.derivation();
        if (d == null || d.series().isEmpty()) {
            return report;
        }
        DerivedKernel base;
        try {
            base = DerivedKernel.of(d.baseFacts(), models);
        } catch (InputException olderThanEveryModel) {
            return report;
        }
        ImpactSweep.Result r = ImpactSweep.run(models, new CpuCatalog(), models.kernelTree(base.tree(), null),
                base.model().version(), d.series().model(models), d.series().derivedFrom().get(0).at());
        return report.withSweep(new SeriesReport.Sweep(r.cases(), ImpactSweep.SCENARIO, base.model().version(),
                base.base(), base.inherited()), r.findings());
    }
}
