package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A successful save or restore allocates nothing: no result object, no header record, no buffer wrapper, no boxed
 * layout key (docs/PERFORMANCE.md, "Emulator"). Counted with the JVM's per-thread allocation counter over many
 * instructions of each kind on the largest layout shipped, after a first pass that links every call site.
 */
class NoAllocationTest {

    private static final int ROUNDS = 20_000;

    @Test
    void saveAndRestoreAllocateNothing() {
        com.sun.management.ThreadMXBean threads = threadBean();
        CpuModel cpu = TestCpus.builtin("sapphirerapids");
        Machine m = TestCpus.machine(cpu, 0x602E7L, cpu.supportedXss());
        Random r = new Random(7);
        for (int i = 0; i < 64; i++) {
            byte[] v = m.register(i);
            if (v != null) {
                r.nextBytes(v);
                m.setRegister(i, v);
            }
        }
        XsaveArea standard = XsaveArea.allocate(m.cpuidD(0).ebx());
        XsaveArea compacted = XsaveArea.allocate(m.cpuidD(1).ebx());
        rounds(m, standard, compacted, 200);
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        rounds(m, standard, compacted, ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 7 instructions a round: one object per instruction would be at least 16 * 7 * ROUNDS bytes. What the JVM
        // allocates once on this thread while the loop gets compiled (about 10 KB on JDK 17) stays below ROUNDS.
        assertThat(allocated).as("bytes allocated by %d instructions", 7 * ROUNDS).isLessThan(ROUNDS);
    }

    private static void rounds(Machine m, XsaveArea standard, XsaveArea compacted, int n) {
        int failures = 0;
        for (int i = 0; i < n; i++) {
            failures += m.xsave(standard, -1L).ok() ? 0 : 1;
            failures += m.xrstor(standard, -1L).ok() ? 0 : 1;
            failures += m.xsaveopt(standard, -1L).ok() ? 0 : 1;
            failures += m.xsavec(compacted, -1L).ok() ? 0 : 1;
            failures += m.xrstor(compacted, -1L).ok() ? 0 : 1;
            failures += m.xsaves(compacted, -1L).ok() ? 0 : 1;
            failures += m.xrstors(compacted, -1L).ok() ? 0 : 1;
        }
        // A fault allocates its Fault, so the counted instructions must all complete.
        if (failures != 0) {
            throw new AssertionError(failures + " instructions faulted");
        }
    }

    private static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter off");
        return threads;
    }
}
