package dev.kimpact.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AtomicFileTest {

    @Test
    void aNewFileGetsTheModeTheUmaskGivesLikeAnyOtherNewFile(@TempDir Path dir) throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("report.json");
        AtomicFile.write(written, "{}\n");
        assertThat(Files.readString(written)).isEqualTo("{}\n");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aReplacedFileKeepsItsMode(@TempDir Path dir) throws IOException {
        assumeTrue(Files.getFileStore(dir).supportsFileAttributeView("posix"), "no POSIX permissions here");
        Path target = Files.writeString(dir.resolve("report.sarif"), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw-r--"));
        AtomicFile.write(target, "new");
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw-r--");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void aMissingDirectoryIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> AtomicFile.write(Path.of(dir + "/nope/report.json"), "x"))
                .hasMessage("directory " + dir + "/nope does not exist");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStays(@TempDir Path dir) throws IOException {
        Path real = Files.writeString(dir.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
        AtomicFile.write(link, "new");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    /** A rename over a device or FIFO would replace it with a plain file (-o /dev/null, as root). */
    @Test
    void aFifoIsWrittenToNotReplaced(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo");
        try {
            assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo failed");
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
        }
        java.util.concurrent.CompletableFuture<String> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        AtomicFile.write(fifo, "through the pipe\n");
        assertThat(read.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("through the pipe\n");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(fifo);
        }
    }

    @Test
    void aDirectoryIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws IOException {
        Path target = Files.createDirectory(dir.resolve("out"));
        assertThatThrownBy(() -> AtomicFile.write(target, "x")).hasMessage("it is a directory");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
