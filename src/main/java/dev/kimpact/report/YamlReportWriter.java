package dev.kimpact.report;

import dev.kimpact.finding.Report;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.Writer;

/** {@code --format yaml}: the same tree as json, as one YAML document. */
public final class YamlReportWriter implements ReportWriter {

    private static final YAMLMapper MAPPER = new YAMLMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build());

    @Override
    public String write(Report report, WriterOptions options) {
        return JsonReportWriter.whole(report, "yaml", options);
    }

    /** A generator that writes onto {@code out} as {@link #yaml} does, for writing a tree piece by piece. */
    static JsonGenerator generator(Writer out) throws IOException {
        return MAPPER.getFactory().createGenerator(out);
    }

    /** {@code tree} (maps, lists, scalars) as one YAML document, as the yaml report writes it. */
    static String yaml(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize report", e);
        }
    }
}
