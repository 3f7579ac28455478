package dev.kimpact.report;

import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.diag.Location;
import dev.kimpact.finding.RuleId;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --format sarif}: SARIF 2.1.0 (OASIS), one run, for code scanning. {@code tool.driver.rules} has one entry
 * per {@link RuleId} (its explanation as help text); each finding is a result located at the scenario line of its
 * step, its file relative to {@value #SRCROOT} (the git top-level above the scenario files, else the working
 * directory); {@code partialFingerprints} identify it by rule, scenario, host, guest and case, so that it keeps its
 * identity when messages or lines move. Findings a scenario's {@code expect:} anticipates or its {@code ignore:}
 * suppresses carry an {@code inSource} suppression, those {@code --ignore} suppresses an {@code external} one.
 * With {@code --baseline}, every result has a {@code baselineState} ({@code new} or {@code unchanged}), and the
 * baseline's findings this run does not have follow as results whose state is {@code absent}.
 */
public final class SarifReportWriter implements ReportWriter {

    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String VERSION = "2.1.0";
    /** Where people learn about kimpact; SARIF viewers link the tool name to it. */
    public static final String INFORMATION_URI = "https://kimpact.dev/";
    /** The uriBaseId of the repository root that artifact URIs are relative to. */
    public static final String SRCROOT = "SRCROOT";
    /**
     * The partialFingerprints key; its value is a hash of the finding's identity (see {@link #fingerprint}), then
     * {@code :N} for its N-th result with that identity (as GitHub numbers its primaryLocationLineHash), since one
     * guest can meet the same rule at two steps.
     */
    public static final String FINGERPRINT = "kimpactFinding/v1";
    /** The artifact of a finding read from stdin, or from nowhere known. */
    public static final String STDIN = "<stdin>";

    private final Path workingDirectory;
    private final String rootDescription;

    /** Relative file names are resolved against the current directory. */
    public SarifReportWriter() {
        this(Path.of("").toAbsolutePath());
    }

    /** Relative file names are resolved against {@code workingDirectory}. */
    public SarifReportWriter(Path workingDirectory) {
        this(workingDirectory, "the repository root (the git top-level above the scenario files, else the directory "
                + "kimpact ran in)");
    }

