package dev.kimpact.whatif;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs independent tasks on a fixed number of threads and hands their results over in index order, whatever the
 * number of threads: the order of a report never depends on scheduling. Results are handed over as soon as every
 * lower index has been (by one thread at a time, while the others go on with their tasks), and the threads run at most {@value #WINDOW} tasks ahead of the lowest one not yet handed
 * over, so that the results held at any time do not grow with the number of tasks. A task that throws ends the
 * run at its index: the tasks before it still run and are handed over, the ones after it are not started (or
 * their results are dropped), and its failure is rethrown: the one a single thread meets first.
 */
public final class ParallelCases {

    /** How far, in tasks, the threads may run ahead of the lowest result not yet handed over. */
    static final int WINDOW = 256;

    private ParallelCases() {
    }

    /**
     * {@code task(0) .. task(n - 1)} on {@code jobs} threads (the caller's own thread when 1), each result given to
     * {@code sink} in index order, one at a time (from whichever thread completed the run of lower indexes).
     *
     * @param done called after each task, from the thread that ran it
     */
    public static <R> void forEachOrdered(int n, int jobs, IntFunction<R> task, Runnable done, Consumer<? super R> sink) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        }
        if (jobs == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                R r = task.apply(i);
                done.run();
                sink.accept(r);
            }
            return;
        }
        Ordered<R> ordered = new Ordered<>(n, sink);
        AtomicInteger next = new AtomicInteger();
        Callable<Void> worker = () -> {
            for (int i = next.getAndIncrement(); i < n && ordered.admit(i); i = next.getAndIncrement()) {
                R result = null;
                Throwable failure = null;
                try {
                    result = task.apply(i);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                done.run();
                ordered.complete(i, result, failure);
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
        ordered.rethrow();
    }

    /** The results between the lowest index not yet handed over and {@link #WINDOW} past it. */
    private static final class Ordered<R> {

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition room = lock.newCondition();
        private final int n;
        private final Consumer<? super R> sink;
        private final Object[] results = new Object[WINDOW];
        private final boolean[] present = new boolean[WINDOW];
        /** The lowest index not handed over yet. */
        private int handed;
        /** The lowest index whose task (or hand-over) failed, or n. */
        private int failedAt;
        /** Whether a thread is handing results over. */
        private boolean handing;
        private Throwable failure;

        Ordered(int n, Consumer<? super R> sink) {
            this.n = n;
            this.sink = sink;
            this.failedAt = n;
        }

        /** Waits until {@code i} is within the window; false if a lower index failed (do not run it). */
        boolean admit(int i) throws InterruptedException {
            lock.lock();
            try {
                while (i < failedAt && i >= handed + WINDOW) {
                    room.await();
                }
                return i < failedAt;
            } finally {
                lock.unlock();
            }
        }

        /**
         * Keeps the result (or failure) of {@code i}, then hands over what is ready, unless another thread is
         * doing so (it will take this result too). The sink runs outside the lock: the other threads store their
         * results and go on with their next case meanwhile.
         */
        void complete(int i, R result, Throwable failed) {
            lock.lock();
            try {
                if (failed != null) {
                    fail(i, failed);
                } else if (i < failedAt) {
                    results[i % WINDOW] = result;
                    present[i % WINDOW] = true;
                }
                if (handing) {
                    return;
                }
                handing = true;
            } finally {
                lock.unlock();
            }
            handOver();
        }

        /** Hands over results in index order while the next one is there; one thread at a time. */
        private void handOver() {
            while (true) {
                R r;
                int index;
                lock.lock();
                try {
                    if (handed >= failedAt || !present[handed % WINDOW]) {
                        handing = false;
                        room.signalAll();
                        return;
                    }
                    index = handed;
                    @SuppressWarnings("unchecked")
                    R ready = (R) results[index % WINDOW];
                    r = ready;
                    results[index % WINDOW] = null;
                    present[index % WINDOW] = false;
                } finally {
                    lock.unlock();
                }
                Throwable failed = null;
                try {
                    sink.accept(r);
                } catch (RuntimeException | Error e) {
                    failed = e;
                }
                lock.lock();
                try {
                    if (failed != null) {
                        fail(index, failed);
                    } else {
                        handed++;
                    }
                    room.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }

        private void fail(int i, Throwable e) {
            if (i < failedAt) {
                failedAt = i;
                failure = e;
            }
        }

        void rethrow() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (handed != n) {
                throw new IllegalStateException("handed over " + handed + " of " + n + " results");
            }
        }
    }
}
