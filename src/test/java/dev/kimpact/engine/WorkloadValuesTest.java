package dev.kimpact.engine;

import dev.kimpact.xsave.XFeature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The workloads' values a run's cases share: the same bytes as computing each directly, kept once. */
class WorkloadValuesTest {

    /** Sizes of the components kimpact's CPUs have: x87, SSE, AVX, BNDREGS, BNDCSR, opmask, ZMM, PKRU, TILEDATA. */
    private static final int[][] COMPONENTS = {{0, 160}, {1, 256}, {2, 256}, {3, 64}, {4, 64}, {5, 64}, {6, 512},
            {7, 1024}, {9, 8}, {17, 64}, {18, 8192}};

    @Test
    void everyValueHasTheBytesOfTheDirectComputationAndIsKeptOnce() {
        WorkloadValues shared = WorkloadValues.forRun();
        SplittableRandom r = new SplittableRandom(1);
        for (int n = 0; n < 2000; n++) {
            int[] c = COMPONENTS[r.nextInt(COMPONENTS.length)];
            int writer = r.nextInt(1, 20);
            int generation = r.nextInt(1, 500);
            WorkloadValues.Value v = shared.value(writer, c[0], generation, c[1]);
            byte[] direct = Workload.value(writer, c[0], generation, c[1]);
            assertThat(v.bytes()).isEqualTo(direct);
            assertThat(v.hash()).isEqualTo(Arrays.hashCode(direct));
            assertThat(shared.value(writer, c[0], generation, c[1])).isSameAs(v);
        }
        WorkloadValues.Value pkru = shared.value(3, XFeature.PKRU.index(), 7, 8);
        assertThat(Arrays.copyOfRange(pkru.bytes(), 4, 8)).containsOnly(0);   // still PKRU's 32 bits only
    }

    @Test
    void withoutSharingEachValueIsComputedAgain() {
        WorkloadValues none = WorkloadValues.none();
        WorkloadValues.Value a = none.value(1, 2, 3, 256);
        assertThat(a.bytes()).isEqualTo(Workload.value(1, 2, 3, 256));
        WorkloadValues.Value again = none.value(1, 2, 3, 256);
        assertThat(again).isNotSameAs(a);
        assertThat(again.bytes()).isEqualTo(a.bytes());
        assertThat(none.size()).isZero();
    }

    @Test
    void argumentsOutsideThePackedKeyAreComputedNotKept() {
        WorkloadValues shared = WorkloadValues.forRun();
        assertThat(WorkloadValues.key(1 << 12, 0, 1, 160)).isEqualTo(-1);
        assertThat(WorkloadValues.key(1, 0, 1 << 24, 160)).isEqualTo(-1);
        assertThat(shared.value(1 << 12, 2, 1 << 24, 256).bytes()).isEqualTo(Workload.value(1 << 12, 2, 1 << 24, 256));
        assertThat(shared.size()).isZero();
        assertThat(WorkloadValues.key(4095, 63, (1 << 24) - 1, (1 << 21) - 1)).isPositive();
        assertThat(WorkloadValues.key(1, 2, 3, 4)).isNotEqualTo(WorkloadValues.key(1, 2, 4, 3))
                .isNotEqualTo(WorkloadValues.key(2, 1, 3, 4));
    }

    @Test
    void keepsAtMostTheBoundAndStillAnswersBeyondIt() {
        WorkloadValues shared = WorkloadValues.forRun();
        for (int generation = 1; generation <= WorkloadValues.MAX_ENTRIES + 100; generation++) {
            assertThat(shared.value(1, 9, generation, 8).bytes()).isEqualTo(Workload.value(1, 9, generation, 8));
        }
        assertThat(shared.size()).isEqualTo(WorkloadValues.MAX_ENTRIES);
        WorkloadValues big = WorkloadValues.forRun();
        int tiles = (int) (WorkloadValues.MAX_BYTES / 8192);
        for (int generation = 1; generation <= tiles + 10; generation++) {
            assertThat(big.value(1, 18, generation, 8192).bytes()).isEqualTo(Workload.value(1, 18, generation, 8192));
        }
        assertThat(big.size()).isEqualTo(tiles);
    }

    @Test
    void threadsAskingForTheSameValuesGetTheSameBytesAndOneSharedCopy() throws Exception {
        WorkloadValues shared = WorkloadValues.forRun();
        List<int[]> keys = new ArrayList<>();
        for (int writer = 1; writer <= 4; writer++) {
            for (int generation = 1; generation <= 40; generation++) {
                for (int[] c : COMPONENTS) {
                    keys.add(new int[] {writer, c[0], generation, c[1]});
                }
            }
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<WorkloadValues.Value[]>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new java.util.Random(t));
                tasks.add(() -> {
                    WorkloadValues.Value[] got = new WorkloadValues.Value[keys.size()];
                    for (int i : order) {
                        int[] k = keys.get(i);
                        got[i] = shared.value(k[0], k[1], k[2], k[3]);
                    }
                    return got;
                });
            }
            List<WorkloadValues.Value[]> results = new ArrayList<>();
            for (Future<WorkloadValues.Value[]> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            for (int i = 0; i < keys.size(); i++) {
                int[] k = keys.get(i);
                assertThat(results.get(0)[i].bytes()).isEqualTo(Workload.value(k[0], k[1], k[2], k[3]));
                for (WorkloadValues.Value[] other : results) {
                    assertThat(other[i]).isSameAs(results.get(0)[i]);
                }
            }
            assertThat(shared.size()).isEqualTo(keys.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
