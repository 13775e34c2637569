package org.ser4j.models;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A classifier's lifetime: calls run under a read lock so that {@link #close} (under the write
 * lock) waits for them, and the worker pool the classifier owns, created on first use and shut
 * down on close.
 */
final class ClassifierLifecycle {
    private final String name;
    private final int parallelism;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;
    private ExecutorService workers;

    /**
     * @param name how the classifier is named in the "is closed" message
     * @param parallelism threads of the owned pool
     */
    ClassifierLifecycle(String name, int parallelism) {
        this.name = name;
        this.parallelism = parallelism;
    }

    /** Throws if closed; a check before work done outside the lock (decoding). */
    void ensureOpen() {
        lock.readLock().lock();
        try {
            ensureOpenLocked();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code call} while open, holding the read lock, so that close waits for it. */
    <T> T whileOpen(Supplier<T> call) {
        lock.readLock().lock();
        try {
            ensureOpenLocked();
            return call.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The owned worker pool, created on first use. Call only inside {@link #whileOpen}. */
    synchronized ExecutorService workers() {
        if (workers == null) {
            AtomicInteger counter = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "ser4j-classify-" + counter.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            workers = Executors.newFixedThreadPool(parallelism, factory);
        }
        return workers;
    }

    private void ensureOpenLocked() {
        if (closed) {
            throw new IllegalStateException("classifier " + name + " is closed");
        }
    }

    /** Waits for running calls, stops the owned workers, then runs {@code release} once. Idempotent. */
    void close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (this) {
                if (workers != null) {
                    workers.shutdownNow();
                }
            }
            release.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
