package dev.kimpact.report;

import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.diag.Location;
import dev.kimpact.finding.RuleId;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format sarif}: SARIF 2.1.0 (OASIS), one run. {@code tool.driver.rules} has one entry per
 * {@link RuleId} (its explanation as help text); each finding is a result located at the scenario line of its
 * step; suppressed findings are results with an external suppression carrying the reason.
 */
public final class SarifReportWriter implements ReportWriter {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String VERSION = "2.1.0";
    /** Where people learn about kimpact; SARIF viewers link the tool name to it. */
    public static final String INFORMATION_URI = "https://kimpact.dev/";

    @Override
    public String write(Report report, WriterOptions options) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>();
        for (RuleId r : RuleId.values()) {
            ruleIndex.put(r.id(), rules.size());
            rules.add(rule(r.id(), r.summary(), r.explanation(), r.severity()));
        }
        Map<String, String> scenarioFiles = new LinkedHashMap<>();
        for (Report.ScenarioResult s : report.scenarios()) {
            if (s.file() != null) {
                scenarioFiles.putIfAbsent(s.name(), s.file());
            }
        }
        List<Object> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            results.add(result(f, index(f, ruleIndex, rules), scenarioFiles));
        }
        for (Report.Suppressed s : report.suppressed()) {
            Map<String, Object> result = result(s.finding(), index(s.finding(), ruleIndex, rules), scenarioFiles);
            Map<String, Object> suppression = new LinkedHashMap<>();
            suppression.put("kind", "external");
            suppression.put("justification", s.reason() == null ? "" : s.reason());
            result.put("suppressions", List.of(suppression));
            results.add(result);
        }

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", ReportTree.TOOL_NAME);
        driver.put("version", options.toolVersion());
        driver.put("informationUri", INFORMATION_URI);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", VERSION);
        log.put("runs", List.of(run));
        return Json.write(log);
    }

    /** The index of the finding's rule in {@code rules}; a rule kimpact does not know is added on the fly. */
    private static int index(Finding f, Map<String, Integer> ruleIndex, List<Object> rules) {
        return ruleIndex.computeIfAbsent(f.rule(), id -> {
            rules.add(rule(id, id, id, f.severity()));
            return rules.size() - 1;
        });
    }

    private static Map<String, Object> rule(String id, String summary, String explanation, Severity severity) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", id);
        rule.put("shortDescription", Map.of("text", summary));
        rule.put("fullDescription", Map.of("text", fullDescription(id, summary, explanation)));
        rule.put("help", Map.of("text", explanation));
        rule.put("defaultConfiguration", Map.of("level", severity.id()));
        return rule;
    }

    /**
     * The explanation's opening paragraph (the lines after its {@code id (severity)} title, up to the first blank
     * line), or the summary when the explanation has no such shape.
     */
    static String fullDescription(String id, String summary, String explanation) {
        String[] lines = explanation.split("\\R", -1);
        if (lines.length < 2 || !lines[0].startsWith(id + " ")) {
            return summary;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < lines.length && !lines[i].isBlank(); i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(lines[i].strip());
        }
        return sb.length() == 0 ? summary : sb.toString();
    }

    private static Map<String, Object> result(Finding f, int ruleIndex, Map<String, String> scenarioFiles) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", f.rule());
        result.put("ruleIndex", ruleIndex);
        result.put("level", f.severity().id());
        result.put("message", Map.of("text", f.message() == null || f.message().isEmpty() ? f.rule() : f.message()));
        Map<String, Object> physical = physicalLocation(f.location(), scenarioFiles.get(f.scenario()));
        if (physical != null) {
            result.put("locations", List.of(Map.of("physicalLocation", physical)));
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        putIfPresent(properties, "scenario", f.scenario());
        putIfPresent(properties, "guest", f.guest());
        putIfPresent(properties, "host", f.host());
        putIfPresent(properties, "step", f.step());
        properties.put("case", new LinkedHashMap<>(f.bindings()));
        properties.put("evidence", new LinkedHashMap<>(f.evidence()));
        putIfPresent(properties, "remedy", f.remedy());
        result.put("properties", properties);
        return result;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * The finding's file and line; without a location, the scenario's file (so that viewers can still attach it);
     * null for stdin or nothing.
     */
    static Map<String, Object> physicalLocation(Location location, String scenarioFile) {
        String file = location != null ? location.file() : scenarioFile;
        String uri = uri(file);
        if (uri == null) {
            return null;
        }
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri));
        if (location != null && location.line() > 0) {
            physical.put("region", Map.of("startLine", location.line()));
        }
        return physical;
    }

    /** A relative path as a relative URI reference, an absolute one as a file: URI; null for stdin. */
    static String uri(String file) {
        if (file == null || file.isEmpty() || file.equals("-") || file.startsWith("<")) {
            return null;
        }
        String path = file.replace('\\', '/');
        if (path.startsWith("/")) {
            return Path.of(file).toUri().toASCIIString();
        }
        try {
            String encoded = new URI(null, null, path, null).toASCIIString();
            // "a:b" would read as a URI scheme: make the first segment unambiguous.
            int colon = encoded.indexOf(':');
            int slash = encoded.indexOf('/');
            return colon >= 0 && (slash < 0 || colon < slash) ? "./" + encoded : encoded;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
