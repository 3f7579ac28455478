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

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The cases of one scenario document that a run executes: the document bound as written (bad input there is
 * reported as by {@code kimpact check}), the matrix's case indexes in this shard, and the paths checked against
 * the document before anything runs.
 */
public record ScenarioCases(ScenarioLoader.Document doc, Scenario base, Matrix matrix, List<Integer> indexes) {

    public ScenarioCases {
        indexes = List.copyOf(indexes);
    }

    /**
     * Plans the cases of {@code doc} that {@code shard} runs, {@code before} being the number of cases of the run's
     * earlier documents (shards split the run's cases, not each document's); throws on a bad scenario, an unknown
     * path or too many cases.
     */
    public static ScenarioCases plan(ScenarioLoader loader, ScenarioLoader.Document doc, Matrix matrix, Shard shard,
                                     long before) {
        Scenario base = loader.bind(doc, t -> t);
        List<Integer> indexes = matrix.indexes(shard, before);
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
        List<Finding> findings = new ArrayList<>();
        List<Report.Suppressed> suppressed = new ArrayList<>();
        List<Finding> anticipated = new ArrayList<>();
        List<Report.Expectation> expectations = stream(runner, jobs, tick, r -> {
            findings.addAll(r.findings());
            suppressed.addAll(r.suppressed());
            anticipated.addAll(r.anticipated());
        });
        Report.ScenarioResult result = new Report.ScenarioResult(base.name(), base.file(), base.summary(), cases(),
                expectations);
        return new Outcome(result, findings, suppressed, anticipated);
    }

    /**
     * Runs the cases on {@code jobs} threads, calling {@code tick} after each, and gives each case's result to
     * {@code each} in case order as soon as the cases before it are done (one at a time); holds no result longer.
     * Returns the scenario's expectations over every case (its cases are {@link #cases()}).
     */
    public List<Report.Expectation> stream(CaseRunner runner, int jobs, Runnable tick, Consumer<Analyzer.CaseResult> each) {
        BindingCache bound = BindingCache.forCases();
        ExpectationsSoFar expectations = new ExpectationsSoFar();
        ParallelCases.forEachOrdered(indexes.size(), jobs, i -> runner.run(doc, base, matrix.at(indexes.get(i)), bound),
                tick, r -> {
                    expectations.add(r.expectations());
                    each.accept(r);
                });
        return expectations.all();
    }

    /** The bindings of each case run, in case order: a view that computes them when read. */
    public List<Map<String, String>> cases() {
        return new AbstractList<>() {
            @Override
            public Map<String, String> get(int i) {
                return matrix.at(indexes.get(i)).bindings();
            }

            @Override
            public int size() {
                return indexes.size();
            }
        };
    }

    /**
     * The expectations of the cases so far, folded as {@link Expectations#allCases} folds them: one case's list
     * as it is, several merged.
     */
    private static final class ExpectationsSoFar {

        private List<Report.Expectation> first;
        private List<Report.Expectation> merged;

        void add(List<Report.Expectation> next) {
            if (first == null) {
                first = next;
            } else {
                merged = Expectations.allCases(List.of(merged == null ? first : merged, next));
            }
        }

        List<Report.Expectation> all() {
            return merged != null ? merged : first == null ? Expectations.allCases(List.of()) : first;
        }
    }
}
