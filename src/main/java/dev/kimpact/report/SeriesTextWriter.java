package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.kernelsrc.DerivedPatch;
import dev.kimpact.kernelsrc.Fact;
import dev.kimpact.series.Commit;
import dev.kimpact.series.Derivation;
import dev.kimpact.series.FileChange;
import dev.kimpact.series.MergeCheck;
import dev.kimpact.series.Person;
import dev.kimpact.series.SeriesReport;
import dev.kimpact.series.Trailer;

import java.util.List;
import java.util.Map;

/**
 * {@code series --format text}: a per-commit table (files and trailers under each commit), the MAINTAINERS
 * sections touched, each merge with a conflict shaped like a linux-next "manual merge" mail, the patch models,
 * the findings and a summary line.
 */
public final class SeriesTextWriter {

    public String write(SeriesReport report) {
        return write(report, null);
    }

    /**
     * With {@code --baseline} (null: none): the series' own findings marked {@code [new]} or {@code [unchanged]},
     * the absent ones listed, and the three counted after the summary.
     */
    public String write(SeriesReport report, Baseline baseline) {
        StringBuilder sb = new StringBuilder();
        commits(sb, report);
        sections(sb, report);
        for (MergeCheck m : report.merges()) {
            merge(sb, m, report.commits());
        }
        models(sb, report);
        derivation(sb, report.derivation());
        findings(sb, report, baseline == null ? null : baseline.compare(report.report()));
        return sb.toString();
    }

    /**
     * What the code says: the kernel the series applies to, each commit's derived model, the whole series', and
     * the cross-checks with built-in models matched by subject.
     */
    private static void derivation(StringBuilder sb, Derivation d) {
        if (d == null) {
            return;
        }
        sb.append("\nRead from the code (base ").append(abbrev(d.base())).append(", Linux ")
                .append(d.baseFacts().version().text()).append("):\n");
        for (Fact f : d.baseFacts().facts()) {
            if (!(f instanceof Fact.Derived)) {
                sb.append("  base ").append(f.key()).append(f instanceof Fact.Underivable u
                        ? " underivable: " + u.at() + ": " + u.why() : " absent: " + ((Fact.Absent) f).why())
                        .append('\n');
            }
        }
        for (DerivedPatch p : d.commits()) {
            sb.append("  ").append(abbrev(p.commit())).append("  ").append(p.subject()).append('\n');
            derivedChanges(sb, p);
        }
        sb.append("  series ").append(d.series().commit());
        if (!d.scenarios().isEmpty()) {
            sb.append("  (scenarios: ").append(String.join(", ", d.scenarios())).append(')');
        }
        sb.append('\n');
        derivedChanges(sb, d.series());
        for (Derivation.CrossCheck c : d.crossChecks()) {
            sb.append("  ").append(abbrev(c.commit())).append("  cross-check with ").append(c.patch()).append(": ")
                    .append(c.agrees() ? "agrees with the code" : "disagrees with the code").append('\n');
            for (String diff : c.differences()) {
                sb.append("      ").append(diff).append('\n');
            }
        }
    }

    /** The impact sweep's findings, one entry per rule: how many cases, and the first as the example. */
    private static void sweep(StringBuilder sb, SeriesReport.Sweep sweep, List<SweepGroups.Group> groups) {
        sb.append(String.format("Impact sweep: %s (every built-in guest under every built-in VMM CPU model, on every"
                + "%nbuilt-in CPU: booted on the base kernel and migrated to base + series, booted on base + series)"
                + "%n  base kernel %s: the facts above as read, the others (%s) from the built-in %s model%n",
                count(sweep.cases(), "case"), sweep.kernel(), String.join(", ", sweep.inherited()), sweep.basedOn()));
        if (groups.isEmpty()) {
            sb.append("  the series causes no finding\n");
        }
        for (SweepGroups.Group g : groups) {
            Finding f = g.example();
            sb.append(String.format("%n  %-7s %s: %s, e.g. %s%n", f.severity().id(), g.rule(),
                    count(g.cases(), "case"), g.exampleCase()));
            sb.append("          ").append(f.step()).append(": ").append(f.message()).append('\n');
            if (f.remedy() != null) {
                sb.append("          remedy: ").append(f.remedy()).append('\n');
            }
        }
    }

    private static void derivedChanges(StringBuilder sb, DerivedPatch p) {
        if (p.isEmpty() && p.underivable().isEmpty()) {
            sb.append("      no fact changes\n");
        }
        for (DerivedPatch.DerivedFrom f : p.derivedFrom()) {
            sb.append("      ").append(f.key()).append(": ").append(p.changes().get(f.key()).yaml())
                    .append("  (").append(f.at()).append(": ").append(f.before()).append(" -> ").append(f.after())
                    .append(")\n");
        }
        for (String u : p.underivable()) {
            sb.append("      not compared: ").append(u).append('\n');
        }
    }

