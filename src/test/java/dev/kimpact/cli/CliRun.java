package dev.kimpact.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of {@code kimpact ARGS} through {@link Main#run}: exit status, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(rc, out.toString(), err.toString());
    }

    /** The same in {@code env} (terminals, variables, clock). */
    static CliRun in(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(rc, out.toString(), err.toString());
    }
}
