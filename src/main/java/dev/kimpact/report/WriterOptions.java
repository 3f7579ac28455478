package dev.kimpact.report;

import dev.kimpact.finding.Baseline;

/**
 * How to render a report.
 *
 * @param color       ANSI colours in the text format (the other formats ignore it)
 * @param toolVersion kimpact's version, recorded in json, yaml and sarif
 * @param quiet       {@code -q}: the text format prints the findings only (no headings, expectations,
 *                    suppressed findings or summary line); the other formats are data and ignore it
 * @param baseline    {@code --baseline}: every format gives each finding its state relative to it and lists the
 *                    absent ones; null: none, and the output is what it is without the option
 */
public record WriterOptions(boolean color, String toolVersion, boolean quiet, Baseline baseline) {

    public WriterOptions(boolean color, String toolVersion) {
        this(color, toolVersion, false);
    }

    public WriterOptions(boolean color, String toolVersion, boolean quiet) {
        this(color, toolVersion, quiet, null);
    }

    public WriterOptions {
        toolVersion = toolVersion == null ? "dev" : toolVersion;
    }

    public static WriterOptions plain(String toolVersion) {
        return new WriterOptions(false, toolVersion);
    }

    /** These options with {@code --baseline} (null: none). */
    public WriterOptions withBaseline(Baseline b) {
        return new WriterOptions(color, toolVersion, quiet, b);
    }
}
