package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.model.ModelCatalog;
import org.eclipse.jgit.lib.ObjectReader;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns a read series (commits, MAINTAINERS, merge checks) into a {@link SeriesReport}: gathers the sections each
 * commit touches and the patch models it matches, and applies the series rules ({@link MergeConflictRule},
 * {@link MissingMaintainerAckRule}, {@link LateForMergeWindowRule}) to those facts.
 */
public final class SeriesAnalysis {

    /**
     * What was read.
     *
     * @param repo        repository path as given, or null (mbox without --repo)
     * @param range       {@code A..B} as given, or null for an mbox
     * @param scenario    what findings name as their scenario: the range, or the mbox path
     * @param commits     the series, oldest first
     * @param index       MAINTAINERS, or null when there is none
     * @param keywordHits sections whose K: keywords each commit's patch text matched, by commit id
     * @param merges      one per --against
     */
    public record Input(String repo, String range, String scenario, List<Commit> commits, MaintainerIndex index,
                        Map<String, List<Section>> keywordHits, List<MergeCheck> merges) {
        public Input {
            commits = List.copyOf(commits);
            keywordHits = keywordHits == null ? Map.of() : Map.copyOf(keywordHits);
            merges = List.copyOf(merges);
        }
    }

    private final List<SeriesRule> rules;
    private final ReleaseCalendar calendar;
    private final PatchModelIndex models;
    private final AckGrouping acks;
    private final ModelCatalog catalog;

    public SeriesAnalysis(ReleaseCalendar calendar, PatchModelIndex models) {
        this(calendar, models, AckGrouping.SECTION);
    }

    /** With missing-maintainer-ack findings grouped per section or per commit. */
    public SeriesAnalysis(ReleaseCalendar calendar, PatchModelIndex models, AckGrouping acks) {
        this(calendar, models, acks, null);
    }

    /**
     * With {@code catalog}, the patch models derived from the code of commits matched by subject to a built-in
     * model are cross-checked against it.
     */
    public SeriesAnalysis(ReleaseCalendar calendar, PatchModelIndex models, AckGrouping acks, ModelCatalog catalog) {
        this.rules = List.of(new MergeConflictRule(), new MissingMaintainerAckRule(acks),
                new LateForMergeWindowRule(calendar));
        this.calendar = calendar;
        this.models = models;
        this.acks = acks;
        this.catalog = catalog;
    }

    /** This analysis with the calendar of {@code git}'s own tags taking precedence over its calendar. */
    SeriesAnalysis withTagsOf(GitRepository git) {
        return new SeriesAnalysis(ReleaseCalendar.preferring(TagReleaseCalendar.read(git), calendar), models, acks,
                catalog);
    }

    /** Derives the series' patch models from the trees {@code reader} sees. */
    SeriesDerivation derivation(GitRepository git, ObjectReader reader) {
        return new SeriesDerivation(git, reader, catalog, models);
    }

    public SeriesReport analyze(Input in) {
        List<SeriesReport.SectionUse> sections = sections(in);
        String maintainersFile = in.index() == null ? null : in.index().maintainers().file();
        SeriesFacts facts = new SeriesFacts(in.repo(), in.scenario(), in.commits(), sections, maintainersFile,
                in.merges());
        List<Finding> findings = new ArrayList<>();
        for (SeriesRule rule : rules) {
            findings.addAll(rule.apply(facts));
        }
        findings.sort(Comparator.comparing(Finding::severity)); // stable: most severe first
        List<SeriesReport.ModelMatch> matched = new ArrayList<>();
        for (Commit c : in.commits()) {
            models.match(c.subject()).ifPresent(id -> matched.add(new SeriesReport.ModelMatch(c.id(), id)));
        }
        return new SeriesReport(in.repo(), in.range(), in.commits(), sections, in.merges(), matched, findings,
                maintainersFile, in.scenario());
    }

