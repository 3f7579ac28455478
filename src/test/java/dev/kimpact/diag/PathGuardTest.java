package dev.kimpact.diag;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A path an input names resolves inside the input's directory, or is refused where it is written. */
class PathGuardTest {

    private static final Location AT = new Location("s.yaml", 2, 13);
    private static final String OUTSIDE = "cpu.dump '%s' must be a relative path inside the scenario's directory";

    private static PathGuard guard(Path dir) {
        return new PathGuard(dir.resolve("s.yaml").toString(), dir, "the scenario's directory");
    }

    private static InputException refusal(PathGuard g, String rel) {
        try {
            g.resolve("cpu.dump", rel, AT);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("'" + rel + "' was not refused");
    }

    @Test
    void aRelativePathResolvesInTheDirectoryNotTheWorkingDirectory(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("scenarios/dumps"));
        Path dump = Files.writeString(dir.resolve("clx.txt"), "x");
        assertThat(guard(dir.getParent()).resolve("cpu.dump", "dumps/clx.txt", AT)).isEqualTo(dump.toAbsolutePath());
        // ".." that stays inside is fine; a file that does not exist is left to whoever opens it.
        assertThat(guard(dir.getParent()).resolve("cpu.dump", "dumps/../dumps/clx.txt", AT))
                .isEqualTo(dump.toAbsolutePath());
        assertThat(guard(dir).resolve("cpu.dump", "missing.txt", AT)).isEqualTo(dir.resolve("missing.txt"));
    }

    @Test
    void parentEscapesAndAbsolutePathsAreRefusedWhereTheyAreWritten(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("scenarios"));
        Files.writeString(tmp.resolve("secret.txt"), "x");
        for (String rel : new String[] {"../secret.txt", "a/../../secret.txt", tmp.resolve("secret.txt").toString()}) {
            InputException e = refusal(guard(dir), rel);
            assertThat(e.location()).isEqualTo(AT);
            assertThat(e.getMessage()).isEqualTo(OUTSIDE.formatted(rel));
        }
    }

    @Test
    void aSymbolicLinkLeadingOutIsRefusedOneStayingInsideIsFollowed(@TempDir Path tmp) throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("scenarios"));
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "x");
        assumeTrue(Links.symlink(dir.resolve("clx.txt"), secret), "symbolic links not supported here");
        assertThat(refusal(guard(dir), "clx.txt").getMessage()).isEqualTo(OUTSIDE.formatted("clx.txt")
                + " (it is a symbolic link, or under one, that leads out of it)");
        // A directory link on the way out counts as well.
        assumeTrue(Links.symlink(dir.resolve("up"), tmp));
        assertThat(refusal(guard(dir), "up/secret.txt").getMessage()).endsWith("that leads out of it)");

        Path inside = Files.writeString(dir.resolve("real.txt"), "x");
        assumeTrue(Links.symlink(dir.resolve("latest.txt"), Path.of("real.txt")));
        Path resolved = guard(dir).resolve("cpu.dump", "latest.txt", AT);
        assertThat(resolved.toRealPath()).isEqualTo(inside.toRealPath());
    }

    @Test
    void aDirectoryReachedThroughALinkIsStillInside(@TempDir Path tmp) throws IOException {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Files.writeString(real.resolve("clx.txt"), "x");
        assumeTrue(Links.symlink(tmp.resolve("via-link"), real), "symbolic links not supported here");
        assertThat(guard(tmp.resolve("via-link")).resolve("cpu.dump", "clx.txt", AT))
                .isEqualTo(tmp.resolve("via-link/clx.txt").toAbsolutePath());
    }

    @Test
    void aPathTheFileSystemCannotNameIsRefused(@TempDir Path dir) {
        InputException e = refusal(guard(dir), "a\0b");
        assertThat(e.location()).isEqualTo(AT);
        assertThat(e.getMessage()).isEqualTo("cpu.dump 'a\0b' is not a valid path");
    }

    @Test
    void errorsNameTheFileNextToTheInputOrAsWrittenForStdin(@TempDir Path dir) {
        assertThat(new PathGuard("scenarios/s.yaml", dir, "d").shown("dumps/../clx.txt")).isEqualTo("scenarios/clx.txt");
        assertThat(new PathGuard("s.yaml", dir, "d").shown("clx.txt")).isEqualTo("clx.txt");
        assertThat(new PathGuard("<stdin>", dir, "d").shown("dumps/clx.txt")).isEqualTo("dumps/clx.txt");
    }
}
