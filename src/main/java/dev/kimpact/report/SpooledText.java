package dev.kimpact.report;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text written now and shown later, all or nothing: a report streamed while its cases run goes to stdout only
 * once it is complete (a run that ends in an error shows the error alone). Up to {@value #IN_MEMORY} characters
 * are kept in memory; beyond that, the text moves to a temporary file (UTF-8, removed by {@link #close}), so that
 * what is held does not grow with the report.
 */
public final class SpooledText extends Writer {

    static final int IN_MEMORY = 1 << 20;

    private final StringBuilder memory = new StringBuilder();
    private Path file;
    private Writer spill;

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (spill == null && memory.length() + len <= IN_MEMORY) {
            memory.append(chars, off, len);
            return;
        }
        if (spill == null) {
            file = Files.createTempFile("kimpact-", ".out");
            file.toFile().deleteOnExit();
            spill = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
            spill.append(memory);
            memory.setLength(0);
            memory.trimToSize();
        }
        spill.write(chars, off, len);
    }

    /** The temporary file the text went to, or null while it is in memory (for tests). */
    Path spillFile() {
        return file;
    }

    /** Copies everything written so far to {@code out}. */
    public void copyTo(Writer out) throws IOException {
        if (spill == null) {
            out.append(memory);
            return;
        }
        spill.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8),
                1 << 16)) {
            in.transferTo(out);
        }
    }

    @Override
    public void flush() {
    }

    /** Removes the temporary file, if there is one. */
    @Override
    public void close() throws IOException {
        if (spill != null) {
            spill.close();
            Files.deleteIfExists(file);
            spill = null;
        }
    }
}
