package dev.kimpact.cli;

import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.model.ModelCatalog;
import dev.kimpact.scenario.ScenarioLoader;
import dev.kimpact.series.GitSourceFiles;
import dev.kimpact.xsave.CpuCatalog;

/** The scenario loader of every command: kernel trees in git ({@code kernel: {repo:, ref:}}) read with JGit. */
final class ScenarioLoaders {

    private ScenarioLoaders() {
    }

    static ScenarioLoader of(ModelCatalog models) {
        // A lambda, not a method reference: series (and JGit) load only when a scenario names a git kernel tree.
        return new ScenarioLoader(models, new CpuCatalog(),
                new KernelTrees(models, (dir, shown, ref) -> GitSourceFiles.readFacts(dir, shown, ref)));
    }
}
