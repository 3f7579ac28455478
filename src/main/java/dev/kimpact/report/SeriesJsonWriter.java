package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.series.Commit;
import dev.kimpact.series.FileChange;
import dev.kimpact.series.MergeCheck;
import dev.kimpact.series.Person;
import dev.kimpact.series.SeriesReport;
import dev.kimpact.series.Trailer;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code series --format json}: the object of docs/REPORT-FORMAT.md, "series" (keys in the documented order,
 * absent values as explicit nulls), written by {@link Json}.
 */
public final class SeriesJsonWriter {

    /** ISO-8601 with a numeric offset always ({@code +00:00}, not {@code Z}), as git prints dates. */
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    public String write(SeriesReport report) {
        return Json.write(tree(report));
    }

    /** {@code series --format yaml}: the same tree as one YAML document, as {@code run}'s yaml writes its own. */
    public String writeYaml(SeriesReport report) {
        return YamlReportWriter.yaml(tree(report));
    }

    static Map<String, Object> tree(SeriesReport report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("repo", report.repo());
        root.put("range", report.range());
        List<Object> commits = new ArrayList<>();
        for (Commit c : report.commits()) {
            commits.add(commit(c));
        }
        root.put("commits", commits);
        List<Object> sections = new ArrayList<>();
        for (SeriesReport.SectionUse u : report.sections()) {
            sections.add(section(u));
        }
        root.put("sections", sections);
        List<Object> merges = new ArrayList<>();
        for (MergeCheck m : report.merges()) {
            merges.add(merge(m));
        }
        root.put("merges", merges);
        List<Object> models = new ArrayList<>();
        for (SeriesReport.ModelMatch x : report.models()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit", x.commit());
            m.put("patch", x.patch());
            m.put("scenarios", x.scenarios());
            models.add(m);
        }
        root.put("models", models);
        List<Object> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(ReportTree.finding(f));
        }
        root.put("findings", findings);
        List<Object> suppressed = new ArrayList<>();
        for (Report.Suppressed s : report.suppressed()) {
            suppressed.add(ReportTree.suppressed(s));
        }
        root.put("suppressed", suppressed);
        return root;
    }

    private static Map<String, Object> commit(Commit c) {
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
        return m;
    }

    private static Map<String, Object> person(Person p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("email", p.email());
        return m;
    }

    private static Map<String, Object> section(SeriesReport.SectionUse u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.section().name());
        m.put("maintainers", u.section().maintainers().stream().map(Person::display).toList());
        m.put("reviewers", u.section().reviewers().stream().map(Person::display).toList());
        m.put("lists", u.section().lists());
        m.put("paths", u.paths());
        m.put("acked_by", u.ackedBy().stream().map(Person::display).toList());
        return m;
    }

    private static Map<String, Object> merge(MergeCheck mc) {
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
        return m;
    }
}
