package dev.kimpact.whatif;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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
            List<Integer> out = new ArrayList<>();
            ParallelCases.forEachOrdered(500, jobs, i -> {
                threads.add(Thread.currentThread().getName());
                if (i % 7 == 0) {
                    Thread.yield();
                }
                return i * i;
            }, ticks::incrementAndGet, out::add);
            assertThat(out).as("jobs=%d", jobs).isEqualTo(expected);
            assertThat(ticks.get()).isEqualTo(500);
            assertThat(threads.size()).isLessThanOrEqualTo(jobs);
        }
    }

    @Test
    void theLowestFailingIndexIsRethrownAfterTheResultsBeforeIt() {
        for (int jobs : new int[] {1, 4}) {
            List<Integer> handed = new ArrayList<>();
            assertThatThrownBy(() -> ParallelCases.forEachOrdered(1000, jobs, i -> {
                if (i == 30 || i == 60) {
                    throw new IllegalArgumentException("case " + i);
                }
                return i;
            }, () -> { }, handed::add)).hasMessage("case 30");
            assertThat(handed).as("jobs=%d", jobs).isEqualTo(IntStream.range(0, 30).boxed().toList());
        }
    }

    @Test
    void aFailingSinkEndsTheRunWithItsFailure() {
        List<Integer> handed = new ArrayList<>();
        assertThatThrownBy(() -> ParallelCases.forEachOrdered(1000, 3, i -> i, () -> { }, i -> {
            if (i == 500) {
                throw new IllegalStateException("disk full");
            }
            handed.add(i);
        })).hasMessage("disk full");
        assertThat(handed).isEqualTo(IntStream.range(0, 500).boxed().toList());
    }

    @Test
    void theThreadsRunAtMostAWindowAheadOfTheLowestResultNotHandedOver() {
        AtomicInteger highestStarted = new AtomicInteger(-1);
        List<Integer> handed = new ArrayList<>();
        ParallelCases.forEachOrdered(5 * ParallelCases.WINDOW, 2, i -> {
            highestStarted.accumulateAndGet(i, Math::max);
            if (i == 0) {
                // Case 0 is the slow one: the other thread runs on until the window is full.
                while (highestStarted.get() < ParallelCases.WINDOW - 1) {
                    Thread.onSpinWait();
                }
            }
            return i;
        }, () -> { }, i -> {
            assertThat(highestStarted.get()).isLessThan(i + ParallelCases.WINDOW);
            handed.add(i);
        });
        assertThat(handed).hasSize(5 * ParallelCases.WINDOW).isSorted();
    }

    @Test
    void emptyAndBadJobs() {
        List<Integer> out = new ArrayList<>();
        ParallelCases.forEachOrdered(0, 4, i -> i, () -> { }, out::add);
        assertThat(out).isEmpty();
        assertThatThrownBy(() -> ParallelCases.forEachOrdered(1, 0, i -> i, () -> { }, out::add))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
