package dev.kimpact.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one {@code kimpact} command with two builds alternately in one JVM, each jar in its own class loader, and
 * prints the wall time, the process CPU time and the calling thread's CPU time of each (median and best after the
 * warm-up runs) and their ratios: a before/after comparison in which both builds meet the same load at the same
 * minute, for a machine that other jobs share (docs/PERFORMANCE.md, "Matrix throughput"). No JMH needed:
 *
 * <pre>
 *   javac -d target/bench src/bench/java/dev/kimpact/bench/MatrixAB.java
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn16m -cp target/bench dev.kimpact.bench.MatrixAB \
 *       OLD/kimpact.jar NEW/kimpact.jar RUNS WARMUPS run scenarios/mpx-removal-4.21.yaml --matrix ... -f json
 * </pre>
 *
 * The order alternates every round (old, new; new, old; ...). The output goes to a null writer.
 */
public final class MatrixAB {

    private MatrixAB() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = Integer.parseInt(args[2]);
        int warm = Integer.parseInt(args[3]);
        String[] command = Arrays.copyOfRange(args, 4, args.length);
        Method[] run = new Method[2];
        for (int b = 0; b < 2; b++) {
            ClassLoader l = new URLClassLoader(new URL[] {Path.of(args[b]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            run[b] = Class.forName("dev.kimpact.cli.Main", true, l).getMethod("run", PrintWriter.class, PrintWriter.class, String[].class);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<List<Double>> wall = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> cpu = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> own = List.of(new ArrayList<>(), new ArrayList<>());
        java.lang.management.ThreadMXBean tm = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warm + iterations; i++) {
            for (int k = 0; k < 2; k++) {
                int b = (i + k) % 2;
                long c0 = os.getProcessCpuTime();
                long o0 = tm.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                Object rc = run[b].invoke(null, new PrintWriter(Writer.nullWriter()), new PrintWriter(new StringWriter()), (Object) command);
                long t = System.nanoTime() - t0;
                long c = os.getProcessCpuTime() - c0;
                long o = tm.getCurrentThreadCpuTime() - o0;
                if (i >= warm) {
                    wall.get(b).add(t / 1e6);
                    cpu.get(b).add(c / 1e6);
                    own.get(b).add(o / 1e6);
                }
            }
        }
        String[] names = {"old", "new"};
        for (int b = 0; b < 2; b++) {
            System.out.printf("%s: wall ms median %.0f (min %.0f, max %.0f); process CPU ms median %.0f (min %.0f); main thread CPU ms median %.0f (min %.0f)%n", names[b],
                    med(wall.get(b)), min(wall.get(b)), max(wall.get(b)), med(cpu.get(b)), min(cpu.get(b)), med(own.get(b)), min(own.get(b)));
        }
        System.out.printf("new/old: wall median %.3f (paired %.3f), process CPU median %.3f (paired %.3f), main thread CPU median %.3f (paired %.3f)%n",
                med(wall.get(1)) / med(wall.get(0)), pairedMedian(wall), med(cpu.get(1)) / med(cpu.get(0)), pairedMedian(cpu),
                med(own.get(1)) / med(own.get(0)), pairedMedian(own));
    }
    private static double pairedMedian(List<List<Double>> w) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < w.get(0).size(); i++) r.add(w.get(1).get(i) / w.get(0).get(i));
        return med(r);
    }
    private static double med(List<Double> l) { List<Double> s = new ArrayList<>(l); s.sort(null); return s.get(s.size() / 2); }
    private static double min(List<Double> l) { return l.stream().mapToDouble(x -> x).min().orElse(0); }
    private static double max(List<Double> l) { return l.stream().mapToDouble(x -> x).max().orElse(0); }
}
