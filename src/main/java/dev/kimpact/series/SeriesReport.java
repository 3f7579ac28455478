package dev.kimpact.series;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code kimpact series} found, and its two renderings: the JSON of docs/REPORT-FORMAT.md ("series") and a
 * text report shaped like a linux-next mail plus a per-commit table.
 *
 * @param repo             repository path as given, or null
 * @param range            {@code A..B} as given, or null for an mbox
 * @param maintainersFile  where MAINTAINERS was read from, or null when there was none
 * @param source           what the series was read from, for the text header (the range, or the mbox path)
 */
public record SeriesReport(String repo, String range, List<Commit> commits, List<SectionUse> sections,
                           List<MergeCheck> merges, List<ModelMatch> models, List<Finding> findings,
                           String maintainersFile, String source) {

    /**
     * A MAINTAINERS section the series touches: which of its paths, by which commits, who acked;
     * {@code catchAll} if only a catch-all pattern ({@code F: *} of THE REST) matched.
     */
    public record SectionUse(Section section, List<String> paths, List<Person> ackedBy, List<String> commits,
                             boolean catchAll) {
        public SectionUse {
            paths = List.copyOf(paths);
            ackedBy = List.copyOf(ackedBy);
            commits = List.copyOf(commits);
        }
    }

    /**
     * A commit that stands for a built-in patch model, and the scenarios ({@code --run-scenarios}) whose hosts
     * apply that patch.
     */
    public record ModelMatch(String commit, String patch, List<String> scenarios) {
        public ModelMatch {
            scenarios = List.copyOf(scenarios);
        }

        public ModelMatch(String commit, String patch) {
            this(commit, patch, List.of());
        }
    }

    /** This report with {@code models} replaced and {@code extra} findings appended. */
    public SeriesReport withScenarios(List<ModelMatch> newModels, List<Finding> extra) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(extra);
        return new SeriesReport(repo, range, commits, sections, merges, newModels, all, maintainersFile, source);
    }

    /** ISO-8601 with a numeric offset always ({@code +00:00}, not {@code Z}), as git prints dates. */
    static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    public SeriesReport {
        commits = List.copyOf(commits);
        sections = List.copyOf(sections);
        merges = List.copyOf(merges);
        models = List.copyOf(models);
        findings = List.copyOf(findings);
    }

    /** The findings as a {@link Report} (summary, --fail-on). */
    public Report report() {
        return new Report(findings, List.of(), List.of());
    }

    // ---------------------------------------------------------------- JSON

    /** The JSON text of docs/REPORT-FORMAT.md, "series". */
    public String toJsonText() {
        return JsonText.write(toJson());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("repo", repo);
        root.put("range", range);
        List<Object> cs = new ArrayList<>();
        for (Commit c : commits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("subject", c.subject());
            m.put("author", c.author() == null ? null : person(c.author()));
            m.put("date", c.date() == null ? null : c.date().format(ISO_DATE));
            List<Object> files = new ArrayList<>();
            for (FileChange f : c.files()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("path", f.path());
                fm.put("old_path", f.oldPath());
                fm.put("change", f.change().id());
                files.add(fm);
            }
            m.put("files", files);
            List<Object> trailers = new ArrayList<>();
            for (Trailer t : c.trailers()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("key", t.key());
                tm.put("name", t.name());
                tm.put("email", t.email());
                tm.put("value", t.value());
                trailers.add(tm);
            }
            m.put("trailers", trailers);
            cs.add(m);
        }
        root.put("commits", cs);
        List<Object> ss = new ArrayList<>();
        for (SectionUse u : sections) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.section().name());
            m.put("maintainers", u.section().maintainers().stream().map(Person::display).toList());
            m.put("reviewers", u.section().reviewers().stream().map(Person::display).toList());
            m.put("lists", u.section().lists());
            m.put("paths", u.paths());
            m.put("acked_by", u.ackedBy().stream().map(Person::display).toList());
            ss.add(m);
        }
        root.put("sections", ss);
        List<Object> ms = new ArrayList<>();
        for (MergeCheck mc : merges) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("against", mc.against());
            m.put("clean", mc.clean());
            List<Object> conflicts = new ArrayList<>();
            for (MergeCheck.Conflict c : mc.conflicts()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("path", c.path());
                cm.put("ours", c.ours());
                cm.put("theirs", c.theirs());
                conflicts.add(cm);
            }
            m.put("conflicts", conflicts);
            ms.add(m);
        }
        root.put("merges", ms);
        List<Object> mm = new ArrayList<>();
        for (ModelMatch x : models) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit", x.commit());
            m.put("patch", x.patch());
            m.put("scenarios", x.scenarios());
            mm.add(m);
        }
        root.put("models", mm);
        List<Object> fs = new ArrayList<>();
        for (Finding f : findings) {
            fs.add(dev.kimpact.report.ReportTree.finding(f));
        }
        root.put("findings", fs);
        return root;
    }

    private static Map<String, Object> person(Person p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("email", p.email());
        return m;
    }

    // ---------------------------------------------------------------- text

    public String toText() {
        StringBuilder sb = new StringBuilder();
        String where = range != null ? range + (repo != null ? " in " + repo : "") : source;
        sb.append("kimpact series: ").append(SeriesRule.count(commits.size(), "commit")).append(", ")
                .append(where).append('\n');
        sb.append('\n');
        sb.append(String.format("%-12s  %-10s  %-24s  %s%n", "COMMIT", "DATE", "AUTHOR", "SUBJECT"));
        for (Commit c : commits) {
            String date = c.date() == null ? "-" : c.date().toLocalDate().toString();
            String author = c.author() == null ? "-" : c.author().name() != null ? c.author().name()
                    : String.valueOf(c.author().email());
            sb.append(String.format("%-12s  %-10s  %-24s  %s%n", c.shortId(), date, cut(author, 24),
                    c.subject().isEmpty() ? "(no subject)" : c.subject()));
            if (c.merge()) {
                sb.append(String.format("%-12s  merge of %s%n", "", "several parents (files: see the merged commits)"));
            }
            for (FileChange f : c.files()) {
                String letter = f.change().name().substring(0, 1);
                sb.append(String.format("%-12s  %s %s%n", "", letter,
                        f.oldPath() != null ? f.oldPath() + " -> " + f.path() : f.path()));
            }
            for (Trailer t : c.trailers()) {
                sb.append(String.format("%-12s  %s: %s%n", "", t.key(), t.value()));
            }
        }
        if (maintainersFile == null) {
            sb.append("\nNo MAINTAINERS file: sections and maintainer acks not checked.\n");
        } else if (!sections.isEmpty()) {
            sb.append("\nMAINTAINERS sections touched (").append(maintainersFile).append("):\n");
            for (SectionUse u : sections) {
                sb.append("\n  ").append(u.section().name()).append('\n');
                for (Person m : u.section().maintainers()) {
                    sb.append("    M: ").append(m.display())
                            .append(u.ackedBy().contains(m) ? "   (in trailers)" : "").append('\n');
                }
                for (Person r : u.section().reviewers()) {
                    sb.append("    R: ").append(r.display()).append('\n');
                }
                for (String l : u.section().lists()) {
                    sb.append("    L: ").append(l).append('\n');
                }
                for (String p : u.paths()) {
                    sb.append("    ").append(p).append('\n');
                }
            }
        }
        for (MergeCheck m : merges) {
            sb.append('\n');
            if (m.clean()) {
                sb.append("Merge with ").append(m.against()).append(" (").append(abbrev(m.theirs()))
                        .append("): clean.\n");
                continue;
            }
            sb.append("Merge with ").append(m.against()).append(" (").append(abbrev(m.theirs()))
                    .append("), merge base ").append(m.bases().isEmpty() ? "none"
                            : String.join(", ", m.bases().stream().map(SeriesReport::abbrev).toList()))
                    .append(":\n\n");
            sb.append("  Merging ").append(m.against()).append(" with the series got ")
                    .append(m.conflicts().size() == 1 ? "a conflict" : "conflicts").append(" in:\n\n");
            for (MergeCheck.Conflict c : m.conflicts()) {
                sb.append("    ").append(c.path()).append('\n');
            }
            for (MergeCheck.Conflict c : m.conflicts()) {
                sb.append("\n  ").append(c.path()).append(": between ")
                        .append(c.ours().size() == 1 ? "commit" : "commits").append(":\n\n");
                appendCommits(sb, c.ours(), m);
                sb.append("\n  from the series and ").append(c.theirs().size() == 1 ? "commit" : "commits")
                        .append(":\n\n");
                appendCommits(sb, c.theirs(), m);
                sb.append("\n  from ").append(m.against()).append(".\n");
            }
        }
        if (!models.isEmpty()) {
            sb.append("\nPatch models:\n");
            for (ModelMatch x : models) {
                sb.append("  ").append(abbrev(x.commit())).append("  ").append(x.patch());
                if (!x.scenarios().isEmpty()) {
                    sb.append("  (scenarios: ").append(String.join(", ", x.scenarios())).append(')');
                }
                sb.append('\n');
            }
        }
        sb.append('\n');
        if (findings.isEmpty()) {
            sb.append("No findings.\n");
        } else {
            sb.append("Findings:\n");
            for (Finding f : findings) {
                sb.append(String.format("%n  %-7s %s: %s%n", f.severity().id(), f.rule(), f.message()));
                if (f.remedy() != null) {
                    sb.append("          remedy: ").append(f.remedy()).append('\n');
                }
            }
        }
        Map<Severity, Integer> counts = report().summary();
        sb.append(String.format("%nsummary: %s, %s, %s%n", SeriesRule.count(counts.get(Severity.ERROR), "error"),
                SeriesRule.count(counts.get(Severity.WARNING), "warning"),
                SeriesRule.count(counts.get(Severity.NOTE), "note")));
        return sb.toString();
    }

    private void appendCommits(StringBuilder sb, List<String> ids, MergeCheck m) {
        if (ids.isEmpty()) {
            sb.append("    (none found on this side: the path conflicts through a rename or a directory)\n");
        }
        for (String id : ids) {
            String subject = m.subjects().get(id);
            if (subject == null) {
                for (Commit c : commits) {
                    if (c.id().equals(id)) {
                        subject = c.subject();
                    }
                }
            }
            sb.append("    ").append(abbrev(id)).append(" (\"").append(subject == null ? "" : subject)
                    .append("\")\n");
        }
    }

    private static String abbrev(String id) {
        return id != null && id.length() > 12 ? id.substring(0, 12) : String.valueOf(id);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
