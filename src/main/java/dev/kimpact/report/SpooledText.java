package dev.kimpact.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Text written now and shown later, all or nothing: a report streamed while its cases run goes to stdout only
 * once it is complete (a run that ends in an error shows the error alone). Up to {@value #IN_MEMORY} characters
 * are kept in memory; beyond that, the text moves to a temporary file (removed by {@link #close}), so that what is
 * held does not grow with the report. The file holds the characters as they are (UTF-16 in the machine's byte
 * order, read back only by this object): copying them out at the end, when nothing else runs, is then a copy,
 * with no encoding on the way in and no decoding on the way out.
 */
public final class SpooledText extends Writer {

    static final int IN_MEMORY = 1 << 20;
    private static final int BUFFER_BYTES = 1 << 17;

    private final StringBuilder memory = new StringBuilder();
    private Path file;
    private FileChannel spill;
    /** The characters not yet in the file, through {@link #pending}, a view of it. */
    private ByteBuffer bytes;
    private CharBuffer pending;

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        if (spill == null && memory.length() + len <= IN_MEMORY) {
            memory.append(chars, off, len);
            return;
        }
        if (spill == null) {
            file = Files.createTempFile("kimpact-", ".out");
            file.toFile().deleteOnExit();
            spill = FileChannel.open(file, StandardOpenOption.WRITE);
            bytes = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.nativeOrder());
            pending = bytes.asCharBuffer();
            char[] kept = new char[memory.length()];
            memory.getChars(0, kept.length, kept, 0);
            memory.setLength(0);
            memory.trimToSize();
            put(kept, 0, kept.length);
        }
        put(chars, off, len);
    }

    private void put(char[] chars, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, pending.remaining());
            pending.put(chars, off, n);
            off += n;
            len -= n;
            if (!pending.hasRemaining()) {
                drain();
            }
        }
    }

    /** Writes the pending characters to the file. */
    private void drain() throws IOException {
        bytes.limit(pending.position() * 2).position(0);
        while (bytes.hasRemaining()) {
            spill.write(bytes);
        }
        bytes.clear();
        pending.clear();
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
        drain();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer read = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.nativeOrder());
            char[] chars = new char[BUFFER_BYTES / 2];
            while (in.read(read) >= 0 || read.position() > 1) {
                read.flip();
                int n = read.remaining() / 2;
                read.asCharBuffer().get(chars, 0, n);
                out.write(chars, 0, n);
                read.position(2 * n);
                read.compact();
            }
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
