package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.engine.WorkloadValues;
import dev.kimpact.rules.Analyzer;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.scenario.BindingCache;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.yaml.YMap;

import java.util.List;
import java.util.Map;

/**
 * Runs one case of a what-if: the scenario document with the case's assignments applied before binding, then
 * the analyzer. A case that the assignments make impossible to load or run is a {@code case-invalid} finding of
 * that case; an error in a value the user typed (located at the assignment's origin) is bad input and is thrown.
 * One instance serves every thread of a run: it holds the run's {@link WorkloadValues}, which the cases share.
 */
public final class CaseRunner {

    private final ScenarioLoader loader;
    private final Map<String, String> ignoredRules;
    private final WorkloadValues values = WorkloadValues.forRun();

    public CaseRunner(ScenarioLoader loader, Map<String, String> ignoredRules) {
        this.loader = loader;
        this.ignoredRules = Map.copyOf(ignoredRules);
    }

    /** The document with every assignment of {@code c} applied, in order. */
    public static YMap rewrite(YMap tree, Matrix.Case c) {
        YMap t = tree;
        for (Assignment a : c.assignments()) {
            t = TreeEditor.set(t, a);
        }
        return t;
    }

    /**
     * Runs {@code c}. {@code base} is the document bound as written: a case without assignments runs it, and
     * findings of invalid cases are named after it. {@code cache} is the one of the document's cases.
     */
    public Analyzer.CaseResult run(ScenarioLoader.Document doc, Scenario base, Matrix.Case c, BindingCache cache) {
        if (c.assignments().isEmpty()) {
            return Analyzer.analyze(base, Map.of(), ignoredRules, values);
        }
        try {
            Scenario s = loader.bind(doc, tree -> rewrite(tree, c), cache);
            return Analyzer.analyze(s, c.bindings(), ignoredRules, values);
        } catch (InputException e) {
            Finding f = new CaseInvalidRule().judge(base, c, e).orElseThrow(() -> e);
            String reason = Analyzer.suppression(base, f, ignoredRules);
            if (reason != null) {
                return new Analyzer.CaseResult(List.of(), List.of(new Report.Suppressed(f, reason)), List.of(), List.of());
            }
            return new Analyzer.CaseResult(List.of(f), List.of(), List.of(), List.of());
        }
    }
}
