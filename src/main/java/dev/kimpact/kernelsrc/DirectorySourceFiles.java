package dev.kimpact.kernelsrc;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;
import dev.kimpact.diag.PathGuard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A kernel tree in a plain directory. Paths stay inside it (a symbolic link leading out is refused, as for CPU
 * dumps, {@link PathGuard}); a file larger than {@link #MAX_BYTES} is refused.
 */
public final class DirectorySourceFiles implements SourceFiles {

    /** Larger than any file kimpact reads from a kernel tree (kernel/sys.c and arch/x86/kvm/x86.c are ~0.5 MiB). */
    public static final long MAX_BYTES = 16L << 20;

    private final Path root;
    private final String shown;
    private final PathGuard guard;

    /** {@code shown}: the directory as the user wrote it, for messages. */
    public DirectorySourceFiles(Path root, String shown) {
        if (!Files.isDirectory(root)) {
            throw new InputException(Location.of(shown), Files.exists(root) ? "not a directory" : "no such directory");
        }
        this.root = root;
        this.shown = shown;
        this.guard = new PathGuard(shown + "/.", root, "the kernel tree " + shown);
    }

    @Override
    public Optional<String> read(String path) {
        Path p = guard.resolve("file", path, Location.of(shown));
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            if (Files.size(p) > MAX_BYTES) {
                throw new InputException(Location.of(shown + "/" + path), "larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(Location.of(shown + "/" + path), "cannot read: " + e.getMessage());
        }
    }

    @Override
    public String origin() {
        return shown;
    }
}
