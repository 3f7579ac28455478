package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Shard;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a report as the maps and lists that the json and yaml formats serialize (docs/REPORT-FORMAT.md,
 * section "run"; {@link RunReportStream} puts them together). Keys are inserted in the documented order; absent
 * values are explicit nulls so that every key is always present.
 */
public final class ReportTree {

    public static final String TOOL_NAME = "kimpact";

    private ReportTree() {
    }

    static Map<String, Object> shard(Shard shard) {
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
        m.put("case", f.bindings());
        m.put("guest", f.guest());
        m.put("host", f.host());
        m.put("step", f.step());
        m.put("location", fileLine(f.location()));
        m.put("message", f.message());
        m.put("evidence", f.evidence());
        m.put("remedy", f.remedy());
        return m;
    }

    /** The baseline's findings a run does not have, each with {@code baseline_state: absent}. */
    static List<Object> absent(List<Finding> absent) {
        List<Object> out = new ArrayList<>();
        for (Finding f : absent) {
            Map<String, Object> m = finding(f);
            m.put("baseline_state", Baseline.State.ABSENT.id());
            out.add(m);
        }
        return out;
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
        m.put("case", f.bindings());
        return m;
    }

    /** A scenario's entry; {@code cases} is kept as given (a view is read when the entry is written). */
    static Map<String, Object> scenario(String name, String file, String summary, List<Map<String, String>> cases,
                                        List<Report.Expectation> expectations) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("file", file);
        m.put("summary", summary);
        m.put("cases", cases);
        List<Object> entries = new ArrayList<>();
        for (Report.Expectation e : expectations) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("rule", e.rule());
            x.put("guest", e.guest());
            x.put("host", e.host());
            x.put("present", e.present());
            x.put("met", e.met());
            entries.add(x);
        }
        m.put("expectations", entries);
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
