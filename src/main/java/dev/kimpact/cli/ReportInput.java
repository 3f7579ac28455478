package dev.kimpact.cli;

import dev.kimpact.diag.BoundedRead;
import dev.kimpact.diag.InputException;
import dev.kimpact.diag.Location;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON report kimpact wrote earlier, as read for {@code merge-reports} and {@code --baseline}: its text and the
 * name errors give it ({@code <stdin>} for {@code -}).
 */
record ReportInput(String shown, String json) {

    /**
     * The largest report read: a shard of {@link dev.kimpact.whatif.Matrix#MAX_CASES} cases writes some 80 MB of
     * JSON (about 8 kB a case); a pipe or device past it ({@code /dev/zero}) is refused, not read without end.
     */
    static final int MAX_BYTES = 128 << 20;

    /** Reads {@code file}, or {@code stdin} for {@code -}; a file that cannot be read is bad input naming it. */
    static ReportInput read(Path file, InputStream stdin) {
        boolean isStdin = file.toString().equals("-");
        String shown = isStdin ? "<stdin>" : file.toString();
        try {
            byte[] bytes = (isStdin ? BoundedRead.atMost(stdin, MAX_BYTES) : BoundedRead.atMost(file, MAX_BYTES))
                    .orElseThrow(() -> new InputException(Location.of(shown), "report larger than "
                            + (MAX_BYTES >> 20) + " MiB"));
            return new ReportInput(shown, isStdin ? new String(bytes, StandardCharsets.UTF_8)
                    : StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new InputException(Location.of(shown), "not UTF-8 text: expected a kimpact JSON report");
        } catch (IOException e) {
            throw new InputException(Location.of(shown), Files.exists(file) ? "cannot read: " + e.getMessage()
                    : "no such file");
        }
    }
}
