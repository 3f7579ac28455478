package dev.kimpact.kernelsrc;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.model.ModelCatalog;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kernel models derived from source trees that scenarios name ({@code kernel: {tree: DIR}},
 * {@code kernel: {repo: DIR, ref: REF}}), each read once per run however many cases bind it. Git is read by a
 * {@link GitReader} that the caller supplies (JGit lives in {@code series}, above this package).
 */
public final class KernelTrees {

    /** Reads the facts of the tree at {@code ref} of the git repository at {@code dir}, shown as {@code shown}. */
    @FunctionalInterface
    public interface GitReader {
        KernelSource.Facts read(Path dir, String shown, String ref);
    }

    private final ModelCatalog models;
    private final GitReader git;
    private final Map<String, DerivedKernel> derived = new ConcurrentHashMap<>();

    public KernelTrees(ModelCatalog models, GitReader git) {
        this.models = models;
        this.git = git;
    }

    /** Plain directories only: {@code repo:} is refused (for callers that have no git reader). */
    public static KernelTrees withoutGit(ModelCatalog models) {
        return new KernelTrees(models, (dir, shown, ref) -> {
            throw new InputException(Location.of(shown), "kernel: {repo:, ref:} cannot be read here (no git reader)");
        });
    }

    public DerivedKernel directory(Path dir, String shown) {
        return derived.computeIfAbsent("tree\0" + dir.toAbsolutePath().normalize(),
                key -> DerivedKernel.of(KernelSource.read(new DirectorySourceFiles(dir, shown)), models));
    }

    public DerivedKernel repository(Path dir, String shown, String ref) {
        return derived.computeIfAbsent("repo\0" + dir.toAbsolutePath().normalize() + "\0" + ref,
                key -> DerivedKernel.of(git.read(dir, shown, ref), models));
    }
}
