package dev.kimpact.diag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An input read whole, up to a limit. A file's size says nothing for a pipe or a device ({@code --mbox <(b4 am -o -
 * ...)}, {@code /dev/zero}: size 0), so the limit is kept while reading: at most one byte past it is read.
 */
public final class BoundedRead {

    private BoundedRead() {
    }

    /** The bytes of {@code file} (a regular file, a pipe, a device), or empty if it has more than {@code max}. */
    public static Optional<byte[]> atMost(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return atMost(in, max);
        }
    }

    /** The rest of {@code in}, or empty if it has more than {@code max} bytes (then at most max + 1 are read). */
    public static Optional<byte[]> atMost(InputStream in, int max) throws IOException {
        if (max < 0 || max == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("limit out of range: " + max);
        }
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? Optional.empty() : Optional.of(bytes);
    }
}
