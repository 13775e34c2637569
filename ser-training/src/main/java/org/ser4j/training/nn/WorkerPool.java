package org.ser4j.training.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed set of workers a {@link SequentialNetwork} splits its work over: worker 0 is the
 * calling thread, workers {@code 1 .. threads-1} are daemon threads owned by the pool (none for one
 * thread). Each task is told its worker index, so each worker uses its own buffers and the callers
 * can combine the workers' results in index order (deterministic).
 */
final class WorkerPool implements AutoCloseable {
    /** Work for one worker, given its index. */
    interface Task {
        void run(int worker);
    }

    private final int threads;
    private final ExecutorService pool;

    /** @param threads workers, at least 1 (the caller's thread included) */
    WorkerPool(int threads) {
        this.threads = threads;
        if (threads > 1) {
            AtomicInteger n = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "ser4j-nn-worker-" + n.getAndIncrement());
                t.setDaemon(true);
                return t;
            });
        } else {
            this.pool = null;
        }
    }

    /** Number of workers. */
    int threads() {
        return threads;
    }

    /** First index of worker {@code w}'s share of {@code length} elements of element-wise work. */
    int rangeStart(int length, int w) {
        return (int) ((long) length * w / threads);
    }

    /**
     * Runs {@code task} once per worker and waits for all of them; the first failure (worker 0's
     * first) is rethrown after every worker has finished.
     *
     * @throws IllegalStateException if interrupted while waiting, or a worker threw a checked
     *     throwable
     */
    void run(Task task) {
        if (pool == null) {
            task.run(0);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(threads);
        for (int w = 1; w < threads; w++) {
            int id = w;
            futures.add(pool.submit(() -> task.run(id)));
        }
        RuntimeException failure = null;
        try {
            task.run(0);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for worker threads", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException("worker failed", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the owned threads. The pool must not be used afterwards. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
