package dev.kimpact.report;

/**
 * How to render a report.
 *
 * @param color       ANSI colours in the text format (the other formats ignore it)
 * @param toolVersion kimpact's version, recorded in json, yaml and sarif
 */
public record WriterOptions(boolean color, String toolVersion) {

    public WriterOptions {
        toolVersion = toolVersion == null ? "dev" : toolVersion;
    }

    public static WriterOptions plain(String toolVersion) {
        return new WriterOptions(false, toolVersion);
    }
}
