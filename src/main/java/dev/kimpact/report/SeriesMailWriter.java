package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.kernelsrc.DerivedPatch;
import dev.kimpact.series.Commit;
import dev.kimpact.series.Derivation;
import dev.kimpact.series.MergeCheck;
import dev.kimpact.series.Person;
import dev.kimpact.series.SeriesReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code series --format markdown}: the series' result as a reply to its mail thread would put it, plain text
 * that reads as markdown too, wrapped at {@value #WIDTH} columns (a word longer than that keeps its own line):
 * the commits, each conflicting merge in the words of a linux-next "manual merge" mail, the findings with their
 * remedies, and whom to Cc.
 */
public final class SeriesMailWriter {

    /** The column plain-text mail on the kernel lists is wrapped at (quoting in replies stays under 80). */
    static final int WIDTH = 72;

    public String write(SeriesReport report) {
        return write(report, null);
    }

    /**
     * With {@code --baseline} (null: none): the series' own findings marked {@code [new]} or {@code [unchanged]},
     * then the absent ones and the three counted.
     */
    public String write(SeriesReport report, Baseline b) {
        Baseline.Comparison baseline = b == null ? null : b.compare(report.report());
        StringBuilder sb = new StringBuilder();
        String where = report.range() != null ? report.range() : report.source();
        wrap(sb, "kimpact series on " + where + ", " + plural(report.commits().size(), "commit") + ":", "", "");
        sb.append('\n');
        for (Commit c : report.commits()) {
            wrap(sb, c.shortId() + " " + (c.subject().isEmpty() ? "(no subject)" : c.subject()), "    ", "                 ");
        }
        for (MergeCheck m : report.merges()) {
            if (m.clean()) {
                continue;
            }
            sb.append('\n');
            wrap(sb, "Merging " + m.against() + " with the series got " + (m.conflicts().size() == 1 ? "a conflict"
                    : "conflicts") + " in:", "", "");
            sb.append('\n');
            for (MergeCheck.Conflict c : m.conflicts()) {
                wrap(sb, c.path(), "    ", "    ");
            }
            for (MergeCheck.Conflict c : m.conflicts()) {
                sb.append('\n');
                wrap(sb, c.path() + ": between " + commits(c.ours(), m, report) + " from the series and "
                        + commits(c.theirs(), m, report) + " from " + m.against() + ".", "", "");
            }
        }
        derived(sb, report.derivation());
        Map<Severity, Integer> counts = report.report().summary();
        sb.append('\n');
        if (report.findings().isEmpty()) {
            sb.append("No findings.\n");
        } else {
            wrap(sb, "Findings (" + plural(counts.get(Severity.ERROR), "error") + ", "
                    + plural(counts.get(Severity.WARNING), "warning") + ", " + plural(counts.get(Severity.NOTE), "note")
                    + "):", "", "");
            SweepGroups sweep = SweepGroups.of(report);
            for (Finding f : sweep.own()) {
                sb.append('\n');
                wrap(sb, "- " + TextReportWriter.mark(f, baseline) + f.severity().id() + ": " + f.message() + " ("
                        + f.rule() + ")", "", "  ");
                if (f.remedy() != null) {
                    wrap(sb, "Remedy: " + f.remedy(), "  ", "  ");
                }
            }
            for (SweepGroups.Group g : sweep.groups()) {
                Finding f = g.example();
                sb.append('\n');
                wrap(sb, "- " + f.severity().id() + ": " + g.rule() + " in " + g.cases() + " of the impact sweep's "
                        + report.sweep().cases() + " cases, e.g. " + g.exampleCase() + ": " + f.step()
                        + ": " + f.message(), "", "  ");
                if (f.remedy() != null) {
                    wrap(sb, "Remedy: " + f.remedy(), "  ", "  ");
                }
            }
        }
        for (Report.Suppressed s : report.suppressed()) {
            sb.append('\n');
            wrap(sb, "- suppressed " + s.finding().rule() + ": " + s.finding().message() + " (" + s.reason() + ")",
                    "", "  ");
        }
        if (baseline != null) {
            for (Finding f : baseline.absent()) {
                sb.append('\n');
                wrap(sb, "- [absent] " + f.severity().id() + ": " + f.message() + " (" + f.rule() + ")", "", "  ");
            }
            sb.append('\n');
            wrap(sb, "Against the " + SummaryLine.counts(report.findings(), baseline) + ".", "", "");
        }
        cc(sb, report);
        return sb.toString();
    }

    /** What the code of the series changes in the kernel facts, commit by commit. */
    private static void derived(StringBuilder sb, Derivation d) {
        if (d == null) {
            return;
        }
        sb.append('\n');
        wrap(sb, "Read from the code (Linux " + d.baseFacts().version().text() + " at "
                + d.base().substring(0, 12) + "):", "", "");
        sb.append('\n');
        for (DerivedPatch p : d.commits()) {
            for (DerivedPatch.DerivedFrom f : p.derivedFrom()) {
                wrap(sb, p.commit().substring(0, Math.min(12, p.commit().length())) + " " + f.key() + ": "
                        + p.changes().get(f.key()).yaml() + " (" + f.at() + ")", "    ", "        ");
            }
        }
        if (d.series().isEmpty()) {
            wrap(sb, "The series as a whole changes no fact.", "    ", "    ");
        }
    }

    /** The maintainers of each section touched (catch-alls left out), as get_maintainer.pl would name them. */
    private static void cc(StringBuilder sb, SeriesReport report) {
        List<String> lines = new ArrayList<>();
        for (SeriesReport.SectionUse u : report.sections()) {
            if (!u.catchAll() && !u.section().maintainers().isEmpty()) {
                lines.add(u.section().name() + ": "
                        + String.join(", ", u.section().maintainers().stream().map(Person::display).toList()));
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        sb.append('\n');
        wrap(sb, "Maintainers of the sections touched (" + report.maintainersFile() + "):", "", "");
        sb.append('\n');
        for (String line : lines) {
            wrap(sb, line, "    ", "        ");
        }
    }

    private static String commits(List<String> ids, MergeCheck m, SeriesReport report) {
        if (ids.isEmpty()) {
            return "no commit (the path conflicts through a rename or a directory)";
        }
        List<String> named = new ArrayList<>();
        for (String id : ids) {
            named.add(id.substring(0, Math.min(12, id.length())) + " (\""
                    + SeriesTextWriter.subject(id, m, report.commits()) + "\")");
        }
        return (ids.size() == 1 ? "commit " : "commits ") + String.join(", ", named);
    }

    /**
     * Appends {@code text} greedily wrapped at {@value #WIDTH} columns, the first line after {@code first}, the
     * others after {@code rest}; runs of white space become one space.
     */
    static void wrap(StringBuilder sb, String text, String first, String rest) {
        StringBuilder line = new StringBuilder(first);
        int start = first.length();
        for (String word : text.strip().split("\\s+")) {
            if (line.length() > start && line.length() + 1 + word.length() > WIDTH) {
                sb.append(line).append('\n');
                line.setLength(0);
                line.append(rest);
                start = rest.length();
            }
            if (line.length() > start) {
                line.append(' ');
            }
            line.append(word);
        }
        sb.append(line).append('\n');
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
