package dev.kimpact.whatif;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Runs independent tasks on a fixed number of threads and returns their results in index order, whatever the
 * number of threads: the order of a report never depends on scheduling. A task that throws does not stop the
 * others; afterwards the failure of the lowest index is rethrown, which is the one a single thread meets first.
 */
public final class ParallelCases {

    private ParallelCases() {
    }

    /**
     * {@code task(0) .. task(n - 1)} on {@code jobs} threads (the caller's own thread when 1).
     *
     * @param done called after each task, from the thread that ran it
     */
    public static <R> List<R> map(int n, int jobs, IntFunction<R> task, Runnable done) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
        if (jobs == 1 || n <= 1) {
            List<R> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
                done.run();
            }
            return out;
        }
        Object[] results = new Object[n];
        RuntimeException[] failures = new RuntimeException[n];
        AtomicInteger next = new AtomicInteger();
        Callable<Void> worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    results[i] = task.apply(i);
                } catch (RuntimeException e) {
                    failures[i] = e;
                }
                done.run();
            }
            return null;
        };
        int threads = Math.min(jobs, n);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kimpact-case");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> futures = pool.invokeAll(java.util.Collections.nCopies(threads, worker));
            for (Future<Void> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running cases", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        for (RuntimeException f : failures) {
            if (f != null) {
                throw f;
            }
        }
        @SuppressWarnings("unchecked")
        List<R> out = (List<R>) Arrays.asList(results);
        return new ArrayList<>(out);
    }
}
