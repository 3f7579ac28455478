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

    /**
     * Runs kimpact in the real environment of the process, but for {@code KIMPACT_CONFIG=off}: a {@code .kimpact.yaml}
     * of the checkout the tests run in does not change what they see.
     */
    static CliRun of(String... args) {
        Environment system = Environment.system();
        return in(new Environment(name -> name.equals("KIMPACT_CONFIG") ? "off" : system.variable(name),
                system.stdoutIsTerminal(), system.stderrIsTerminal(), system.nanoTime()), args);
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
