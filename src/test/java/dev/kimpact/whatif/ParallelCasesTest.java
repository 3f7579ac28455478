package dev.kimpact.whatif;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelCasesTest {

    @Test
    void resultsInIndexOrderWhateverTheThreads() {
        List<Integer> expected = IntStream.range(0, 500).map(i -> i * i).boxed().toList();
        for (int jobs : new int[] {1, 2, 4, 16}) {
            AtomicInteger ticks = new AtomicInteger();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> out = ParallelCases.map(500, jobs, i -> {
                threads.add(Thread.currentThread().getName());
                if (i % 7 == 0) {
                    Thread.yield();
                }
                return i * i;
            }, ticks::incrementAndGet);
            assertThat(out).as("jobs=%d", jobs).isEqualTo(expected);
            assertThat(ticks.get()).isEqualTo(500);
            assertThat(threads.size()).isLessThanOrEqualTo(jobs);
        }
    }

    @Test
    void theLowestFailingIndexIsRethrownAfterTheOthersRan() {
        for (int jobs : new int[] {1, 4}) {
            AtomicInteger ran = new AtomicInteger();
            assertThatThrownBy(() -> ParallelCases.map(100, jobs, i -> {
                ran.incrementAndGet();
                if (i == 30 || i == 60) {
                    throw new IllegalArgumentException("case " + i);
                }
                return i;
            }, () -> { })).hasMessage("case 30");
            if (jobs > 1) {
                assertThat(ran.get()).isEqualTo(100);
            }
        }
    }

    @Test
    void emptyAndBadJobs() {
        assertThat(ParallelCases.map(0, 4, i -> i, () -> { })).isEmpty();
        assertThatThrownBy(() -> ParallelCases.map(1, 0, i -> i, () -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
