package dev.kimpact.series;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.kernelsrc.KernelSource;
import dev.kimpact.kernelsrc.KernelTrees;
import dev.kimpact.kernelsrc.SourceFiles;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A kernel tree at a git ref, read in memory with JGit: blobs of the ref's tree, nothing checked out and nothing
 * written to the repository.
 */
public final class GitSourceFiles implements SourceFiles, AutoCloseable {

    private final GitRepository repo;
    private final ObjectReader reader;
    private final RevCommit commit;
    private final String origin;
    private final boolean owner;

    private GitSourceFiles(GitRepository repo, ObjectReader reader, RevCommit commit, String origin, boolean owner) {
        this.repo = repo;
        this.reader = reader;
        this.commit = commit;
        this.origin = origin;
        this.owner = owner;
    }

    /**
     * The tree of {@code commit} as {@code reader} sees it (a commit of the repository, or one made in memory for a
     * mailed series); closing it closes neither.
     */
    static GitSourceFiles at(GitRepository repo, ObjectReader reader, RevCommit commit, String origin) {
        return new GitSourceFiles(repo, reader, commit, origin, false);
    }

    /** The tree of {@code ref} (a tag, branch or commit) in the repository at or above {@code dir}. */
    public static GitSourceFiles open(Path dir, String ref) {
        GitRepository repo = GitRepository.open(dir);
        try {
            RevCommit c = repo.commit(ref);
            return new GitSourceFiles(repo, repo.reader(), c,
                    repo.display() + "@" + ref + " (" + c.name().substring(0, 12) + ")", true);
        } catch (RuntimeException e) {
            repo.close();
            throw e;
        }
    }

    /**
     * The facts of the tree at {@code ref}: a {@link KernelTrees.GitReader} for scenarios. {@code dir} must be the
     * repository itself (a {@code .git} directory in it, or a bare repository), not a directory inside one: a
     * scenario's path stays in the scenario's directory, and git's search upwards would leave it.
     */
    public static KernelSource.Facts readFacts(Path dir, String shown, String ref) {
        boolean own = Files.isDirectory(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
                || Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"));
        if (Files.isDirectory(dir) && !own) {
            throw new InputException(Location.of(shown), "not the top of a git repository (no .git directory in it)");
        }
        try (GitSourceFiles files = open(dir, ref)) {
            return KernelSource.read(files);
        }
    }

    @Override
    public Optional<String> read(String path) {
        return repo.errors().read(path + " at " + commit.name(),
                () -> repo.file(reader, commit.getTree(), path, commit.name()));
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public void close() {
        if (owner) {
            repo.close();
        }
    }
}
