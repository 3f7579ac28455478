package dev.kimpact.diag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Paths that an untrusted input file names (a scenario's {@code cpu: {dump: FILE}}), resolved in that file's
 * directory and refused unless they stay inside it: no absolute path, no {@code ..} out of it, and no symbolic link
 * (of the file or of a directory on the way) leading out of it. A symbolic link that stays inside is followed.
 *
 * @param file    the input as errors name it; a name in angle brackets ({@code <stdin>}) is not a file
 * @param dir     the directory relative paths resolve in: the input's own, or the working directory for stdin
 * @param dirName that directory in messages, e.g. "the scenario's directory"
 */
public record PathGuard(String file, Path dir, String dirName) {

    /**
     * {@code rel}, written as the value of {@code field} at {@code at}, resolved inside {@link #dir}; an
     * {@link InputException} at {@code at} otherwise. A path that does not exist is returned as is: whoever opens it
     * reports "no such file".
     */
    public Path resolve(String field, String rel, Location at) {
        Path p;
        try {
            p = Path.of(rel);
        } catch (InvalidPathException e) {
            throw new InputException(at, field + " '" + rel + "' is not a valid path");
        }
        Path base = dir.toAbsolutePath().normalize();
        Path resolved = base.resolve(p).normalize();
        String refused = field + " '" + rel + "' must be a relative path inside " + dirName;
        if (p.isAbsolute() || !resolved.startsWith(base)) {
            throw new InputException(at, refused);
        }
        if (!Files.exists(resolved)) {
            return resolved;
        }
        try {
            if (!resolved.toRealPath().startsWith(base.toRealPath())) {
                throw new InputException(at, refused + " (it is a symbolic link, or under one, that leads out of it)");
            }
        } catch (IOException e) {
            throw new InputException(at, field + " '" + rel + "': cannot resolve: " + e.getMessage());
        }
        return resolved;
    }

    /** How errors inside the file {@code rel} name it: as the user finds it, next to {@link #file}. */
    public String shown(String rel) {
        return file.startsWith("<") ? rel : Path.of(file).resolveSibling(rel).normalize().toString();
    }
}
