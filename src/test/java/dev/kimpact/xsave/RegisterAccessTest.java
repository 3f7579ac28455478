package dev.kimpact.xsave;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copy-free register queries the engine uses agree with the copying ones: {@code registerSize} with
 * {@code register(i).length}, {@code registerEquals} with {@code Arrays.equals(register(i), v)}, {@code canObserve}
 * with {@code observe(f).isPresent()}.
 */
class RegisterAccessTest {

    @Test
    void agreeWithTheCopyingQueriesOnEveryBuiltInCpu() {
        SplittableRandom r = new SplittableRandom(7);
        for (String name : new CpuCatalog().names()) {
            CpuModel cpu = TestCpus.builtin(name);
            Machine m = new Machine(cpu);
            for (long xcr0 : new long[] {0x3, 0x7, cpu.supportedXcr0()}) {
                if (!m.xsetbv(0, xcr0).ok()) {
                    continue;
                }
                for (int i = 0; i < 64; i++) {
                    byte[] copy = m.register(i);
                    assertThat(m.registerSize(i)).as("%s %d", name, i).isEqualTo(copy == null ? -1 : copy.length);
                    XFeature f = XFeature.ofIndex(i);
                    if (f != null) {
                        assertThat(m.canObserve(f)).as("%s %s", name, f).isEqualTo(m.observe(f).isPresent());
                    }
                    if (copy == null) {
                        assertThat(m.registerEquals(i, new byte[0])).isFalse();
                        continue;
                    }
                    assertThat(m.registerEquals(i, copy)).isTrue();
                    byte[] other = copy.clone();
                    other[r.nextInt(other.length)] ^= 1;
                    assertThat(m.registerEquals(i, other)).isEqualTo(Arrays.equals(copy, other)).isFalse();
                    assertThat(m.registerEquals(i, Arrays.copyOf(copy, copy.length + 1))).isFalse();
                }
            }
        }
    }
}