    private static void commits(StringBuilder sb, SeriesReport report) {
        String where = report.range() != null
                ? report.range() + (report.repo() != null ? " in " + report.repo() : "") : report.source();
        sb.append("kimpact series: ").append(count(report.commits().size(), "commit")).append(", ")
                .append(where).append('\n');
        sb.append('\n');
        sb.append(String.format("%-12s  %-10s  %-24s  %s%n", "COMMIT", "DATE", "AUTHOR", "SUBJECT"));
        for (Commit c : report.commits()) {
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
    }

    private static void sections(StringBuilder sb, SeriesReport report) {
        if (report.maintainersFile() == null) {
            sb.append("\nNo MAINTAINERS file: sections and maintainer acks not checked.\n");
            return;
        }
        if (report.sections().isEmpty()) {
            return;
        }
        sb.append("\nMAINTAINERS sections touched (").append(report.maintainersFile()).append("):\n");
        for (SeriesReport.SectionUse u : report.sections()) {
            sb.append("\n  ").append(u.section().name())
                    .append(u.catchAll() ? "   (catch-all: every path; no ack expected)" : "").append('\n');
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

    private static void merge(StringBuilder sb, MergeCheck m, List<Commit> series) {
        sb.append('\n');
        if (m.clean()) {
            sb.append("Merge with ").append(m.against()).append(" (").append(abbrev(m.theirs()))
                    .append("): clean.\n");
            return;
        }
        sb.append("Merge with ").append(m.against()).append(" (").append(abbrev(m.theirs()))
                .append("), merge base ").append(m.bases().isEmpty() ? "none"
                        : String.join(", ", m.bases().stream().map(SeriesTextWriter::abbrev).toList()))
                .append(":\n\n");
        sb.append("  Merging ").append(m.against()).append(" with the series got ")
                .append(m.conflicts().size() == 1 ? "a conflict" : "conflicts").append(" in:\n\n");
        for (MergeCheck.Conflict c : m.conflicts()) {
            sb.append("    ").append(c.path()).append('\n');
        }
        for (MergeCheck.Conflict c : m.conflicts()) {
            sb.append("\n  ").append(c.path()).append(": between ")
                    .append(c.ours().size() == 1 ? "commit" : "commits").append(":\n\n");
            conflictCommits(sb, c.ours(), m, series);
            sb.append("\n  from the series and ").append(c.theirs().size() == 1 ? "commit" : "commits")
                    .append(":\n\n");
            conflictCommits(sb, c.theirs(), m, series);
            sb.append("\n  from ").append(m.against()).append(".\n");
        }
    }

    private static void conflictCommits(StringBuilder sb, List<String> ids, MergeCheck m, List<Commit> series) {
        if (ids.isEmpty()) {
            sb.append("    (none found on this side: the path conflicts through a rename or a directory)\n");
        }
        for (String id : ids) {
            sb.append("    ").append(abbrev(id)).append(" (\"").append(subject(id, m, series)).append("\")\n");
        }
    }

    /** The subject of commit {@code id}: as the merge read it from the other tree, else the series' own ("" if none). */
    static String subject(String id, MergeCheck m, List<Commit> series) {
        String subject = m.subjects().get(id);
        for (Commit c : series) {
            if (subject == null && c.id().equals(id)) {
                subject = c.subject();
            }
        }
        return subject == null ? "" : subject;
    }

    private static void models(StringBuilder sb, SeriesReport report) {
        if (report.models().isEmpty()) {
            return;
        }
        sb.append("\nPatch models:\n");
        for (SeriesReport.ModelMatch x : report.models()) {
            sb.append("  ").append(abbrev(x.commit())).append("  ").append(x.patch());
            if (!x.scenarios().isEmpty()) {
                sb.append("  (scenarios: ").append(String.join(", ", x.scenarios())).append(')');
            }
            sb.append('\n');
        }
    }

    private static void findings(StringBuilder sb, SeriesReport report, Baseline.Comparison baseline) {
        sb.append('\n');
        SweepGroups sweep = SweepGroups.of(report);
        if (report.findings().isEmpty()) {
            sb.append("No findings.\n");
        } else if (!sweep.own().isEmpty()) {
            sb.append("Findings:\n");
            for (Finding f : sweep.own()) {
                sb.append(String.format("%n  %s%-7s %s: %s%n", TextReportWriter.mark(f, baseline), f.severity().id(),
                        f.rule(), f.message()));
                if (f.remedy() != null) {
                    sb.append("          remedy: ").append(f.remedy()).append('\n');
                }
            }
        }
        if (report.sweep() != null) {
            sb.append(sweep.own().isEmpty() ? "" : "\n");
            sweep(sb, report.sweep(), sweep.groups());
        }
        if (!report.suppressed().isEmpty()) {
            sb.append("\nSuppressed:\n");
            for (Report.Suppressed s : report.suppressed()) {
                Finding f = s.finding();
                sb.append(String.format("%n  %-7s %s: %s%n", f.severity().id(), f.rule(), f.message()));
                sb.append("          reason: ").append(s.reason() == null ? "(none given)" : s.reason()).append('\n');
            }
        }
        if (baseline != null && !baseline.absent().isEmpty()) {
            sb.append("\nAbsent (in baseline ").append(baseline.file()).append(", not in this run):\n");
            for (Finding f : baseline.absent()) {
                sb.append(String.format("%n  %-7s %s: %s%n", f.severity().id(), f.rule(), f.message()));
            }
        }
        Map<Severity, Integer> counts = report.report().summary();
        sb.append(String.format("%nsummary: %s, %s, %s%s%n", count(counts.get(Severity.ERROR), "error"),
                count(counts.get(Severity.WARNING), "warning"), count(counts.get(Severity.NOTE), "note"),
                baseline == null ? "" : "; " + SummaryLine.counts(report.findings(), baseline)));
    }

    private static String abbrev(String id) {
        return id != null && id.length() > 12 ? id.substring(0, 12) : String.valueOf(id);
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
