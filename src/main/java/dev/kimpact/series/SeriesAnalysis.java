package dev.kimpact.series;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a read series (commits, MAINTAINERS, merge checks) into a {@link SeriesReport}: the sections each commit
 * touches, the patch models it matches, and the findings of the three series rules.
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

    private final ReleaseCalendar calendar;
    private final PatchModelIndex models;

    public SeriesAnalysis(ReleaseCalendar calendar, PatchModelIndex models) {
        this.calendar = calendar;
        this.models = models;
    }

    public SeriesReport analyze(Input in) {
        List<SeriesReport.SectionUse> sections = sections(in);
        List<Finding> findings = new ArrayList<>();
        for (MergeCheck m : in.merges()) {
            if (!m.clean()) {
                findings.add(mergeConflict(in, m));
            }
        }
        Map<String, Commit> byId = new java.util.HashMap<>();
        for (Commit c : in.commits()) {
            byId.put(c.id(), c);
        }
        for (SeriesReport.SectionUse use : sections) {
            missingAck(in, use, byId).ifPresent(findings::add);
        }
        findings.addAll(late(in));
        findings.sort(Comparator.comparing(Finding::severity)); // stable: most severe first
        List<SeriesReport.ModelMatch> matched = new ArrayList<>();
        for (Commit c : in.commits()) {
            models.match(c.subject()).ifPresent(id -> matched.add(new SeriesReport.ModelMatch(c.id(), id)));
        }
        return new SeriesReport(in.repo(), in.range(), in.commits(), sections, in.merges(), matched, findings,
                in.index() == null ? null : in.index().maintainers().file(), in.scenario());
    }

    /** Every section a commit of the series touches, by path (F:/N:) or by keyword (K:), in order of first use. */
    private static List<SeriesReport.SectionUse> sections(Input in) {
        if (in.index() == null) {
            return List.of();
        }
        Map<Section, Use> uses = new LinkedHashMap<>();
        Map<String, List<MaintainerIndex.Match>> byPath = new java.util.HashMap<>();
        for (Commit c : in.commits()) {
            for (FileChange f : c.files()) {
                for (String path : f.paths()) {
                    for (MaintainerIndex.Match m : byPath.computeIfAbsent(path, in.index()::sectionsFor)) {
                        Use u = uses.computeIfAbsent(m.section(), s -> new Use());
                        u.specific |= m.depth() >= 0;
                        u.paths.add(path);
                        u.commits.add(c);
                    }
                }
            }
            for (Section s : in.keywordHits().getOrDefault(c.id(), List.of())) {
                Use u = uses.computeIfAbsent(s, k -> new Use());
                u.specific = true;
                for (FileChange f : c.files()) {
                    u.paths.addAll(f.paths());
                }
                u.commits.add(c);
            }
        }
        List<SeriesReport.SectionUse> out = new ArrayList<>();
        for (Map.Entry<Section, Use> e : uses.entrySet()) {
            Section s = e.getKey();
            Use u = e.getValue();
            Set<String> acked = new LinkedHashSet<>();
            for (Commit c : u.commits) {
                Set<String> seen = ackers(c);
                for (Person m : s.maintainers()) {
                    if (seen.contains(m.key())) {
                        acked.add(m.key());
                    }
                }
            }
            List<Person> ackedBy = new ArrayList<>();
            for (Person m : s.maintainers()) {
                if (acked.contains(m.key())) {
                    ackedBy.add(m);
                }
            }
            out.add(new SeriesReport.SectionUse(s, new ArrayList<>(u.paths), ackedBy,
                    u.commits.stream().map(Commit::id).toList(), !u.specific));
        }
        return out;
    }

    private static final class Use {
        final TreeSet<String> paths = new TreeSet<>();
        final LinkedHashSet<Commit> commits = new LinkedHashSet<>();
        boolean specific;
    }

    /** Lower-cased addresses of a commit's Signed-off-by, Acked-by, Reviewed-by and Cc (mail recipients included). */
    private static Set<String> ackers(Commit c) {
        Set<String> out = new java.util.HashSet<>();
        for (Trailer t : c.trailers()) {
            if (t.countsAsAck() && t.email() != null) {
                out.add(t.email().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    // Rule missing-maintainer-ack: MAINTAINERS header "M: *Mail* patches to: FullName <address@domain>" --
    // patches go to the maintainers; a touched section none of whose M: addresses (lists such as
    // x86@kernel.org included) is in a commit's Signed-off-by/Acked-by/Reviewed-by/Cc (or the mail's To/Cc)
    // is reported once, with the commits that lack them. Sections without M:, S: Orphan ones and catch-alls
    // (THE REST: get_maintainer.pl drops its "chief penguin" maintainer) are skipped.
    private Optional<Finding> missingAck(Input in, SeriesReport.SectionUse use, Map<String, Commit> byId) {
        Section s = use.section();
        List<Person> maintainers = s.maintainers();
        if (maintainers.isEmpty() || use.catchAll()
                || "orphan".equalsIgnoreCase(String.valueOf(s.status()).strip())) {
            return Optional.empty();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Person m : maintainers) {
            keys.add(m.key());
        }
        List<Commit> lacking = new ArrayList<>();
        for (String id : use.commits()) {
            Commit c = byId.get(id);
            Set<String> seen = ackers(c);
            if (keys.stream().noneMatch(seen::contains)) {
                lacking.add(c);
            }
        }
        if (lacking.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> paths = new TreeSet<>();
        for (Commit c : lacking) {
            for (FileChange f : c.files()) {
                for (String p : f.paths()) {
                    if (use.paths().contains(p)) {
                        paths.add(p);
                    }
                }
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("section", s.name());
        evidence.put("maintainers", maintainers.stream().map(Person::display).toList());
        evidence.put("maintainers_file", in.index().maintainers().file() + ":" + s.line());
        evidence.put("commits", lacking.stream().map(Commit::id).toList());
        evidence.put("paths", new ArrayList<>(paths));
        String who = String.join(", ", maintainers.stream().map(Person::email).toList());
        String message = "no maintainer of " + s.name() + " (" + who + ") signed, acked, reviewed or was Cc'd on "
                + count(lacking.size(), "commit") + " touching it";
        String remedy = "Cc " + who + " (scripts/get_maintainer.pl) and collect an Acked-by or Reviewed-by"
                + " before the series is merged";
        return Optional.of(finding(RuleId.MISSING_MAINTAINER_ACK, in, lacking.get(0).id(),
                new Location(in.index().maintainers().file(), s.line(), 0), message, evidence, remedy));
    }

    // Rule merge-conflict: linux-next "manual merge of the X tree with the Y tree" mails -- B merged with each
    // --against REF in memory; each conflicting path with the commits of both sides that touch it.
    private static Finding mergeConflict(Input in, MergeCheck m) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("against", m.against());
        evidence.put("ours", m.ours());
        evidence.put("theirs", m.theirs());
        evidence.put("merge_base", m.bases().size() == 1 ? m.bases().get(0) : m.bases());
        List<Map<String, Object>> conflicts = new ArrayList<>();
        for (MergeCheck.Conflict c : m.conflicts()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", c.path());
            row.put("ours", c.ours());
            row.put("theirs", c.theirs());
            conflicts.add(row);
        }
        evidence.put("conflicts", conflicts);
        List<String> paths = m.conflicts().stream().map(MergeCheck.Conflict::path).toList();
        String message = "merging " + m.against() + " conflicts in " + count(paths.size(), "path")
                + (paths.isEmpty() ? "" : ": " + String.join(", ", paths.size() > 5 ? paths.subList(0, 5) : paths)
                + (paths.size() > 5 ? ", ..." : ""));
        String remedy = "rebase the series onto " + m.against() + ", or tell both maintainers and carry the"
                + " resolution (as linux-next does) until one tree has the other's commits";
        String step = null;
        for (MergeCheck.Conflict c : m.conflicts()) {
            if (!c.ours().isEmpty()) {
                step = c.ours().get(c.ours().size() - 1);
                break;
            }
        }
        return finding(RuleId.MERGE_CONFLICT, in, step, Location.of(in.repo()), message, evidence, remedy);
    }

    // Rule late-for-merge-window: PRODUCT.md §7 and issue #4 -- a commit committed after -rc6 of release N and
    // before N is released reaches linux-next too late for the N+1 merge window (dates: the kernel models).
    private List<Finding> late(Input in) {
        List<ReleaseCalendar.Release> releases = new ArrayList<>(calendar.releases());
        releases.sort(Comparator.comparing(ReleaseCalendar.Release::released));
        Map<ReleaseCalendar.Release, List<Commit>> byRelease = new LinkedHashMap<>();
        for (Commit c : in.commits()) {
            if (c.commitDate() == null) {
                continue;
            }
            LocalDate day = c.commitDate().withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
            for (ReleaseCalendar.Release r : releases) {
                if (r.rc6() != null && r.released() != null && day.isAfter(r.rc6()) && day.isBefore(r.released())) {
                    byRelease.computeIfAbsent(r, k -> new ArrayList<>()).add(c);
                    break;
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<ReleaseCalendar.Release, List<Commit>> e : byRelease.entrySet()) {
            ReleaseCalendar.Release r = e.getKey();
            String next = next(releases, r);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("release", r.version());
            evidence.put("rc6", r.rc6().toString());
            evidence.put("released", r.released().toString());
            evidence.put("next", next);
            Map<String, Object> window = new LinkedHashMap<>();
            window.put("opens", r.mergeWindowOpens() == null ? null : r.mergeWindowOpens().toString());
            window.put("closes", r.mergeWindowCloses() == null ? null : r.mergeWindowCloses().toString());
            evidence.put("merge_window", window);
            List<Map<String, Object>> commits = new ArrayList<>();
            for (Commit c : e.getValue()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", c.id());
                row.put("committed", c.commitDate().toString());
                commits.add(row);
            }
            evidence.put("commits", commits);
            String message = count(e.getValue().size(), "commit") + " committed after v" + r.version() + "-rc6 ("
                    + r.rc6() + ") and before v" + r.version() + " (" + r.released() + "): late for the " + next
                    + " merge window" + (r.mergeWindowOpens() == null ? "" : " (opens " + r.mergeWindowOpens() + ")");
            String remedy = "after -rc6 only fixes should be queued; let new work soak in linux-next before the"
                    + " merge window, or hold it for the " + bump(next) + " cycle";
            out.add(finding(RuleId.LATE_FOR_MERGE_WINDOW, in, e.getValue().get(0).id(), Location.of(in.repo()),
                    message, evidence, remedy));
        }
        return out;
    }

    private static String next(List<ReleaseCalendar.Release> sorted, ReleaseCalendar.Release r) {
        int i = sorted.indexOf(r);
        return i >= 0 && i + 1 < sorted.size() ? sorted.get(i + 1).version() : bump(r.version());
    }

    /** "4.20" -> "4.21". */
    static String bump(String version) {
        int dot = version.lastIndexOf('.');
        try {
            return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return version + "+1";
        }
    }

    private static Finding finding(RuleId rule, Input in, String step, Location where, String message,
                                   Map<String, Object> evidence, String remedy) {
        return new Finding(rule.id(), rule.severity(), in.scenario(), Map.of(), null, null, step, where, message,
                evidence, remedy);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
