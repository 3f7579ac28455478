package dev.kimpact.bench;

import dev.kimpact.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

/**
 * Runs one {@code kimpact} command several times in one JVM and prints what {@code -v} reports for each run
 * (cases, seconds, cases/s): the warm throughput of {@code run --matrix}, without JVM start-up and JIT warm-up
 * (docs/PERFORMANCE.md, "Matrix throughput"). No JMH needed:
 *
 * <pre>
 *   javac -cp target/kimpact.jar -d target/bench src/bench/java/dev/kimpact/bench/MatrixLoop.java
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp target/kimpact.jar:target/bench \
 *       dev.kimpact.bench.MatrixLoop 6 run scenarios/mpx-removal-4.21.yaml --matrix ... --jobs 1 -f json
 * </pre>
 */
public final class MatrixLoop {

    private MatrixLoop() {
    }

    public static void main(String[] args) {
        int times = Integer.parseInt(args[0]);
        String[] command = new String[args.length];
        command[0] = "-v";
        System.arraycopy(args, 1, command, 1, args.length - 1);
        for (int i = 1; i <= times; i++) {
            StringWriter err = new StringWriter();
            long start = System.nanoTime();
            int rc = Main.run(new PrintWriter(Writer.nullWriter()), new PrintWriter(err), command);
            long ms = (System.nanoTime() - start) / 1_000_000;
            String line = err.toString().lines().filter(l -> l.contains("cases/s")).findFirst().orElse(err.toString());
            System.out.printf("run %d: exit %d, %d ms: %s%n", i, rc, ms, line.strip());
        }
    }
}
