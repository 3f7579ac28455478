package dev.kimpact.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.kimpact.finding.Baseline;
import dev.kimpact.finding.Finding;
import dev.kimpact.finding.Report;
import dev.kimpact.finding.Severity;
import dev.kimpact.finding.Shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run report in json or yaml written while the run goes on, in the documented order (docs/REPORT-FORMAT.md,
 * "run"): each case's findings as the case completes, then the suppressed findings, the scenarios with their
 * cases and expectations, the summary and the shard. The text is the one {@link JsonReportWriter} and
 * {@link YamlReportWriter} give for the whole {@link Report}, which they write through this class; a what-if
 * matrix writes through it case by case, so that the report is never held as a whole. What comes after the
 * findings is kept until {@link #finish}: the suppressed findings, and each scenario's cases as a list the caller
 * may compute on demand. With a baseline ({@link WriterOptions#baseline}), each finding has its
 * {@code baseline_state} and the report ends with the baseline's name and its absent findings.
 */
public final class RunReportStream implements AutoCloseable {

    /** The formats written this way. */
    public static final List<String> FORMATS = List.of("json", "yaml");

    private final JsonGenerator g;
    private final boolean json;
    private final Writer out;
    private final Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    private final List<Report.Suppressed> suppressed = new ArrayList<>();
    private final List<Map<String, Object>> scenarios = new ArrayList<>();
    private final Baseline.Matcher baseline;

    private RunReportStream(JsonGenerator g, boolean json, Writer out, Baseline baseline) {
        this.g = g;
        this.json = json;
        this.out = out;
        this.baseline = baseline == null ? null : baseline.matcher();
        for (Severity s : Severity.values()) {
            counts.put(s, 0);
        }
    }

    /** Whether {@code format} (as {@code --format} spells it) is written by this class. */
    public static boolean writes(String format) {
        return FORMATS.contains(format);
    }

    /** Starts a report in {@code format} (one of {@link #FORMATS}) on {@code out}: everything up to the findings. */
    public static RunReportStream open(String format, Writer out, WriterOptions options) {
        try {
            JsonGenerator g = switch (format) {
                case "json" -> Json.generator(out);
                case "yaml" -> YamlReportWriter.generator(out);
                default -> throw new IllegalArgumentException("no streamed report in format '" + format + "'");
            };
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            RunReportStream s = new RunReportStream(g, format.equals("json"), out, options.baseline());
            g.writeStartObject();
            s.field("format", Report.FORMAT_VERSION);
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", ReportTree.TOOL_NAME);
            tool.put("version", options.toolVersion());
            s.field("tool", tool);
            g.writeFieldName("findings");
            g.writeStartArray();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code findings} (one case's, or a whole report's), in order; those in {@code anticipated} are marked
     * so, and with a baseline each gets its {@code baseline_state}. Returns the findings that count for
     * {@code --fail-on}: the new ones with a baseline, else all.
     */
    public List<Finding> findings(List<Finding> findings, Collection<Finding> anticipated) {
        List<Finding> counted = baseline == null ? findings : new ArrayList<>();
        try {
            for (Finding f : findings) {
                Map<String, Object> m = ReportTree.finding(f, !anticipated.isEmpty() && anticipated.contains(f));
                if (baseline != null) {
                    Baseline.State state = baseline.classify(f);
                    m.put("baseline_state", state.id());
                    if (state == Baseline.State.NEW) {
                        counted.add(f);
                    }
                }
                Json.value(g, m);
                counts.merge(f.severity(), 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counted;
    }

    /** Findings that were suppressed: written after every finding. */
    public void suppressed(Collection<Report.Suppressed> more) {
        suppressed.addAll(more);
    }

    /** A scenario's entry, written after the suppressed findings. */
    public void scenario(Report.ScenarioResult s) {
        scenario(s.name(), s.file(), s.summary(), s.cases(), s.expectations());
    }

    /**
     * A scenario's entry, written after the suppressed findings. {@code cases} is read only then, once, in order:
     * it may be a view that computes each case's bindings.
     */
    public void scenario(String name, String file, String summary, List<Map<String, String>> cases,
                         List<Report.Expectation> expectations) {
        scenarios.add(ReportTree.scenario(name, file, summary, cases, expectations));
    }

    /** Writes the rest of the report: suppressed findings, scenarios, summary and {@code shard} (null: none). */
    public void finish(Shard shard) {
        try {
            g.writeEndArray();
            List<Object> hidden = new ArrayList<>();
            for (Report.Suppressed s : suppressed) {
                hidden.add(ReportTree.suppressed(s));
            }
            field("suppressed", hidden);
            field("scenarios", scenarios);
            Map<String, Object> summary = new LinkedHashMap<>();
            counts.forEach((severity, n) -> summary.put(severity.id(), n));
            field("summary", summary);
            field("shard", ReportTree.shard(shard));
            if (baseline != null) {
                suppressed.forEach(s -> baseline.classify(s.finding()));
                field("baseline_file", baseline.file());
                field("absent", ReportTree.absent(baseline.absent()));
            }
            g.writeEndObject();
            g.flush();
            if (json) {
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void field(String name, Object value) throws IOException {
        g.writeFieldName(name);
        Json.value(g, value);
    }

    /** Closes the generator (not {@code out}, which the caller owns). */
    @Override
    public void close() {
        try {
            g.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
