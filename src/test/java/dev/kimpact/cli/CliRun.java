package dev.kimpact.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kimpact.report.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * One run of {@code kimpact ARGS} in this JVM, through the entry point {@link Main#run}: its exit status, stdout
 * and stderr. The harness of the CLI tests.
 */
record CliRun(int exitCode, String out, String err) {

    /** Runs kimpact in the real environment of the process. */
    static CliRun of(String... args) {
        return in(Environment.system(), args);
    }

    /** Runs kimpact in {@code env} (terminals, variables, clock). */
    static CliRun in(Environment env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(rc, out.toString(), err.toString());
    }

    /** Stdout parsed as JSON. */
    JsonNode json() {
        try {
            return Json.mapper().readTree(out);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
    }

    /** The path of the CPUID dump {@code file} of the test resources ({@code /cpuid/FILE}), for --cpu-dump. */
    static String dump(String file) {
        try {
            return Path.of(CliRun.class.getResource("/cpuid/" + file).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
