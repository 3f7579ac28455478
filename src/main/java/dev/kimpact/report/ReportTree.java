package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Shard;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report as the tree of maps and lists that the json and yaml formats serialize (docs/REPORT-FORMAT.md,
 * section "run"). Keys are inserted in the documented order; absent values are explicit nulls so that every
 * key is always present.
 */
public final class ReportTree {

    public static final String TOOL_NAME = "kimpact";

    private ReportTree() {
    }

    public static Map<String, Object> of(Report report, String toolVersion) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", Report.FORMAT_VERSION);
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", TOOL_NAME);
        tool.put("version", toolVersion);
        root.put("tool", tool);
        List<Object> findings = new ArrayList<>();
        Set<Finding> anticipated = new HashSet<>(report.anticipated());
        for (Finding f : report.findings()) {
            findings.add(finding(f, anticipated.contains(f)));
        }
        root.put("findings", findings);
        List<Object> suppressed = new ArrayList<>();
        for (Report.Suppressed s : report.suppressed()) {
            suppressed.add(suppressed(s));
        }
        root.put("suppressed", suppressed);
        List<Object> scenarios = new ArrayList<>();
        for (Report.ScenarioResult s : report.scenarios()) {
            scenarios.add(scenario(s));
        }
        root.put("scenarios", scenarios);
        Map<String, Object> summary = new LinkedHashMap<>();
        report.summary().forEach((severity, n) -> summary.put(severity.id(), n));
        root.put("summary", summary);
        root.put("shard", shard(report.shard()));
        return root;
    }

    private static Map<String, Object> shard(Shard shard) {
        if (shard == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", shard.index());
        m.put("count", shard.count());
        return m;
    }

    static Map<String, Object> finding(Finding f, boolean anticipated) {
        Map<String, Object> m = finding(f);
        m.put("anticipated", anticipated);
        return m;
    }

    /** A finding as PRODUCT.md §8 shapes it; {@link SeriesJsonWriter} writes a series' findings with it too. */
    static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("severity", f.severity().id());
        m.put("scenario", f.scenario());
        m.put("case", new LinkedHashMap<>(f.bindings()));
        m.put("guest", f.guest());
        m.put("host", f.host());
        m.put("step", f.step());
        m.put("location", fileLine(f.location()));
        m.put("message", f.message());
        m.put("evidence", new LinkedHashMap<>(f.evidence()));
        m.put("remedy", f.remedy());
        return m;
    }

    static Map<String, Object> suppressed(Report.Suppressed s) {
        Finding f = s.finding();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("scenario", f.scenario());
        m.put("guest", f.guest());
        m.put("host", f.host());
        m.put("step", f.step());
        m.put("message", f.message());
        m.put("reason", s.reason());
        m.put("severity", f.severity().id());
        m.put("case", new LinkedHashMap<>(f.bindings()));
        return m;
    }

    static Map<String, Object> scenario(Report.ScenarioResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("file", s.file());
        m.put("summary", s.summary());
        List<Object> cases = new ArrayList<>();
        for (Map<String, String> c : s.cases()) {
            cases.add(new LinkedHashMap<>(c));
        }
        m.put("cases", cases);
        List<Object> expectations = new ArrayList<>();
        for (Report.Expectation e : s.expectations()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", e.rule());
            x.put("guest", e.guest());
            x.put("host", e.host());
            x.put("present", e.present());
            x.put("met", e.met());
            expectations.add(x);
        }
        m.put("expectations", expectations);
        return m;
    }

    /** {@code file:line}, {@code file} when the line is unknown, or null. */
    public static String fileLine(Location location) {
        if (location == null) {
            return null;
        }
        String file = location.file() == null ? "<input>" : location.file();
        return location.line() > 0 ? file + ":" + location.line() : file;
    }
}
