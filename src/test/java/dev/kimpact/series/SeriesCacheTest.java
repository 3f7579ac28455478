package dev.kimpact.series;

import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesCacheTest {

    @TempDir
    Path tmp;

    Path repoDir;
    Path cacheDir;
    ObjectId base;
    ObjectId mid;

    /** master: base, four commits (a rename, trailers, K:-relevant text), a branch kvm conflicting with it. */
    @BeforeEach
    void repo() throws Exception {
        repoDir = tmp.resolve("linux");
        cacheDir = tmp.resolve("cache/kimpact/series");
        try (TestRepo r = TestRepo.init(repoDir)) {
            base = r.commit("master", "base\n", f -> {
                f.put("arch/x86/kvm/x86.c", TestRepo.SIX_LINES);
                f.put("README", "readme\n");
            });
            r.branch("kvm", "master");
            r.commit("master", "x86/fpu: add core\n\nAcked-by: Thomas Gleixner <tglx@kernel.org>\n",
                    f -> f.put("arch/x86/kernel/fpu/core.c", "kvm_vcpu_load(v);\n"));
            mid = r.commit("master", "KVM: x86: rename\n",
                    f -> f.put("arch/x86/kvm/x86_new.c", f.remove("arch/x86/kvm/x86.c")));
            r.commit("master", "x86: change\n\nSigned-off-by: Ann Author <ann@example.org>\n",
                    f -> f.put("arch/x86/kvm/x86_new.c", TestRepo.SIX_LINES.replace("three", "tip three")));
            r.commit("kvm", "KVM: x86: own change\n",
                    f -> f.put("arch/x86/kvm/x86.c", TestRepo.SIX_LINES.replace("three", "kvm three")));
        }
    }

    record Run(List<Commit> commits, List<String> patches, MergeCheck merge) {
    }

    Run run(String range, SeriesCache cache) {
        try (GitRepository g = GitRepository.open(repoDir)) {
            SeriesCache.Scope scope = cache.scope(g);
            RevisionRange r = g.range(range);
            List<String> patches = new ArrayList<>();
            List<Commit> commits = new CommitWalk(g, scope).commits(r, (c, text) -> patches.add(text));
            MergeCheck merge = new TrialMerge(g, scope).check(r.to(), "kvm");
            return new Run(commits, patches, merge);
        }
    }

    SeriesCache cache() {
        return new SeriesCache(cacheDir, SeriesCache.DEFAULT_LIMIT);
    }

    List<Path> entries(String prefix) throws IOException {
        if (!Files.exists(cacheDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(cacheDir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** Every file of the repository (its .git included) by path, with its SHA-256. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) {
                    out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } else if (Files.isDirectory(p)) {
                    out.put(dir.relativize(p) + "/", "");
                }
            }
        }
        return out;
    }

    @Test
    void aRepeatedRunIsServedFromTheCacheWithTheSameResult() throws Exception {
        Run uncached = run(base.name() + "..master", SeriesCache.disabled());
        assertThat(entries("")).isEmpty();
        Run first = run(base.name() + "..master", cache());
        assertThat(entries("range-")).hasSize(1);
        assertThat(entries("patches-")).hasSize(1);
        assertThat(entries("merge-")).hasSize(1);
        Run second = run(base.name() + "..master", cache());
        assertThat(first).isEqualTo(uncached);
        assertThat(second).isEqualTo(uncached);
        assertThat(second.commits().get(1).files()).containsExactly(
                new FileChange("arch/x86/kvm/x86_new.c", "arch/x86/kvm/x86.c", FileChange.Change.RENAME));
        assertThat(second.patches().get(0)).contains("+kvm_vcpu_load(v);");
        assertThat(second.merge().conflicts()).extracting(MergeCheck.Conflict::path).isNotEmpty();
    }

    @Test
    void theRepositoryStaysByteForByteUnchangedAndNothingIsWrittenInsideIt() throws Exception {
        Map<String, String> before = snapshot(repoDir);
        run(base.name() + "..master", cache());
        run(base.name() + "..master", cache());
        assertThat(snapshot(repoDir)).isEqualTo(before);

        // A cache directory inside the repository (XDG_CACHE_HOME=REPO/...) is not used at all.
        SeriesCache inside = new SeriesCache(repoDir.resolve(".git/kimpact/series"), SeriesCache.DEFAULT_LIMIT);
        Run uncached = run(base.name() + "..master", SeriesCache.disabled());
        assertThat(run(base.name() + "..master", inside)).isEqualTo(uncached);
        SeriesCache inWorkTree = new SeriesCache(repoDir.resolve("cache"), SeriesCache.DEFAULT_LIMIT);
        assertThat(run(base.name() + "..master", inWorkTree)).isEqualTo(uncached);
        assertThat(snapshot(repoDir)).isEqualTo(before);
    }

    @Test
    void aCorruptEntryIsDetectedAndRebuilt() throws Exception {
        Run uncached = run(base.name() + "..master", cache());
        for (Path entry : List.of(entries("range-").get(0), entries("patches-").get(0), entries("merge-").get(0))) {
            byte[] good = Files.readAllBytes(entry);
            byte[] bad = good.clone();
            bad[bad.length / 2] ^= 0x20;     // one bit, inside the body: the checksum no longer matches
            Files.write(entry, bad);
            assertThat(run(base.name() + "..master", cache())).isEqualTo(uncached);
            assertThat(Files.readAllBytes(entry)).isEqualTo(good);
        }
    }

    @Test
    void aTruncatedOrEmptyEntryIsDetectedAndRebuilt() throws Exception {
        Run uncached = run(base.name() + "..master", cache());
        for (Path entry : List.of(entries("range-").get(0), entries("patches-").get(0))) {
            byte[] good = Files.readAllBytes(entry);
            for (int length : new int[] {good.length - 1, good.length / 2, 10, 0}) {
                Files.write(entry, java.util.Arrays.copyOf(good, length));
                assertThat(run(base.name() + "..master", cache())).isEqualTo(uncached);
                assertThat(Files.readAllBytes(entry)).isEqualTo(good);
            }
        }
    }

    /** An entry whose body was changed and its checksum recomputed: only the version or key check can catch it. */
    static byte[] resealed(byte[] entry, int at, int value) {
        byte[] out = entry.clone();
        ByteBuffer.wrap(out).putInt(at, value);
        CRC32C crc = new CRC32C();
        crc.update(out, 0, out.length - 4);
        ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
        return out;
    }

    @Test
    void anEntryOfAnotherFormatVersionIsStaleAndRebuilt() throws Exception {
        Run uncached = run(base.name() + "..master", cache());
        for (Path entry : List.of(entries("range-").get(0), entries("patches-").get(0))) {
            byte[] good = Files.readAllBytes(entry);
            int versionAt = "kimpact-series-cache\n".length();
            assertThat(ByteBuffer.wrap(good).getInt(versionAt)).isEqualTo(CacheCodec.VERSION);
            for (int version : new int[] {CacheCodec.VERSION - 1, CacheCodec.VERSION + 1}) {
                Files.write(entry, resealed(good, versionAt, version));
                assertThat(run(base.name() + "..master", cache())).isEqualTo(uncached);
                assertThat(Files.readAllBytes(entry)).isEqualTo(good);
            }
        }
    }

    @Test
    void anEntryStoredUnderAnotherKeyIsNotTrusted() throws Exception {
        // The entry of mid..master copied over the name of base..master: same repository, sound checksum and
        // version, but its key names another range, so it is not taken for base..master's.
        run(mid.name() + "..master", cache());
        Path other = entries("range-").get(0);
        Run uncached = run(base.name() + "..master", SeriesCache.disabled());
        run(base.name() + "..master", cache());
        Path own = entries("range-").stream().filter(p -> !p.equals(other)).findFirst().orElseThrow();
        byte[] good = Files.readAllBytes(own);
        Files.copy(other, own, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(run(base.name() + "..master", cache())).isEqualTo(uncached);
        assertThat(Files.readAllBytes(own)).isEqualTo(good);

        // The patch text of mid..master over base..master's, and a range entry over a patches entry: the keys
        // differ (other range; a patches entry's key is its range's, marked), so neither is taken.
        Path ownText = patchesOf(own);
        Path otherText = entries("patches-").stream().filter(p -> !p.equals(ownText)).findFirst().orElseThrow();
        byte[] goodText = Files.readAllBytes(ownText);
        for (Path planted : List.of(otherText, own)) {
            Files.copy(planted, ownText, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(run(base.name() + "..master", cache())).isEqualTo(uncached);
            assertThat(Files.readAllBytes(ownText)).isEqualTo(goodText);
        }
    }

    /** The patches entry of the range entry {@code range}: named after its key, the range's marked. */
    Path patchesOf(Path range) throws IOException {
        String key = CacheCodec.key(Files.readAllBytes(range)) + "\npatches";
        return range.resolveSibling("patches-" + SeriesCache.sha256(key).substring(0, 40));
    }

    @Test
    void aRunThatMatchesNoKeywordsDoesNotNeedThePatchText() throws Exception {
        // A planted range (one subject changed) with its patch text. A walk without K: matching takes the
        // commits from the range entry alone, even with the patches entry gone; one that needs the text then
        // misses and walks again (the real subject).
        String settings;
        List<Commit> real;
        try (GitRepository g = GitRepository.open(repoDir)) {
            RevisionRange r = g.range(base.name() + "..master");
            real = new CommitWalk(g).commits(r, null);
            List<SeriesCache.Facts> planted = new ArrayList<>();
            for (Commit c : real) {
                Commit x = c.id().equals(mid.name()) ? new Commit(c.id(), "from the cache", c.author(), c.date(),
                        c.commitDate(), c.files(), c.trailers(), c.merge()) : c;
                planted.add(new SeriesCache.Facts(x, "text of " + c.id()));
            }
            settings = "renames=" + g.repository().getConfig().get(org.eclipse.jgit.diff.DiffConfig.KEY)
                    .getRenameLimit();
            cache().scope(g).putRange(base.name(), r.to().name(), settings, true, planted);
        }
        assertThat(entries("patches-")).hasSize(1);
        Files.delete(entries("patches-").get(0));
        try (GitRepository g = GitRepository.open(repoDir)) {
            SeriesCache.Scope scope = cache().scope(g);
            RevisionRange r = g.range(base.name() + "..master");
            assertThat(new CommitWalk(g, scope).commits(r, null)).extracting(Commit::subject)
                    .contains("from the cache");
            List<String> texts = new ArrayList<>();
            assertThat(new CommitWalk(g, scope).commits(r, (c, text) -> texts.add(text))).isEqualTo(real);
            assertThat(texts).hasSize(real.size()).allMatch(t -> t.contains("\ndiff --git a/"));
            assertThat(entries("patches-")).hasSize(1);
        }
    }

    @Test
    void everyStringComesBackEqual() {
        List<String> strings = java.util.Arrays.asList("", "ascii", "Ren\u00e9 L\u00f6we", "\u20ac 5",
                "\ud800 unpaired", "\u00ff\u0100", null);
        CacheCodec.Out out = new CacheCodec.Out("k");
        strings.forEach(out::string);
        CacheCodec.In in = CacheCodec.open(out.finish(), "k").orElseThrow();
        List<String> back = new ArrayList<>();
        strings.forEach(x -> back.add(in.string()));
        assertThat(back).isEqualTo(strings);
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void aNewRangeReusesTheCommitsAnotherRangeStored() throws Exception {
        // A stored range whose commit 'mid' says another subject: if the new range takes that commit from the
        // cache instead of diffing it again, the subject shows it.
        try (GitRepository g = GitRepository.open(repoDir)) {
            SeriesCache.Scope scope = cache().scope(g);
            RevisionRange r = g.range(base.name() + "..master");
            List<Commit> real = new CommitWalk(g).commits(r, null);
            List<SeriesCache.Facts> planted = new ArrayList<>();
            for (Commit c : real) {
                Commit x = c.id().equals(mid.name()) ? new Commit(c.id(), "from the cache", c.author(), c.date(),
                        c.commitDate(), c.files(), c.trailers(), c.merge()) : c;
                planted.add(new SeriesCache.Facts(x, "text of " + c.id()));
            }
            String settings = "renames=" + g.repository().getConfig().get(org.eclipse.jgit.diff.DiffConfig.KEY)
                    .getRenameLimit();
            scope.putRange(base.name(), r.to().name(), settings, true, planted);
        }
        Run shorter = run(base.name() + ".." + mid.name(), cache());   // not stored: walked, facts reused
        assertThat(shorter.commits()).extracting(Commit::subject).containsExactly("x86/fpu: add core",
                "from the cache");
        assertThat(shorter.patches().get(1)).isEqualTo("text of " + mid.name());
    }

    /** A report's commits and, per section used, its name, paths and commits (Section holds Patterns: no equals). */
    static List<Object> facts(SeriesReport r) {
        List<Object> out = new ArrayList<>(r.commits());
        r.sections().forEach(u -> out.add(List.of(u.section().name(), u.paths(), u.commits(), u.ackedBy())));
        out.add(r.findings());
        return out;
    }

    @Test
    void storedKeywordHitsAreUsedForTheSameKeywordsOnly() throws Exception {
        Path maintainers = tmp.resolve("MAINTAINERS");
        Files.writeString(maintainers, "KVM\nM:\tPaolo Bonzini <pbonzini@redhat.com>\nS:\tSupported\n"
                + "K:\t\\bkvm_vcpu_(load|put)\\b\n\nTEGRA\nM:\tThierry Reding <thierry.reding@gmail.com>\n"
                + "S:\tSupported\nK:\ttegra\n");
        String range = base.name() + "..master";
        SeriesAnalysis analysis = new SeriesAnalysis(ReleaseCalendar.of(List.of()), subject -> Optional.empty());
        SeriesSources sources = new SeriesSources(repoDir, range, List.of(), maintainers, null, null,
                cacheDir);
        SeriesReport uncached = new SeriesSources(repoDir, range, List.of(), maintainers, null, null, null)
                .fromRange(analysis);
        assertThat(uncached.sections()).extracting(u -> u.section().name()).containsExactly("KVM");
        assertThat(facts(sources.fromRange(analysis))).isEqualTo(facts(uncached));
        assertThat(entries("keywords-")).hasSize(1);
        assertThat(facts(sources.fromRange(analysis))).isEqualTo(facts(uncached));

        // Planted: the entry says 'mid' matched the second section with keywords (TEGRA). A run with the same K:
        // regexes takes it from there; one with other regexes matches the text again.
        try (GitRepository g = GitRepository.open(repoDir)) {
            MaintainerIndex index = new MaintainerIndex(Maintainers.parse(Files.readString(maintainers), "M"));
            RevisionRange r = g.range(range);
            cache().scope(g).putKeywordHits(r.from().name(), r.to().name(), index.keywordsKey(),
                    Map.of(mid.name(), List.of(1)));
        }
        assertThat(sources.fromRange(analysis).sections()).extracting(u -> u.section().name())
                .containsExactly("TEGRA");
        Files.writeString(maintainers, Files.readString(maintainers).replace("K:\ttegra", "K:\ttegra2"));
        assertThat(sources.fromRange(analysis).sections()).extracting(u -> u.section().name())
                .containsExactly("KVM");
    }

    @Test
    void withoutAWritableDirectoryTheRunGoesOnUncached() throws Exception {
        Run uncached = run(base.name() + "..master", SeriesCache.disabled());
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        SeriesCache blocked = new SeriesCache(file.resolve("kimpact/series"), SeriesCache.DEFAULT_LIMIT);
        assertThat(run(base.name() + "..master", blocked)).isEqualTo(uncached);
        assertThat(run(base.name() + "..master", blocked)).isEqualTo(uncached);
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void beyondItsLimitTheLeastRecentlyUsedEntriesAreDeleted() throws Exception {
        run(base.name() + "..master", cache());
        Path big = entries("range-").get(0);
        long bigSize = Files.size(big);
        Files.delete(big);
        run(mid.name() + "..master", cache());
        Path old = entries("range-").get(0);
        Files.setLastModifiedTime(old, FileTime.fromMillis(0));
        long others = 0;        // both patches entries and the merge
        for (Path p : entries("")) {
            others += Files.isRegularFile(p) && !p.equals(old) ? Files.size(p) : 0;
        }
        long limit = bigSize + others + Files.size(old) - 1;    // the new entry and the others fit, not all
        run(base.name() + "..master", new SeriesCache(cacheDir, limit));
        assertThat(old).doesNotExist();
        assertThat(entries("range-")).containsExactly(big);
        assertThat(entries("patches-")).hasSize(2);
        assertThat(entries("merge-")).hasSize(1);
    }

    static java.util.function.Function<String, String> env(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m::get;
    }

    @Test
    void theDirectoryComesFromTheEnvironment() {
        assertThat(SeriesCache.directory(env("HOME", "/home/ann")))
                .contains(Path.of("/home/ann/.cache/kimpact/series"));
        assertThat(SeriesCache.directory(env("HOME", "/home/ann", "XDG_CACHE_HOME", "/var/cache/ann")))
                .contains(Path.of("/var/cache/ann/kimpact/series"));
        assertThat(SeriesCache.directory(env("HOME", "/home/ann", "XDG_CACHE_HOME", "relative")))
                .contains(Path.of("/home/ann/.cache/kimpact/series"));
        assertThat(SeriesCache.directory(env("HOME", "/home/ann", "KIMPACT_CACHE", "off"))).isEmpty();
        assertThat(SeriesCache.directory(env("HOME", "/home/ann", "KIMPACT_CACHE", "0"))).isEmpty();
        assertThat(SeriesCache.directory(env("HOME", "/home/ann", "KIMPACT_CACHE", "on"))).isPresent();
        assertThat(SeriesCache.directory(env())).isEqualTo(Optional.empty());
    }
}
