package dev.kimpact.series;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code missing-maintainer-ack}: a touched section none of whose M: addresses (lists such as x86@kernel.org
 * included) is in a commit's Signed-off-by/Acked-by/Reviewed-by/Cc (or the mail's To/Cc) is reported once, with
 * the commits that lack them ({@link AckGrouping#SECTION}); or each commit is reported once, with the sections whose
 * maintainers it lacks ({@link AckGrouping#COMMIT}). Sections without M:, S: Orphan ones and catch-alls are skipped.
 */
// From MAINTAINERS "M: Mail patches to" and scripts/get_maintainer.pl, which drops THE REST's catch-all maintainer.
final class MissingMaintainerAckRule implements SeriesRule {

    private final AckGrouping grouping;

    MissingMaintainerAckRule(AckGrouping grouping) {
        this.grouping = grouping;
    }

    @Override
    public RuleId id() {
        return RuleId.MISSING_MAINTAINER_ACK;
    }

    @Override
    public List<Finding> apply(SeriesFacts series) {
        Map<String, Commit> byId = new HashMap<>();
        for (Commit c : series.commits()) {
            byId.put(c.id(), c);
        }
        Map<String, Set<String>> ackers = new HashMap<>();     // by commit id, made once
        Map<SeriesReport.SectionUse, Set<String>> paths = new IdentityHashMap<>();  // each use's paths, as a set
        List<Finding> out = new ArrayList<>();
        Map<String, List<SeriesReport.SectionUse>> byCommit = new LinkedHashMap<>();
        for (Commit c : series.commits()) {
            byCommit.put(c.id(), new ArrayList<>());
        }
        for (SeriesReport.SectionUse use : series.sections()) {
            List<Commit> lacking = lacking(use, byId, ackers);
            if (!lacking.isEmpty() && grouping == AckGrouping.SECTION) {
                out.add(missing(series, use, lacking, paths));
            }
            for (Commit c : lacking) {
                byCommit.get(c.id()).add(use);
            }
        }
        if (grouping == AckGrouping.COMMIT) {
            byCommit.forEach((id, uses) -> {
                if (!uses.isEmpty()) {
                    out.add(missing(series, byId.get(id), uses, paths));
                }
            });
        }
        return out;
    }

    /** The commits touching the section that no maintainer of it has seen; none for sections the rule skips. */
    private static List<Commit> lacking(SeriesReport.SectionUse use, Map<String, Commit> byId,
                                        Map<String, Set<String>> ackers) {
        Section s = use.section();
        if (s.maintainers().isEmpty() || use.catchAll()
                || "orphan".equalsIgnoreCase(String.valueOf(s.status()).strip())) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Person m : s.maintainers()) {
            keys.add(m.key());
        }
        List<Commit> lacking = new ArrayList<>();
        for (String id : use.commits()) {
            Commit c = byId.get(id);
            Set<String> seen = ackers.computeIfAbsent(id, x -> c.ackers());
            if (!anyOf(keys, seen)) {
                lacking.add(c);
            }
        }
        return lacking;
    }

    private static boolean anyOf(Set<String> keys, Set<String> seen) {
        for (String k : keys) {
            if (seen.contains(k)) {
                return true;
            }
        }
        return false;
    }

    private Finding missing(SeriesFacts series, SeriesReport.SectionUse use, List<Commit> lacking,
                            Map<SeriesReport.SectionUse, Set<String>> paths) {
        Section s = use.section();
        List<Person> maintainers = s.maintainers();
        Map<String, Object> evidence = section(series, use, lacking, paths);
        evidence.put("commits", lacking.stream().map(Commit::id).toList());
        evidence.put("paths", evidence.remove("paths"));
        String who = String.join(", ", maintainers.stream().map(Person::email).toList());
        String message = "no maintainer of " + s.name() + " (" + who + ") signed, acked, reviewed or was Cc'd on "
                + SeriesRule.count(lacking.size(), "commit") + " touching it";
        String remedy = "Cc " + who + " (scripts/get_maintainer.pl) and collect an Acked-by or Reviewed-by"
                + " before the series is merged";
        return series.finding(id(), lacking.get(0).id(), new Location(series.maintainersFile(), s.line(), 0),
                message, evidence, remedy);
    }

    /** The section's evidence: name, maintainers, where MAINTAINERS has it, and the paths {@code commits} touch in it. */
    private static Map<String, Object> section(SeriesFacts series, SeriesReport.SectionUse use, List<Commit> commits,
                                               Map<SeriesReport.SectionUse, Set<String>> pathSets) {
        Section s = use.section();
        Set<String> inSection = pathSets.computeIfAbsent(use, u -> new HashSet<>(u.paths()));
        TreeSet<String> paths = new TreeSet<>();
        for (Commit c : commits) {
            for (FileChange f : c.files()) {
                for (String p : f.paths()) {
                    if (inSection.contains(p)) {
                        paths.add(p);
                    }
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("section", s.name());
        m.put("maintainers", s.maintainers().stream().map(Person::display).toList());
        m.put("maintainers_file", series.maintainersFile() + ":" + s.line());
        m.put("paths", new ArrayList<>(paths));
        return m;
    }

    /** {@code c} lacks an ack from a maintainer of each section of {@code uses}. */
    private Finding missing(SeriesFacts series, Commit c, List<SeriesReport.SectionUse> uses,
                            Map<SeriesReport.SectionUse, Set<String>> paths) {
        List<Object> sections = new ArrayList<>();
        TreeSet<String> who = new TreeSet<>();
        List<String> names = new ArrayList<>();
        for (SeriesReport.SectionUse use : uses) {
            Section s = use.section();
            sections.add(section(series, use, List.of(c), paths));
            names.add(s.name());
            s.maintainers().forEach(m -> who.add(m.email()));
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("commit", c.id());
        evidence.put("subject", c.subject());
        evidence.put("sections", sections);
        String message = "commit " + c.id().substring(0, Math.min(12, c.id().length())) + " (\"" + c.subject()
                + "\") has no signature, ack, review or Cc from a maintainer of " + String.join(", ", names);
        String remedy = "Cc " + String.join(", ", who) + " (scripts/get_maintainer.pl) and collect an Acked-by or"
                + " Reviewed-by before the series is merged";
        Section first = uses.get(0).section();
        return series.finding(id(), c.id(), new Location(series.maintainersFile(), first.line(), 0), message,
                evidence, remedy);
    }
}