    /** Every section a commit of the series touches, by path (F:/N:) or by keyword (K:), in order of first use. */
    private static List<SeriesReport.SectionUse> sections(Input in) {
        if (in.index() == null) {
            return List.of();
        }
        // Commits are records: equal ones count once. Each gets the index of its first equal one, so that the
        // sets below hold an int, not a whole commit with its files and trailers, once per path and section.
        // Equal commits have the same id: only commits of one id are compared, and no record is hashed whole.
        List<Commit> commits = in.commits();
        Map<String, List<Integer>> byId = new HashMap<>();
        int[] canonical = new int[commits.size()];
        List<Commit> distinct = new ArrayList<>(commits.size());
        List<Set<String>> ackers = new ArrayList<>(commits.size());
        for (int i = 0; i < canonical.length; i++) {
            Commit c = commits.get(i);
            List<Integer> sameId = byId.computeIfAbsent(c.id(), id -> new ArrayList<>(1));
            int first = -1;
            for (int d : sameId) {
                if (distinct.get(d).equals(c)) {
                    first = d;
                    break;
                }
            }
            if (first < 0) {
                first = distinct.size();
                sameId.add(first);
                distinct.add(c);
                ackers.add(c.ackers());
            }
            canonical[i] = first;
        }
        Map<Section, Use> uses = new LinkedHashMap<>();
        // The index hands out the same Section objects again and again: each is hashed (a whole record) once.
        Map<Section, Use> seen = new IdentityHashMap<>();
        Function<Section, Use> use = section -> seen.computeIfAbsent(section,
                x -> uses.computeIfAbsent(x, k -> new Use()));
        // A path's sections are looked up, and the path added to them, where it first occurs; later commits that
        // touch it are only added to the uses it found.
        Map<String, List<Use>> byPath = new HashMap<>();
        for (int i = 0; i < canonical.length; i++) {
            Commit c = commits.get(i);
            for (FileChange f : c.files()) {
                for (String path : f.paths()) {
                    List<Use> found = byPath.get(path);
                    if (found == null) {
                        found = new ArrayList<>();
                        for (MaintainerIndex.Match m : in.index().sectionsFor(path)) {
                            Use u = use.apply(m.section());
                            u.specific |= m.depth() >= 0;
                            u.paths.add(path);
                            found.add(u);
                        }
                        byPath.put(path, found);
                    }
                    for (Use u : found) {
                        u.add(canonical[i]);
                    }
                }
            }
            for (Section s : in.keywordHits().getOrDefault(c.id(), List.of())) {
                Use u = use.apply(s);
                u.specific = true;
                for (FileChange f : c.files()) {
                    u.paths.addAll(f.paths());
                }
                u.add(canonical[i]);
            }
        }
        List<SeriesReport.SectionUse> out = new ArrayList<>();
        for (Map.Entry<Section, Use> e : uses.entrySet()) {
            Section s = e.getKey();
            Use u = e.getValue();
            List<Person> maintainers = s.maintainers();     // parsed from the M: lines at each call
            List<String> keys = maintainers.stream().map(Person::key).toList();
            Set<String> acked = new HashSet<>();
            for (int c : u.commits) {
                Set<String> ackedThis = ackers.get(c);
                for (String key : keys) {
                    if (ackedThis.contains(key)) {
                        acked.add(key);
                    }
                }
            }
            List<Person> ackedBy = new ArrayList<>();
            for (Person m : maintainers) {
                if (acked.contains(m.key())) {
                    ackedBy.add(m);
                }
            }
            out.add(new SeriesReport.SectionUse(s, new ArrayList<>(u.paths), ackedBy,
                    u.commits.stream().map(c -> distinct.get(c).id()).toList(), !u.specific));
        }
        return out;
    }

    private static final class Use {
        final TreeSet<String> paths = new TreeSet<>();
        final List<Integer> commits = new ArrayList<>();   // canonical indexes, in order of first use
        final BitSet listed = new BitSet();
        boolean specific;

        void add(int commit) {
            if (!listed.get(commit)) {
                listed.set(commit);
                commits.add(commit);
            }
        }
    }
}
