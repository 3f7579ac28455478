package dev.kimpact.bench;

import dev.kimpact.xsave.CpuCatalog;
import dev.kimpact.xsave.CpuModel;
import dev.kimpact.xsave.Layout;
import dev.kimpact.xsave.Machine;
import dev.kimpact.xsave.Outcome;
import dev.kimpact.xsave.XsaveArea;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Save/restore round trips on the largest layout kimpact ships: Sapphire Rapids with XCR0 = 0x602E7
 * (x87, SSE, AVX, AVX-512, PKRU, AMX TILECFG and the 8 KiB TILEDATA). Every component holds random, non-init
 * bytes, so XINUSE is all ones and every instruction moves every component. The arraycopy baselines copy the
 * same number of bytes out to a buffer and back, the floor any byte-array emulator pays for a round trip.
 *
 * <p>Run with JMH's {@code -prof gc} as well: a successful instruction allocates nothing, so
 * {@code gc.alloc.rate.norm} of the emulator benchmarks is about 0 B/op, as for the copies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class XsaveRoundTripBench {

    /** XCR0 with every user component Sapphire Rapids enumerates. */
    static final long XCR0 = 0x602E7L;

    Machine machine;
    XsaveArea standard;     // CPUID.(0DH,0):EBX = 0x2B00 = 11008 bytes
    XsaveArea compacted;    // compacted 0x602E7 = 10752 bytes
    byte[] registers;
    byte[] buffer;

    @Setup(Level.Trial)
    public void setUp() {
        CpuModel cpu = new CpuCatalog().builtin("sapphirerapids");
        machine = new Machine(cpu);
        check(machine.xsetbv(0, XCR0));
        Random r = new Random(42);
        for (int i = 0; i < 64; i++) {
            if ((XCR0 & (1L << i)) != 0) {
                byte[] v = machine.register(i);
                r.nextBytes(v);
                machine.setRegister(i, v);
            }
        }
        standard = XsaveArea.allocate(machine.cpuidD(0).ebx());
        compacted = XsaveArea.allocate(Layout.compacted(cpu, XCR0).size());
        if (standard.length() != 11008 || compacted.length() != 10752 || machine.xinuse() != XCR0) {
            throw new IllegalStateException("unexpected layout " + standard.length() + "/" + compacted.length());
        }
        // Each round trip must succeed, or the benchmark would time a fault path.
        check(machine.xsave(standard, -1L));
        check(machine.xrstor(standard, -1L));
        check(machine.xsavec(compacted, -1L));
        check(machine.xrstor(compacted, -1L));
        if (standard.xstateBv() != XCR0 || compacted.xcompBv() != (XCR0 | (1L << 63))) {
            throw new IllegalStateException("not every component saved");
        }
        registers = new byte[standard.length()];
        r.nextBytes(registers);
        buffer = new byte[standard.length()];
    }

    private static void check(Outcome o) {
        if (o.faulted()) {
            throw new IllegalStateException(o.fault().toString());
        }
    }

    /** XSAVE then XRSTOR (standard form, RFBM = XCR0): 11008-byte area. */
    @Benchmark
    public Machine xsaveXrstor() {
        machine.xsave(standard, -1L);
        machine.xrstor(standard, -1L);
        return machine;
    }

    /** XSAVEC then XRSTOR (compacted form, RFBM = XCR0): 10752-byte area. */
    @Benchmark
    public Machine xsavecXrstor() {
        machine.xsavec(compacted, -1L);
        machine.xrstor(compacted, -1L);
        return machine;
    }

    /** Baseline: System.arraycopy of 11008 bytes out and back. */
    @Benchmark
    public byte[] arraycopyStandardSize() {
        System.arraycopy(registers, 0, buffer, 0, 11008);
        System.arraycopy(buffer, 0, registers, 0, 11008);
        return registers;
    }

    /** Baseline: System.arraycopy of 10752 bytes out and back. */
    @Benchmark
    public byte[] arraycopyCompactedSize() {
        System.arraycopy(registers, 0, buffer, 0, 10752);
        System.arraycopy(buffer, 0, registers, 0, 10752);
        return registers;
    }
}
