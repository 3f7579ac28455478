package dev.kimpact.series;

import java.util.Locale;

/**
 * A path a commit touches. {@code oldPath} is set for renames and copies only.
 */
public record FileChange(String path, String oldPath, Change change) {

    /** What happened to the path, as {@code git log --name-status} letters A, M, D, R, C say it. */
    public enum Change {
        ADD, MODIFY, DELETE, RENAME, COPY;

        private final String id = name().toLowerCase(Locale.ROOT);

        public String id() {
            return id;
        }
    }

    /** Every path of the change: the new one, and the old one of a rename (a copy leaves its source alone). */
    public java.util.List<String> paths() {
        return change == Change.RENAME && oldPath != null ? java.util.List.of(oldPath, path) : java.util.List.of(path);
    }
}
