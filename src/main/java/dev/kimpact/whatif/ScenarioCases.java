package dev.kimpact.whatif;

import dev.kimpact.diag.InputException;
import dev.kimpact.rules.Analyzer;
import dev.kimpact.finding.Expectations;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Shard;
import dev.kimpact.scenario.BindingCache;
import dev.kimpact.scenario.Scenario;
import dev.kimpact.scenario.ScenarioLoader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cases of one scenario document that a run executes: the document bound as written (bad input there is
 * reported as by {@code kimpact check}), the matrix's case indexes in this shard, and the paths checked against
 * the document before anything runs.
 */
public record ScenarioCases(ScenarioLoader.Document doc, Scenario base, Matrix matrix, List<Integer> indexes) {

    public ScenarioCases {
        indexes = List.copyOf(indexes);
    }

    /** Plans the cases of {@code doc}; throws on a bad scenario, an unknown path or too many cases. */
    public static ScenarioCases plan(ScenarioLoader loader, ScenarioLoader.Document doc, Matrix matrix, Shard shard) {
        Scenario base = loader.bind(doc, t -> t);
        List<Integer> indexes = matrix.indexes(shard);
        if (!matrix.isEmpty()) {
            try {
                CaseRunner.rewrite(doc.tree(), matrix.at(0));    // every path exists (or may): fail before running
            } catch (InputException e) {
                throw new InputException(e.location(), "in " + doc.file() + ": " + e.getMessage(), e.suggestion());
            }
        }
        return new ScenarioCases(doc, base, matrix, indexes);
    }

    /** What the cases found, for the report. */
    public record Outcome(Report.ScenarioResult result, List<Finding> findings, List<Report.Suppressed> suppressed,
                          List<Finding> anticipated) {
    }

    /** Runs the cases on {@code jobs} threads, calling {@code tick} after each; results in case order. */
    public Outcome run(CaseRunner runner, int jobs, Runnable tick) {
        BindingCache bound = BindingCache.forCases();
        List<Analyzer.CaseResult> results = ParallelCases.map(indexes.size(), jobs,
                i -> runner.run(doc, base, matrix.at(indexes.get(i)), bound), tick);
        List<Map<String, String>> cases = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<Report.Suppressed> suppressed = new ArrayList<>();
        List<Finding> anticipated = new ArrayList<>();
        List<List<Report.Expectation>> expectations = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Analyzer.CaseResult r = results.get(i);
            cases.add(matrix.at(indexes.get(i)).bindings());
            findings.addAll(r.findings());
            suppressed.addAll(r.suppressed());
            anticipated.addAll(r.anticipated());
            expectations.add(r.expectations());
        }
        Report.ScenarioResult result = new Report.ScenarioResult(base.name(), base.file(), base.summary(), cases,
                results.size() == 1 ? expectations.get(0) : Expectations.allCases(expectations));
        return new Outcome(result, findings, suppressed, anticipated);
    }
}
