package dev.kimpact.cli;

import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON report kimpact wrote earlier, as read for {@code merge-reports} and {@code --baseline}: its text and the
 * name errors give it ({@code <stdin>} for {@code -}).
 */
record ReportInput(String shown, String json) {

    /** Reads {@code file}, or {@code stdin} for {@code -}; a file that cannot be read is bad input naming it. */
    static ReportInput read(Path file, InputStream stdin) {
        boolean isStdin = file.toString().equals("-");
        String shown = isStdin ? "<stdin>" : file.toString();
        try {
            return new ReportInput(shown, isStdin ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(Location.of(shown), Files.exists(file) ? "cannot read: " + e.getMessage()
                    : "no such file");
        }
    }
}