    /** As {@link #SarifReportWriter(Path)}, the root described as {@code rootDescription} in the log. */
    SarifReportWriter(Path workingDirectory, String rootDescription) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.rootDescription = rootDescription;
    }

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
        Artifacts artifacts = new Artifacts(workingDirectory, srcRoot(report, workingDirectory));
        Baseline.Comparison baseline = options.baseline() == null ? null : options.baseline().compare(report);
        Map<String, Integer> occurrences = new HashMap<>();
        List<Object> results = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> result = result(f, index(f, ruleIndex, rules), scenarioFiles, artifacts, occurrences);
            if (baseline != null) {
                result.put("baselineState", baseline.state(f).id());
            }
            if (report.isAnticipated(f)) {
                result.put("suppressions", List.of(suppression("inSource",
                        "anticipated by the scenario's expect: " + f.rule())));
            }
            results.add(result);
        }
        for (Report.Suppressed s : report.suppressed()) {
            Map<String, Object> result = result(s.finding(), index(s.finding(), ruleIndex, rules), scenarioFiles,
                    artifacts, occurrences);
            if (baseline != null) {
                result.put("baselineState", baseline.state(s.finding()).id());
            }
            result.put("suppressions", List.of(suppression(s.byOption() ? "external" : "inSource",
                    s.reason() == null ? "" : s.reason())));
            results.add(result);
        }
        if (baseline != null) {
            results.addAll(absent(options.baseline(), baseline, ruleIndex, rules, scenarioFiles, artifacts));
        }

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", ReportTree.TOOL_NAME);
        driver.put("version", options.toolVersion());
        driver.put("informationUri", INFORMATION_URI);
        driver.put("rules", rules);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("uri", directoryUri(artifacts.root()));
        root.put("description", Map.of("text", rootDescription));
        run.put("originalUriBaseIds", Map.of(SRCROOT, root));
        run.put("results", results);
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", VERSION);
        log.put("runs", List.of(run));
        return Json.write(log);
    }

    /**
     * The baseline's findings this run does not have, as results with {@code baselineState} absent (SARIF 2.1.0
     * §3.27.24), their fingerprints numbered as the baseline's own SARIF numbered them.
     */
    private static List<Object> absent(Baseline b, Baseline.Comparison comparison, Map<String, Integer> ruleIndex,
                                       List<Object> rules, Map<String, String> scenarioFiles, Artifacts artifacts) {
        Set<Finding> absent = Collections.newSetFromMap(new IdentityHashMap<>());
        absent.addAll(comparison.absent());
        Map<String, Integer> occurrences = new HashMap<>();
        List<Object> results = new ArrayList<>();
        for (Finding f : b.findings()) {
            Map<String, Object> result = result(f, index(f, ruleIndex, rules), scenarioFiles, artifacts, occurrences);
            if (absent.contains(f)) {
                result.put("baselineState", Baseline.State.ABSENT.id());
                results.add(result);
            }
        }
        return results;
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

    private static Map<String, Object> suppression(String kind, String justification) {
        Map<String, Object> suppression = new LinkedHashMap<>();
        suppression.put("kind", kind);
        suppression.put("justification", justification);
        return suppression;
    }

    /**
     * The finding's identity across runs and edits: a SHA-256 of its rule, scenario, host, guest and case
     * bindings (sorted), and not of its message, step or line, which move.
     */
    static String fingerprint(Finding f) {
        StringBuilder sb = new StringBuilder();
        for (String part : Baseline.key(f)) {       // the identity --baseline matches findings by
            sb.append(part == null ? "" : part).append('\0');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static Map<String, Object> result(Finding f, int ruleIndex, Map<String, String> scenarioFiles,
                                              Artifacts artifacts, Map<String, Integer> occurrences) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", f.rule());
        result.put("ruleIndex", ruleIndex);
        result.put("level", f.severity().id());
        result.put("message", Map.of("text", f.message() == null || f.message().isEmpty() ? f.rule() : f.message()));
        Map<String, Object> physical = artifacts.physicalLocation(f.location(), scenarioFiles.get(f.scenario()));
        result.put("locations", List.of(Map.of("physicalLocation", physical)));
        String identity = fingerprint(f);
        int occurrence = occurrences.merge(identity, 1, Integer::sum);
        result.put("partialFingerprints", Map.of(FINGERPRINT, identity + ":" + occurrence));
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
     * The repository root that artifact URIs are relative to: the git top-level (a directory holding {@code .git})
     * above the first scenario file, else {@code workingDirectory}.
     */
    static Path srcRoot(Report report, Path workingDirectory) {
        for (Report.ScenarioResult s : report.scenarios()) {
            if (s.file() != null && !isStdin(s.file())) {
                Path dir = workingDirectory.resolve(s.file()).normalize().getParent();
                for (Path d = dir; d != null; d = d.getParent()) {
                    if (Files.exists(d.resolve(".git"))) {
                        return d;
                    }
                }
                break;
            }
        }
        return workingDirectory;
    }

    private static boolean isStdin(String file) {
        return file.isEmpty() || file.equals("-") || file.startsWith("<");
    }

    /** A directory as an absolute file: URI ending in a slash, as SARIF wants of a base URI. */
    static String directoryUri(Path dir) {
        String uri = dir.toUri().toASCIIString();
        return uri.endsWith("/") ? uri : uri + "/";
    }

    /** A relative path as a relative URI reference; null if it cannot be one. */
    static String relativeUri(String path) {
        try {
            String encoded = new URI(null, null, path.replace('\\', '/'), null).toASCIIString();
            // "a:b" would read as a URI scheme: make the first segment unambiguous.
            int colon = encoded.indexOf(':');
            int slash = encoded.indexOf('/');
            return colon >= 0 && (slash < 0 || colon < slash) ? "./" + encoded : encoded;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * Where result files are: relative file names resolve against {@code workingDirectory}; a file under
     * {@code root} is named relative to it (uriBaseId {@value #SRCROOT}), any other by its absolute file: URI.
     */
    record Artifacts(Path workingDirectory, Path root) {

        /**
         * The finding's file and line; without a location, the scenario's file (so that viewers can still attach
         * it); stdin, or no file at all, is the artifact {@value #STDIN}.
         */
        Map<String, Object> physicalLocation(Location location, String scenarioFile) {
            String file = location != null && location.file() != null ? location.file() : scenarioFile;
            Map<String, Object> physical = new LinkedHashMap<>();
            physical.put("artifactLocation", artifactLocation(file));
            if (location != null && location.line() > 0) {
                physical.put("region", Map.of("startLine", location.line()));
            }
            return physical;
        }

        Map<String, Object> artifactLocation(String file) {
            Map<String, Object> artifact = new LinkedHashMap<>();
            if (file == null || isStdin(file)) {
                artifact.put("uri", relativeUri(STDIN));
                return artifact;
            }
            Path path;
            try {
                path = workingDirectory.resolve(file).normalize();
            } catch (InvalidPathException e) {
                String uri = relativeUri(file);
                artifact.put("uri", uri == null ? relativeUri(STDIN) : uri);
                return artifact;
            }
            String relative = path.startsWith(root) ? relativeUri(root.relativize(path).toString()) : null;
            if (relative != null) {
                artifact.put("uri", relative);
                artifact.put("uriBaseId", SRCROOT);
            } else {
                artifact.put("uri", path.toUri().toASCIIString());
            }
            return artifact;
        }
    }
}
