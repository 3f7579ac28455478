package dev.kimpact.diag;

/**
 * Where a problem is: a file (or a repository/revision) with an optional 1-based line and column.
 * A line or column of 0 means "unknown".
 */
public record Location(String file, int line, int column) {

    public static Location of(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.toString();
    }

    // As the record's generated equals and hashCode, written out: those are linked through method handles at their
    // first call, which a short run pays for in the interpreter (docs/PERFORMANCE.md, "Start-up").

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && line == l.line && column == l.column && java.util.Objects.equals(file, l.file);
    }

    @Override
    public int hashCode() {
        return (31 * java.util.Objects.hashCode(file) + line) * 31 + column;
    }
}
