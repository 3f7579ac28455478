package dev.kimpact.series;

import dev.kimpact.diag.Location;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.RuleId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code merge-conflict}: the series' tip merged in memory with an {@code --against} ref does not merge cleanly;
 * one finding per ref, with each conflicting path and the commits of both sides that touch it.
 */
// From linux-next practice: its "manual merge of the X tree with the Y tree" mails.
final class MergeConflictRule implements SeriesRule {

    @Override
    public RuleId id() {
        return RuleId.MERGE_CONFLICT;
    }

    @Override
    public List<Finding> apply(SeriesFacts series) {
        List<Finding> out = new ArrayList<>();
        for (MergeCheck m : series.merges()) {
            if (!m.clean()) {
                out.add(conflict(series, m));
            }
        }
        return out;
    }

    private Finding conflict(SeriesFacts series, MergeCheck m) {
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
        String message = "merging " + m.against() + " conflicts in " + SeriesRule.count(paths.size(), "path")
                + (paths.isEmpty() ? "" : ": " + String.join(", ", paths.size() > 5 ? paths.subList(0, 5) : paths)
                + (paths.size() > 5 ? ", ..." : ""));
        String remedy = "rebase the series onto " + m.against() + ", or tell both maintainers and carry the"
                + " resolution (as linux-next does) until one tree has the other's commits";
        return series.finding(id(), lastSeriesCommit(m), Location.of(series.repo()), message, evidence, remedy);
    }

    /** The newest commit of the series in the first conflict that has one: where to start looking. */
    private static String lastSeriesCommit(MergeCheck m) {
        for (MergeCheck.Conflict c : m.conflicts()) {
            if (!c.ours().isEmpty()) {
                return c.ours().get(c.ours().size() - 1);
            }
        }
        return null;
    }
}
