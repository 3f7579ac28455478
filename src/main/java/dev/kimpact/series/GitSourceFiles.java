package dev.kimpact.series;

import dev.kimpact.kernelsrc.KernelSource;
import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.kernelsrc.SourceFiles;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A kernel tree at a git ref, read in memory with JGit: blobs of the ref's tree, nothing checked out and nothing
 * written to the repository.
 */
public final class GitSourceFiles implements SourceFiles, AutoCloseable {

    private final GitRepository repo;
    private final RevCommit commit;
    private final String origin;

    private GitSourceFiles(GitRepository repo, RevCommit commit, String origin) {
        this.repo = repo;
        this.commit = commit;
        this.origin = origin;
    }

    /** The tree of {@code ref} (a tag, branch or commit) in the repository at or above {@code dir}. */
    public static GitSourceFiles open(Path dir, String ref) {
        GitRepository repo = GitRepository.open(dir);
        try {
            RevCommit c = repo.commit(ref);
            return new GitSourceFiles(repo, c, repo.display() + "@" + ref + " (" + c.name().substring(0, 12) + ")");
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /** The facts of the tree at {@code ref}: a {@link KernelTrees.GitReader} for scenarios. */
    public static KernelSource.Facts readFacts(Path dir, String shown, String ref) {
        try (GitSourceFiles files = open(dir, ref)) {
            return KernelSource.read(files);
        }
    }

    @Override
    public Optional<String> read(String path) {
        return repo.file(commit, path);
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public void close() {
        repo.close();
    }
}
