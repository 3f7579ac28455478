package dev.kimpact.cli;

import dev.kimpact.finding.Report;
import dev.kimpact.report.ReportWriter;
import dev.kimpact.report.WriterOptions;

import java.io.PrintWriter;

/**
 * Writes a {@link Report} the way the options ask: {@code --format} picks the writer, {@code --color} and the
 * environment decide on colours (never into an {@code --output} file unless {@code --color always}), and
 * {@code --output} where it goes.
 */
public final class ReportPrinter {

    private ReportPrinter() {
    }

    public static void print(Report report, OutputOptions output, ColorOption color, Environment env, PrintWriter out) {
        output.emit(out, ReportWriter.forFormat(output.format().name()).write(report, options(output, color, env)));
    }

    /** Colours and tool version for a writer, as the options and the environment decide. */
    public static WriterOptions options(OutputOptions output, ColorOption color, Environment env) {
        boolean colored = color.choice() == ColorChoice.always || output.output == null && color.enabled(env);
        return new WriterOptions(colored, VersionProvider.version());
    }
}
