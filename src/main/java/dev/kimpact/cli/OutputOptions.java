package dev.kimpact.cli;

import dev.kimpact.report.AtomicFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code --format} and {@code --output}: where and how a command writes its result. */
public final class OutputOptions {

    public enum Format { text, json, yaml, sarif, markdown, svg }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "Not every command supports every format.")
    Format format = Format.text;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the result to FILE (atomically: readers never see a partial file) instead of stdout.")
    Path output;

    public Format format() {
        return format;
    }

    /** Whether the result goes to an {@code --output} file rather than stdout. */
    public boolean toFile() {
        return output != null;
    }

    /** Writes {@code content} to --output, or to {@code out}. */
    public void emit(PrintWriter out, String content) {
        if (output == null) {
            out.print(content);
            out.flush();
            return;
        }
        try {
            AtomicFile.write(output, content);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot write " + output + ": " + e.getMessage(), e));
        }
    }
}
