package dev.kimpact.series;

import dev.kimpact.kernelsrc.DerivedPatch;
import dev.kimpact.kernelsrc.KernelSource;

import java.util.List;

/**
 * What a series does to the kernel facts read from code ({@link KernelSource}): the patch model each commit that
 * changes one derives, and the model of the whole series, base to tip.
 *
 * @param base        the commit the series starts from (the merge base of {@code A..B}, or {@code --base})
 * @param tip         the series' last commit
 * @param baseFacts   the facts read at {@code base}: the kernel the series applies to
 * @param commits     one model per commit that changes a fact, oldest first (a refactor derives none)
 * @param series      the whole series' model, {@code base..tip}; empty changes when it changes no fact
 * @param crossChecks commits that stand for a built-in patch model by subject, compared with what the code says
 * @param scenarios   the scenarios ({@code --run-scenarios}) run with the series' model ({@code patches: [series]})
 */
public record Derivation(String base, String tip, KernelSource.Facts baseFacts, List<DerivedPatch> commits,
                         DerivedPatch series, List<CrossCheck> crossChecks, List<String> scenarios) {

    public Derivation {
        commits = List.copyOf(commits);
        crossChecks = List.copyOf(crossChecks);
        scenarios = List.copyOf(scenarios);
    }

    /** This derivation with the scenarios that ran with the series' model. */
    public Derivation withScenarios(List<String> names) {
        return new Derivation(base, tip, baseFacts, commits, series, crossChecks, names);
    }

    /**
     * A commit matched by subject to built-in patch model {@code patch}: whether the model's effect on the facts
     * read from code equals the code's ({@code differences} empty), key by key.
     */
    public record CrossCheck(String commit, String patch, List<String> differences) {
        public CrossCheck {
            differences = List.copyOf(differences);
        }

        public boolean agrees() {
            return differences.isEmpty();
        }
    }
}
