package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.kernelsrc.DerivedPatch;
import dev.kimpact.kernelsrc.Fact;
import dev.kimpact.series.Commit;
import dev.kimpact.series.Derivation;
import dev.kimpact.xsave.Masks;
import dev.kimpact.series.FileChange;
import dev.kimpact.series.MergeCheck;
import dev.kimpact.series.Person;
import dev.kimpact.series.SeriesReport;
import dev.kimpact.series.Trailer;

import java.io.IOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code series --format json}: the object of docs/REPORT-FORMAT.md, "series" (keys in the documented order,
 * absent values as explicit nulls), written by {@link Json}.
 */
public final class SeriesJsonWriter {

    /** ISO-8601 with a numeric offset always ({@code +00:00}, not {@code Z}), as git prints dates. */
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /**
     * Writes the report onto {@code out} as it goes, without holding the text (megabytes for thousands of
     * commits). With {@code --baseline} (null: none): each finding's {@code baseline_state}, then the absent
     * findings.
     */
    public void write(SeriesReport report, Baseline baseline, Writer out) throws IOException {
        Json.write(tree(report, baseline), out);
    }

    /**
     * {@code series --format yaml}: the same tree as one YAML document, as {@code run}'s yaml writes its own, with
     * {@code --baseline} states (null: none).
     */
    public String writeYaml(SeriesReport report, Baseline baseline) {
        return YamlReportWriter.yaml(tree(report, baseline));
    }

