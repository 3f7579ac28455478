package dev.kimpact.report;

/**
 * How to render a report.
 *
 * @param color       ANSI colours in the text format (the other formats ignore it)
 * @param toolVersion kimpact's version, recorded in json, yaml and sarif
 * @param quiet       {@code -q}: the text format prints the findings only (no headings, expectations,
 *                    suppressed findings or summary line); the other formats are data and ignore it
 */
public record WriterOptions(boolean color, String toolVersion, boolean quiet) {

    public WriterOptions(boolean color, String toolVersion) {
        this(color, toolVersion, false);
    }

    public WriterOptions {
        toolVersion = toolVersion == null ? "dev" : toolVersion;
    }

    public static WriterOptions plain(String toolVersion) {
        return new WriterOptions(false, toolVersion);
    }
}
