package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.finding.Shard;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code --format json} report of {@code kimpact run} back into a {@link Report} (for {@code kimpact
 * merge-reports}), and the findings of a {@code run}, {@code series} or {@code diff} JSON report as a
 * {@code --baseline}. Writing a run report read again gives the same JSON. Anything that is not such a report is
 * bad input.
 */
public final class ReportReader {

    private final String file;

    private ReportReader(String file) {
        this.file = file;
    }

    /** The report in {@code json}; {@code file} names it in errors. */
    public static Report read(String file, String json) {
        return new ReportReader(file).report(tree(file, json));
    }

    /** The commands whose JSON reports can be a {@code --baseline}, as {@code kimpact} names them. */
    public enum Kind {
        RUN("run", "findings"), SERIES("series", "findings"), DIFF("diff", "appeared");

        private final String command;
        private final String findings;

        Kind(String command, String findings) {
            this.command = command;
            this.findings = findings;
        }

        /** The command that writes such a report. */
        public String command() {
            return command;
        }
    }

    /**
     * The findings of the JSON report of {@code kind} in {@code json} (of a diff, those that appeared), as a
     * baseline; a report of another command, or anything that is no kimpact report, is bad input naming
     * {@code file} (with its line and column when the JSON is malformed).
     */
    public static Baseline baseline(String file, String json, Kind kind) {
        JsonNode root = tree(file, json);
        ReportReader reader = new ReportReader(file);
        Kind found = kindOf(root);
        if (found == null) {
            throw reader.bad("not a kimpact JSON report (kimpact " + kind.command() + " --format json writes the one "
                    + "--baseline takes)");
        }
        if (found != kind) {
            throw reader.bad("a kimpact " + found.command() + " report, not a " + kind.command() + " report: "
                    + "--baseline takes a report of the same command (kimpact " + kind.command() + " --format json)");
        }
        if (kind == Kind.RUN) {
            return new Baseline(file, reader.report(root).findings());
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : reader.array(root, kind.findings)) {
            findings.add(reader.finding(f, text(f, "severity"), f.path("location"), f.path("evidence"),
                    text(f, "remedy")));
        }
        return new Baseline(file, findings);
    }

    /** Which command wrote {@code root}: run and diff say they are kimpact's; a series report has its commits. */
    private static Kind kindOf(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        boolean tool = root.path("tool").path("name").asText().equals(ReportTree.TOOL_NAME);
        if (tool && root.has("findings") && root.has("scenarios")) {
            return Kind.RUN;
        }
        if (tool && root.has("appeared") && root.has("disappeared")) {
            return Kind.DIFF;
        }
        if (root.has("commits") && root.has("sections") && root.has("merges") && root.has("findings")) {
            return Kind.SERIES;
        }
        return null;
    }

    private static JsonNode tree(String file, String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            // Without Jackson's "(start marker at [Source: REDACTED ...; line: 1, column: 10])": the location is ours.
            throw new InputException(at(file, e), "not valid JSON: " + e.getOriginalMessage().lines().findFirst()
                    .orElse("").replaceAll("\\s*\\(start marker at \\[Source: .*$", "").strip());
        }
    }

    private static Location at(String file, JsonProcessingException e) {
        return e.getLocation() == null ? Location.of(file)
                : new Location(file, e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }

    private Report report(JsonNode root) {
        if (root == null || !root.isObject() || !root.path("tool").path("name").asText().equals(ReportTree.TOOL_NAME)
                || !root.has("findings") || !root.has("scenarios")) {
            throw bad("not a kimpact JSON report (kimpact run --format json writes one)");
        }
        if (root.path("format").asInt(-1) != Report.FORMAT_VERSION) {
            throw bad("report format " + root.path("format") + " is not the format this kimpact reads ("
                    + Report.FORMAT_VERSION + ")");
        }
        List<Finding> findings = new ArrayList<>();
        List<Finding> anticipated = new ArrayList<>();
        for (JsonNode f : array(root, "findings")) {
            Finding finding = finding(f, text(f, "severity"), f.path("location"), f.path("evidence"), text(f, "remedy"));
            findings.add(finding);
            if (f.path("anticipated").asBoolean(false)) {
                anticipated.add(finding);
            }
        }
        List<Report.Suppressed> suppressed = new ArrayList<>();
        for (JsonNode s : array(root, "suppressed")) {
            String severity = s.hasNonNull("severity") ? text(s, "severity") : Severity.WARNING.id();
            suppressed.add(new Report.Suppressed(finding(s, severity, s.path("location"), s.path("evidence"), null),
                    text(s, "reason")));
        }
        List<Report.ScenarioResult> scenarios = new ArrayList<>();
        for (JsonNode s : array(root, "scenarios")) {
            List<Map<String, String>> cases = new ArrayList<>();
            for (JsonNode c : array(s, "cases")) {
                cases.add(strings(c));
            }
            List<Report.Expectation> expectations = new ArrayList<>();
            for (JsonNode e : array(s, "expectations")) {
                expectations.add(new Report.Expectation(text(e, "rule"), text(e, "guest"), text(e, "host"),
                        e.path("present").asBoolean(true), e.path("met").asBoolean(false)));
            }
            scenarios.add(new Report.ScenarioResult(text(s, "name"), text(s, "file"), text(s, "summary"), cases,
                    expectations));
        }
        JsonNode shard = root.path("shard");
        Shard slice = null;
        if (shard.isObject()) {
            try {
                slice = new Shard(shard.path("index").asInt(0), shard.path("count").asInt(0));
            } catch (InputException e) {
                throw bad(e.getMessage());
            }
        }
        return new Report(findings, suppressed, scenarios, anticipated, slice);
    }

    private Finding finding(JsonNode f, String severity, JsonNode location, JsonNode evidence, String remedy) {
        String rule = text(f, "rule");
        if (rule == null) {
            throw bad("a finding without a rule");
        }
        return new Finding(rule, severity(severity), text(f, "scenario"), strings(f.path("case")), text(f, "guest"),
                text(f, "host"), text(f, "step"), location(location), text(f, "message"), object(evidence), remedy);
    }

    private Severity severity(String id) {
        for (Severity s : Severity.values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw bad("unknown severity '" + id + "'");
    }

    /** Inverse of {@link ReportTree#fileLine}: {@code FILE:LINE} or {@code FILE}. */
    static Location location(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        String s = node.asText();
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.substring(colon + 1).matches("\\d{1,9}")) {
            return new Location(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)), 0);
        }
        return Location.of(s);
    }

    private Iterable<JsonNode> array(JsonNode parent, String key) {
        JsonNode n = parent.path(key);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw bad("'" + key + "' is not an array");
        }
        return n;
    }

    private static String text(JsonNode parent, String key) {
        JsonNode n = parent.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(JsonNode n) {
        return n.isObject() ? Json.mapper().convertValue(n, LinkedHashMap.class) : Map.of();
    }

    private InputException bad(String message) {
        return new InputException(Location.of(file), message);
    }
}