    static Map<String, Object> tree(SeriesReport report, Baseline baseline) {
        Baseline.Comparison states = baseline == null ? null : baseline.compare(report.report());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("repo", report.repo());
        root.put("range", report.range());
        root.put("commits", lazily(report.commits(), SeriesJsonWriter::commit));
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
        root.put("models", models(report));
        root.put("derivation", derivation(report.derivation()));
        root.put("sweep", sweep(report.sweep()));
        List<Object> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> m = ReportTree.finding(f);
            if (states != null) {
                m.put("baseline_state", states.state(f).id());
            }
            findings.add(m);
        }
        root.put("findings", findings);
        List<Object> suppressed = new ArrayList<>();
        for (Report.Suppressed s : report.suppressed()) {
            suppressed.add(ReportTree.suppressed(s));
        }
        root.put("suppressed", suppressed);
        if (states != null) {
            root.put("baseline_file", states.file());
            root.put("absent", ReportTree.absent(states.absent()));
        }
        return root;
    }

    /**
     * {@code d} as {@link #ISO_DATE} formats it, by hand where that is plain (years 1000 to 9999, offsets of
     * whole minutes): the formatter is a good part of writing thousands of commits.
     */
    static String isoDate(OffsetDateTime d) {
        int year = d.getYear();
        int offset = d.getOffset().getTotalSeconds();
        if (year < 1000 || year > 9999 || offset % 60 != 0) {
            return d.format(ISO_DATE);
        }
        StringBuilder sb = new StringBuilder(25).append(year);
        two(sb.append('-'), d.getMonthValue());
        two(sb.append('-'), d.getDayOfMonth());
        two(sb.append('T'), d.getHour());
        two(sb.append(':'), d.getMinute());
        two(sb.append(':'), d.getSecond());
        int minutes = Math.abs(offset) / 60;
        two(sb.append(offset < 0 ? '-' : '+'), minutes / 60);
        two(sb.append(':'), minutes % 60);
        return sb.toString();
    }

    private static void two(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    /**
     * {@code list} with each element made into its tree as it is written: a series' commits (thousands, with their
     * files and trailers) are not all held as trees at once, and each is garbage as soon as it is written.
     */
    private static <T> List<Object> lazily(List<T> list, Function<T, Object> tree) {
        return new AbstractList<>() {
            @Override
            public Object get(int index) {
                return tree.apply(list.get(index));
            }

            @Override
            public int size() {
                return list.size();
            }
        };
    }

    /**
     * Matched models ({@code derived} null, with {@code cross_check} when the code was read too), then the models
     * derived from the code: one per commit that changes a fact, and the whole series ({@code patch: series}).
     */
    private static List<Object> models(SeriesReport report) {
        List<Object> models = new ArrayList<>();
        Derivation d = report.derivation();
        for (SeriesReport.ModelMatch x : report.models()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("commit", x.commit());
            m.put("patch", x.patch());
            m.put("scenarios", x.scenarios());
            m.put("derived", null);
            Derivation.CrossCheck check = d == null ? null : d.crossChecks().stream()
                    .filter(c -> c.commit().equals(x.commit()) && c.patch().equals(x.patch())).findFirst().orElse(null);
            if (check == null) {
                m.put("cross_check", null);
            } else {
                Map<String, Object> cm = new LinkedHashMap<>();
                cm.put("agrees", check.agrees());
                cm.put("differences", check.differences());
                m.put("cross_check", cm);
            }
            models.add(m);
        }
        if (d != null) {
            for (DerivedPatch p : d.commits()) {
                models.add(derived(p, List.of()));
            }
            models.add(derived(d.series(), d.scenarios()));
        }
        return models;
    }

    private static Map<String, Object> derived(DerivedPatch p, List<String> scenarios) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commit", p.commit());
        m.put("patch", p.id());
        m.put("scenarios", scenarios);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", p.subject());
        Map<String, Object> changes = new LinkedHashMap<>();
        p.changes().forEach((k, c) -> changes.put(k, change(c)));
        body.put("changes", changes);
        List<Object> from = new ArrayList<>();
        for (DerivedPatch.DerivedFrom f : p.derivedFrom()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("key", f.key());
            fm.put("file", f.at().file());
            fm.put("line", f.at().line() > 0 ? f.at().line() : null);
            fm.put("before", f.before());
            fm.put("after", f.after());
            from.add(fm);
        }
        body.put("derived_from", from);
        body.put("not_compared", p.underivable());
        m.put("derived", body);
        m.put("cross_check", null);
        return m;
    }

    private static Object change(DerivedPatch.Change c) {
        if (c.value() != null) {
            return c.value();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.added() != 0) {
            m.put("add", names(c.added()));
        }
        if (c.removed() != 0) {
            m.put("remove", names(c.removed()));
        }
        return m;
    }

    private static List<String> names(long mask) {
        return List.of(Masks.names(mask).split("\\|"));
    }

    private static Map<String, Object> sweep(SeriesReport.Sweep s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cases", s.cases());
        m.put("scenario", s.scenario());
        m.put("kernel", s.kernel());
        m.put("based_on", s.basedOn());
        m.put("inherited", s.inherited());
        return m;
    }

    private static Map<String, Object> derivation(Derivation d) {
        if (d == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", d.base());
        m.put("tip", d.tip());
        m.put("version", d.baseFacts().version().text());
        List<Object> facts = new ArrayList<>();
        for (Fact f : d.baseFacts().facts()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("key", f.key());
            if (f instanceof Fact.Derived dv) {
                fm.put("value", DerivedPatch.shown(dv.value()));
                fm.put("file", dv.at().file());
                fm.put("line", dv.at().line() > 0 ? dv.at().line() : null);
                fm.put("underivable", null);
            } else {
                fm.put("value", null);
                fm.put("file", f instanceof Fact.Underivable u ? u.at().file() : null);
                fm.put("line", f instanceof Fact.Underivable u && u.at().line() > 0 ? u.at().line() : null);
                fm.put("underivable", f instanceof Fact.Underivable u ? u.why() : ((Fact.Absent) f).why());
            }
            facts.add(fm);
        }
        m.put("base_facts", facts);
        return m;
    }

    private static Map<String, Object> commit(Commit c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("subject", c.subject());
        m.put("author", c.author() == null ? null : person(c.author()));
        m.put("date", c.date() == null ? null : isoDate(c.date()));
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
