package dev.kimpact.series;

import dev.kimpact.diag.BoundedRead;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.SystemReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where {@code kimpact series} reads a series from: a git range (with MAINTAINERS at its tip and in-memory merges)
 * or an mbox (applied onto {@code --base} in memory, and merged, when a repository is given), and the MAINTAINERS
 * file that applies. The {@code series} command reaches the readers (and JGit) only through this class, when it
 * runs: building the command tree (picocli reflects over every command class) loads no JGit class.
 */
public final class SeriesSources {

    private final Path repo;
    private final String range;
    private final List<String> against;
    private final Path maintainers;
    private final Path mbox;
    private final String base;
    private final SeriesCache cache;
    private final Thread gitConfig;

    /**
     * @param cacheDir where {@code series} keeps what it computed for a repository's commits between runs
     *                 ({@link #cacheDirectory}), or null for no cache
     */
    public SeriesSources(Path repo, String range, List<String> against, Path maintainers, Path mbox, String base,
                         Path cacheDir) {
        this.cache = cacheDir == null ? SeriesCache.disabled() : new SeriesCache(cacheDir, SeriesCache.DEFAULT_LIMIT);
        this.gitConfig = range != null || repo != null ? readGitConfigAhead() : null;
        this.repo = repo;
        this.range = range;
        this.against = List.copyOf(against);
        this.maintainers = maintainers;
        this.mbox = mbox;
        this.base = base;
    }

