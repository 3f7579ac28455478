package dev.kimpact.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part: the content
 * goes to a temporary file next to the target, which is then renamed over it; on any failure the temporary file
 * is removed and the target is left as it was. A new file gets the mode the umask gives (as a shell redirection
 * would), a replaced file keeps its mode. A symbolic link is written through (the file it names is replaced, the
 * link stays), and a target that is not a regular file ({@code /dev/null}, {@code /dev/stdout}, a FIFO) is
 * written to as it is, since a rename would put a plain file in its place.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /** Writes text to a {@link Writer}, which it does not close. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    public static void write(Path target, String content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Writes what {@code content} writes, in UTF-8 (what it cannot encode replaced, as the stdout writer does). */
    public static void write(Path target, Content content) throws IOException {
        // An existing symbolic link is written through (the link stays); a device or FIFO (-o /dev/null,
        // -o /dev/stdout, a named pipe) is written to directly: renaming a file over it would replace the device.
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new IOException("it is a directory");
        }
        if (Files.exists(abs) && !Files.isRegularFile(abs)) {
            try (Writer out = writer(Files.newOutputStream(abs, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            return;
        }
        if (Files.isSymbolicLink(abs) && Files.exists(abs)) {
            abs = abs.toRealPath();
        }
        Path dir = abs.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IOException("directory " + (target.getParent() != null ? target.getParent() : dir)
                    + (Files.exists(dir) ? " is not a directory" : " does not exist"));
        }
        Path tmp = newTemporary(dir, abs.getFileName().toString());
        try {
            try (Writer out = writer(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            keepMode(abs, tmp);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // An OutputStreamWriter replaces what UTF-8 cannot encode, as getBytes does; Files.newBufferedWriter throws.
    private static Writer writer(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    /**
     * A new empty file next to the target, created without explicit permissions (unlike
     * {@link Files#createTempFile}, which makes it 0600), so that the umask decides its mode.
     */
    private static Path newTemporary(Path dir, String name) throws IOException {
        SecureRandom random = new SecureRandom();
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(random.nextLong(), 36) + ".tmp");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // another name
            }
        }
    }

    /** An existing target's permissions, onto the temporary file that replaces it (POSIX file systems). */
    private static void keepMode(Path target, Path tmp) throws IOException {
        if (Files.isRegularFile(target) && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }
}
