package dev.kimpact.series;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What {@code kimpact series} computed for the commits of a repository, kept between runs outside it, in
 * {@code ${XDG_CACHE_HOME:-~/.cache}/kimpact/series/REPO/}: REPO is a hash of the repository's git directory.
 * A {@code range-*} entry holds, for one {@code A..B} (by commit ids), its commits in walk order with their
 * paths (renames detected) and trailers; its {@code patches-*} entry, when K: keywords needed it, their patch
 * text (message and changed lines), read only by a run that matches keywords again; a {@code keywords-*} entry
 * the MAINTAINERS sections whose K: keywords each commit of a range matched, for one set of K: regexes; a
 * {@code merge-*} entry the in-memory merge of two commit ids. A commit id names its content, so an entry never
 * goes out of date; a new range reuses the commits other ranges of the same repository computed.
 *
 * <p>Entries are written to a temporary file and renamed into place, so a reader sees a whole entry or none,
 * and two runs may share the directory. Each is checked on reading ({@link CacheCodec}: checksum, format
 * version, key) and ignored, then rewritten, when it does not match. Beyond {@link #DEFAULT_LIMIT} bytes in
 * all, the least recently used entries are deleted. The cache never fails a run: when the directory cannot be
 * created or written, the run goes on without it.
 */
final class SeriesCache {

    /** Total size of the series cache, all repositories together, above which the oldest entries go. */
    static final long DEFAULT_LIMIT = 256L << 20;

    /** Entries larger than this are not read (a cache file does not get that big from a plausible series). */
    private static final long MAX_ENTRY = 1L << 30;

    /** A range's commit facts: the commit, and its message and changed lines when they were read. */
    record Facts(Commit commit, String patchText) {
    }

    private final Path root;
    private final long limit;

    /** A cache under {@code root} ({@code .../kimpact/series}); null: no cache, every look-up misses. */
    SeriesCache(Path root, long limit) {
        this.root = root;
        this.limit = limit;
    }

    static SeriesCache disabled() {
        return new SeriesCache(null, 0);
    }

    /**
     * Where the cache lives for this environment, or empty when it is disabled: {@code KIMPACT_CACHE=off}
     * (also {@code 0}, {@code false}, {@code no}) turns it off; else {@code $XDG_CACHE_HOME/kimpact/series}
     * (an absolute XDG_CACHE_HOME only, as the XDG base directory specification says), else
     * {@code $HOME/.cache/kimpact/series}.
     */
    static Optional<Path> directory(Function<String, String> env) {
        String off = env.apply("KIMPACT_CACHE");
        if (off != null && List.of("off", "0", "false", "no").contains(off.trim().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        String xdg = env.apply("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "kimpact", "series"));
        }
        String home = env.apply("HOME");
        if (home != null && !home.isEmpty()) {
            return Optional.of(Path.of(home, ".cache", "kimpact", "series"));
        }
        return Optional.empty();
    }

    /** This cache for {@code git}: disabled when its directory lies inside the repository. */
    Scope scope(GitRepository git) {
        if (root == null) {
            return new Scope(git, null, null);
        }
        Path gitDir = git.repository().getDirectory().toPath().toAbsolutePath().normalize();
        Path work = git.repository().isBare() ? gitDir : git.repository().getWorkTree().toPath().toAbsolutePath()
                .normalize();
        Path where = real(root);
        if (where.startsWith(real(gitDir)) || where.startsWith(real(work))) {
            return new Scope(git, null, null);   // never write inside the repository
        }
        String repoKey = "repo=" + real(gitDir);
        return new Scope(git, root.resolve(sha256(repoKey).substring(0, 32)), repoKey);
    }

    /** The path as far as it exists resolved through symbolic links, the rest appended. */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The cache of one repository. A scope without a directory misses every look-up and stores nothing. */
    final class Scope {
        private final GitRepository git;
        private final Path dir;
        private final String repoKey;

        private Scope(GitRepository git, Path dir, String repoKey) {
            this.git = git;
            this.dir = dir;
            this.repoKey = repoKey;
        }

        GitRepository git() {
            return git;
        }

        private String rangeKey(String from, String to, String settings) {
            return repoKey + "\nrange=" + from + ".." + to + "\n" + settings;
        }

        private Path rangeFile(String key) {
            return dir.resolve("range-" + sha256(key).substring(0, 40));
        }

        /**
         * The commits of {@code from..to} as a run with the same {@code settings} (rename detection) stored
         * them, if it did and (with {@code needText}) kept their patch text. Without {@code needText} the
         * {@code patches-*} entry, most of a range's bytes, is not read.
         */
        Optional<List<Facts>> range(String from, String to, String settings, boolean needText) {
            if (dir == null) {
                return Optional.empty();
            }
            String key = rangeKey(from, to, settings);
            return parse(read(rangeFile(key), key), this::commits).flatMap(c -> withText(c, key, needText));
        }

        /** A range entry's body: its commits. */
        private Optional<List<Commit>> commits(CacheCodec.In in) {
            int n = in.count();
            List<Commit> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(in.commit());
            }
            return in.atEnd() ? Optional.of(out) : Optional.empty();
        }

        /**
         * {@code commits} as facts of the range stored under {@code key}: with {@code needText}, their text from
         * the range's {@code patches-*} entry (empty when it is missing, unsound or names other commits); else
         * without text.
         */
        private Optional<List<Facts>> withText(List<Commit> commits, String key, boolean needText) {
            if (!needText) {
                return Optional.of(commits.stream().map(c -> new Facts(c, null)).toList());
            }
            String patchesKey = patchesKey(key);
            return parse(read(patchesFile(patchesKey), patchesKey), in -> {
                int n = in.count();
                if (n != commits.size()) {
                    return Optional.empty();
                }
                List<Facts> out = new ArrayList<>(n);
                for (Commit c : commits) {
                    if (!c.id().equals(in.string())) {
                        return Optional.empty();
                    }
                    out.add(new Facts(c, in.string()));
                }
                return in.atEnd() ? Optional.of(out) : Optional.empty();
            });
        }

        /** The key of a range's patch text: the range's, marked, so neither entry passes for the other. */
        private String patchesKey(String rangeKey) {
            return rangeKey + "\npatches";
        }

        private Path patchesFile(String patchesKey) {
            return dir.resolve("patches-" + sha256(patchesKey).substring(0, 40));
        }

        private String keywordsKey(String from, String to, String keywords) {
            return repoKey + "\nkeywords=" + from + ".." + to + "\n" + keywords;
        }

        /**
         * The sections whose K: keywords each commit of {@code from..to} matched, as positions among the sections
         * with keywords of MAINTAINERS files with the same {@code keywords} key, by commit id; empty when not stored.
         */
        Optional<Map<String, List<Integer>>> keywordHits(String from, String to, String keywords) {
            if (dir == null) {
                return Optional.empty();
            }
            String key = keywordsKey(from, to, keywords);
            return parse(read(keywordsFile(key), key), in -> {
                int n = in.count();
                Map<String, List<Integer>> out = new HashMap<>();
                for (int i = 0; i < n; i++) {
                    String id = in.string();
                    int m = in.count();
                    List<Integer> positions = new ArrayList<>(m);
                    for (int j = 0; j < m; j++) {
                        positions.add(in.integer());
                    }
                    out.put(id, positions);
                }
                return in.atEnd() ? Optional.of(out) : Optional.empty();
            });
        }

        void putKeywordHits(String from, String to, String keywords, Map<String, List<Integer>> hits) {
            if (dir == null) {
                return;
            }
            String key = keywordsKey(from, to, keywords);
            CacheCodec.Out out = new CacheCodec.Out(key).integer(hits.size());
            for (Map.Entry<String, List<Integer>> e : new TreeMap<>(hits).entrySet()) {
                out.string(e.getKey()).integer(e.getValue().size());
                e.getValue().forEach(out::integer);
            }
            write(keywordsFile(key), out.finish());
        }

        private Path keywordsFile(String key) {
            return dir.resolve("keywords-" + sha256(key).substring(0, 40));
        }

        /**
         * The facts of every commit the other stored ranges of this repository hold (with the same settings and,
         * with {@code needText}, with their patch text), by commit id: what a new range can reuse.
         */
        Map<String, Facts> known(String settings, boolean needText) {
            Map<String, Facts> out = new HashMap<>();
            if (dir == null) {
                return out;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "range-*")) {
                for (Path f : files) {
                    readAny(f, settings, needText).ifPresent(list -> list.forEach(x -> out.put(x.commit().id(), x)));
                }
            } catch (IOException e) {
                return out;       // no directory yet, or unreadable: nothing known
            }
            return out;
        }

        /** A range entry of any from..to: its key is read from the file and must name this repository. */
        private Optional<List<Facts>> readAny(Path f, String settings, boolean needText) {
            byte[] bytes = bytes(f);
            if (bytes == null) {
                return Optional.empty();
            }
            // An entry whose key does not name this repository and these settings, or that is not stored under
            // its key's name, is not used.
            String key = CacheCodec.key(bytes);
            if (!key.startsWith(repoKey + "\nrange=") || !key.endsWith("\n" + settings)
                    || !rangeFile(key).getFileName().equals(f.getFileName())) {
                return Optional.empty();
            }
            return parse(CacheCodec.open(bytes, key), this::commits).flatMap(c -> withText(c, key, needText));
        }

        /** Stores the commits of {@code from..to}; never fails the run. */
        void putRange(String from, String to, String settings, boolean hasText, List<Facts> facts) {
            if (dir == null) {
                return;
            }
            String key = rangeKey(from, to, settings);
            CacheCodec.Out out = new CacheCodec.Out(key).integer(facts.size());
            facts.forEach(f -> out.commit(f.commit()));
            write(rangeFile(key), out.finish());
            if (hasText) {
                String patchesKey = patchesKey(key);
                CacheCodec.Out text = new CacheCodec.Out(patchesKey).integer(facts.size());
                facts.forEach(f -> text.string(f.commit().id()).string(f.patchText()));
                write(patchesFile(patchesKey), text.finish());
            }
        }

        private String mergeKey(String ours, String theirs) {
            return repoKey + "\nmerge=" + ours + " " + theirs;
        }

        private Path mergeFile(String key) {
            return dir.resolve("merge-" + sha256(key).substring(0, 40));
        }

        /** The stored merge of {@code ours} with {@code theirs}, named {@code against} as given this time. */
        Optional<MergeCheck> merge(String ours, String theirs, String against) {
            if (dir == null) {
                return Optional.empty();
            }
            String key = mergeKey(ours, theirs);
            return parse(read(mergeFile(key), key), in -> {
                List<String> bases = in.strings();
                boolean clean = in.bool();
                int n = in.count();
                List<MergeCheck.Conflict> conflicts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    conflicts.add(new MergeCheck.Conflict(in.string(), in.strings(), in.strings()));
                }
                Map<String, String> subjects = in.stringMap();
                return in.atEnd() ? Optional.of(new MergeCheck(against, ours, theirs, bases, clean, conflicts,
                        subjects)) : Optional.empty();
            });
        }

        void putMerge(MergeCheck m) {
            if (dir == null) {
                return;
            }
            String key = mergeKey(m.ours(), m.theirs());
            CacheCodec.Out out = new CacheCodec.Out(key).strings(m.bases()).bool(m.clean()).integer(m.conflicts().size());
            for (MergeCheck.Conflict c : m.conflicts()) {
                out.string(c.path()).strings(c.ours()).strings(c.theirs());
            }
            List<String> ids = new ArrayList<>(m.subjects().keySet());
            ids.sort(null);
            out.strings(ids).strings(ids.stream().map(m.subjects()::get).toList());
            write(mergeFile(key), out.finish());
        }

        /** The body of {@code f} if it is a sound entry with {@code key}; a hit marks it recently used. */
        private Optional<CacheCodec.In> read(Path f, String key) {
            byte[] bytes = bytes(f);
            if (bytes == null) {
                return Optional.empty();
            }
            Optional<CacheCodec.In> in = CacheCodec.open(bytes, key);
            if (in.isPresent()) {
                touch(f);
            }
            return in;
        }
    }

    /** {@code body} parsed by {@code parser}; a malformed body is a miss. */
    private static <T> Optional<T> parse(Optional<CacheCodec.In> body, Function<CacheCodec.In, Optional<T>> parser) {
        try {
            return body.flatMap(parser);
        } catch (CacheCodec.Malformed e) {
            return Optional.empty();
        }
    }

    private static byte[] bytes(Path f) {
        try {
            if (Files.size(f) > MAX_ENTRY) {
                return null;
            }
            return Files.readAllBytes(f);
        } catch (IOException e) {
            return null;
        }
    }

    private static void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // a read-only cache still serves
        }
    }

    /** Writes {@code f} atomically (temporary file, rename), then keeps the cache within its limit. */
    private void write(Path f, byte[] bytes) {
        Path tmp = null;
        try {
            Files.createDirectories(f.getParent());
            tmp = Files.createTempFile(f.getParent(), ".tmp-", "");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            evict();
        } catch (IOException | SecurityException e) {
            // not writable: this run goes on uncached
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // left for the next eviction
                }
            }
        }
    }

    /** Deletes the least recently used entries until the whole cache is within {@link #limit} bytes. */
    private void evict() throws IOException {
        record Entry(Path path, long size, FileTime used) {
        }
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        try (var walk = Files.walk(root, 2)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue;   // another run evicted it
                }
                if (a.isRegularFile()) {
                    entries.add(new Entry(p, a.size(), a.lastModifiedTime()));
                    total += a.size();
                }
            }
        }
        if (total <= limit) {
            return;
        }
        entries.sort(Comparator.comparing(Entry::used));
        for (Entry e : entries) {
            if (total <= limit) {
                break;
            }
            Files.deleteIfExists(e.path());
            total -= e.size();
        }
    }
}