    /**
     * Starts loading JGit and reading git's system and user configuration on a daemon thread, while the caller
     * sets up the analysis. To find the system configuration, JGit runs {@code git --version} and {@code git
     * config --system}; that takes tens of milliseconds, and is not skipped (that could change which file is
     * read). Opening the repository waits for it ({@link #open}: JGit would otherwise probe a second time) and
     * reuses what it read; an error here is left for the open to report.
     */
    private static Thread readGitConfigAhead() {
        Thread t = new Thread(() -> {
            try {
                SystemReader.getInstance().getUserConfig();
            } catch (IOException | ConfigInvalidException | RuntimeException e) {
                // the repository's open reads it again and reports it
            }
        }, "kimpact-git-config");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private GitRepository open(Path dir) {
        if (gitConfig != null) {
            try {
                gitConfig.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return GitRepository.open(dir);
    }

    /**
     * Where the series cache is in this environment, or empty when {@code KIMPACT_CACHE=off}:
     * {@code ${XDG_CACHE_HOME:-~/.cache}/kimpact/series}.
     */
    public static Optional<Path> cacheDirectory(Function<String, String> env) {
        return SeriesCache.directory(env);
    }

    public SeriesReport fromRange(SeriesAnalysis analysis) {
        Path dir = repo == null ? Path.of(".") : repo;
        try (GitRepository git = open(dir)) {
            RevisionRange r = git.range(range);
            MaintainerIndex index = index(git, r.to(), r.toRev());
            SeriesCache.Scope scope = cache.scope(git);
            Map<String, List<Section>> hits = new HashMap<>();
            List<Commit> commits = keywordHits(scope, r, index, hits);
            TrialMerge trial = new TrialMerge(git, scope);
            List<MergeCheck> merges = new ArrayList<>();
            for (String ref : against) {
                merges.add(trial.check(r.to(), ref));
            }
            SeriesAnalysis dated = analysis.withTagsOf(git);
            SeriesReport report = dated.analyze(new SeriesAnalysis.Input(git.display(), range, range, commits,
                    index, hits, merges));
            return dated.derivation(git, git.reader()).derive(() -> git.mergeBase(r), r.to(), commits,
                            () -> commits.stream().map(c -> ObjectId.fromString(c.id())).toList())
                    .map(report::withDerivation).orElse(report);
        }
    }

    /**
     * The series of an mbox. With a repository and {@code --base}, its patches are applied onto the base in memory
     * ({@link AppliedMbox}; one that does not apply is an error) and the tip is merged with each
     * {@code --against} ref; without {@code --base}, MAINTAINERS is read at HEAD and nothing is applied.
     */
    public SeriesReport fromMbox(SeriesAnalysis analysis) {
        MboxReader.Result series = MboxReader.read(mbox, System.in);
        String shown = mbox.toString().equals("-") ? MboxReader.STDIN : mbox.toString();
        MaintainerIndex index;
        String repoName = null;
        SeriesAnalysis dated = analysis;
        List<MergeCheck> merges = new ArrayList<>();
        Optional<Derivation> derivation = Optional.empty();
        if (repo != null) {
            try (GitRepository git = open(repo)) {
                String rev = base == null ? "HEAD" : base;
                RevCommit at = git.commit(rev);
                index = index(git, at, rev);
                repoName = git.display();
                dated = analysis.withTagsOf(git);
                if (base != null) {
                    try (AppliedMbox applied = AppliedMbox.apply(git, at, series, shown)) {
                        TrialMerge trial = new TrialMerge(git, applied);
                        for (String ref : against) {
                            merges.add(trial.check(applied.tip(), ref));
                        }
                        derivation = dated.derivation(git, applied.reader())
                                .derive(applied::base, applied.tip(), series.commits(), applied::commits);
                    }
                }
            }
        } else {
            index = maintainers == null ? null : fromFile(maintainers);
        }
        Map<String, List<Section>> hits = new HashMap<>();
        BiConsumer<Commit, String> matcher = keywordMatcher(index, hits);
        if (matcher != null) {
            for (Commit c : series.commits()) {
                matcher.accept(c, series.patches().get(c.id()));
            }
        }
        SeriesReport report = dated.analyze(new SeriesAnalysis.Input(repoName, null, shown, series.commits(), index,
                hits, merges));
        return derivation.map(report::withDerivation).orElse(report);
    }

    /**
     * The commits of the range, with the sections whose K: keywords each matched in {@code hits}: from the cache
     * when a run with the same K: regexes stored them (then no patch text is read or matched), else matched and
     * stored.
     */
    private static List<Commit> keywordHits(SeriesCache.Scope scope, RevisionRange r, MaintainerIndex index,
                                            Map<String, List<Section>> hits) {
        CommitWalk walk = new CommitWalk(scope.git(), scope);
        if (index == null || !index.hasKeywords()) {
            return walk.commits(r, null);
        }
        String from = r.from().name();
        String to = r.to().name();
        String keywords = index.keywordsKey();
        Optional<Map<String, List<Integer>>> stored = scope.keywordHits(from, to, keywords);
        if (stored.isPresent()) {
            List<Commit> commits = walk.commits(r, null);
            Optional<Map<String, List<Section>>> known = sections(stored.get(), commits, index);
            if (known.isPresent()) {
                hits.putAll(known.get());
                return commits;
            }
        }
        List<Commit> commits = walk.commits(r, keywordMatcher(index, hits));
        Map<String, List<Integer>> positions = new HashMap<>();
        hits.forEach((id, sections) -> positions.put(id, sections.stream().map(index::keywordSectionIndex).toList()));
        scope.putKeywordHits(from, to, keywords, positions);
        return commits;
    }

    /** Stored keyword hits as sections of {@code index}; empty when they name other commits or sections. */
    private static Optional<Map<String, List<Section>>> sections(Map<String, List<Integer>> stored,
                                                                 List<Commit> commits, MaintainerIndex index) {
        Map<String, List<Section>> out = new HashMap<>();
        for (Commit c : commits) {
            List<Integer> at = stored.getOrDefault(c.id(), List.of());
            Optional<List<Section>> sections = index.keywordSectionsAt(at);
            if (sections.isEmpty()) {
                return Optional.empty();
            }
            if (!at.isEmpty()) {
                out.put(c.id(), sections.get());
            }
        }
        return out.size() == stored.values().stream().filter(l -> !l.isEmpty()).count() ? Optional.of(out)
                : Optional.empty();
    }

    private static BiConsumer<Commit, String> keywordMatcher(MaintainerIndex index, Map<String, List<Section>> hits) {
        if (index == null || !index.hasKeywords()) {
            return null;
        }
        return (c, text) -> {
            List<Section> s = index.keywordSections(text);
            if (!s.isEmpty()) {
                hits.put(c.id(), s);
            }
        };
    }

    private MaintainerIndex index(GitRepository git, RevCommit at, String rev) {
        if (maintainers != null) {
            return fromFile(maintainers);
        }
        return git.file(at, "MAINTAINERS")
                .map(text -> new MaintainerIndex(Maintainers.parse(text, "MAINTAINERS@" + rev)))
                .orElse(null);
    }

    private static MaintainerIndex fromFile(Path path) {
        if (Files.isDirectory(path)) {
            throw new InputException(Location.of(path.toString()), "is a directory, not a MAINTAINERS file");
        }
        byte[] bytes;
        try {
            bytes = BoundedRead.atMost(path, Maintainers.MAX_BYTES).orElseThrow(() -> new InputException(
                    Location.of(path.toString()), "MAINTAINERS file larger than " + (Maintainers.MAX_BYTES >> 20)
                    + " MiB"));
        } catch (NoSuchFileException e) {
            throw new InputException(Location.of(path.toString()), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot read " + path + ": " + e.getMessage(), e));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);     // an older file in Latin-1
        }
        return new MaintainerIndex(Maintainers.parse(text, path.toString()));
    }
}
