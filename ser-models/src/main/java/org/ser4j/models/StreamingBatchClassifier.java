package org.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@link WindowedEmotionClassifier#classifyEach}: cuts the input into groups of files,
 * classifies the groups on an executor (the classifier's own pool or the caller's) and hands the
 * results to the consumer in input order on the calling thread, with a bounded number of groups in flight. Kept apart from the classifier
 * so that the single-file pipeline and the batch scheduling can change independently.
 *
 * A file's failure becomes its result, carrying the exception itself, and a failing inference
 * batch the result of each file in it ({@link FailureResults}).
 *
 * <p>The caller holds the classifier's read lock for the whole run, so the models stay open.
 */
final class StreamingBatchClassifier<T> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingBatchClassifier.class);

    private final SampleReader<T> reader;
    private final Function<T, Path> names;
    private final WindowedInference inference;
    private final Executor pool;
    private final int batchSize;
    private final int parallelism;
    /** Set on interruption, an Error or a failing consumer: queued groups then return at once. */
    private final AtomicBoolean abort = new AtomicBoolean();

    /** Reads one input (a file, or encoded audio in memory) to samples at the model rate. */
    @FunctionalInterface
    interface SampleReader<T> {
        float[] read(T input) throws IOException;
    }

    /**
     * @param reader reads an input's samples at the model rate
     * @param names the path each input's result carries
     * @param parallelism how many groups may run at once; twice as many are handed to
     *     {@code pool} at a time
     */
    StreamingBatchClassifier(SampleReader<T> reader, Function<T, Path> names, WindowedInference inference,
            Executor pool, int parallelism) {
        this.reader = reader;
        this.names = names;
        this.inference = inference;
        this.pool = pool;
        this.batchSize = inference.batchSize();
        this.parallelism = parallelism;
    }

    /** A group of consecutive input files and its task (null when it was never submitted). */
    private record Group<T>(List<T> files, Future<List<ClassificationResult>> task) {
    }

    /**
     * Runs the whole input. {@code sizeHint} (0 when unknown) lets a short list spread over every
     * worker instead of filling one group.
     */
    void run(Iterable<? extends T> wavs, int sizeHint, Consumer<? super ClassificationResult> consumer) {
        int groupSize = sizeHint > 0
                ? Math.max(1, Math.min(batchSize, (sizeHint + parallelism - 1) / parallelism))
                : batchSize;
        // Two groups per worker: one running, one queued, so no worker waits for the consumer.
        int window = 2 * parallelism;
        Deque<Group<T>> inFlight = new ArrayDeque<>();
        Iterator<? extends T> input = wavs.iterator();
        long index = 0;
        boolean interrupted = false;
        try {
            while (true) {
                while (inFlight.size() < window && input.hasNext()) {
                    List<T> files = new ArrayList<>(groupSize);
                    while (files.size() < groupSize && input.hasNext()) {
                        T p = input.next();
                        if (p == null) {
                            throw new NullPointerException("path " + index + " of the input is null");
                        }
                        index++;
                        files.add(p);
                    }
                    Future<List<ClassificationResult>> task = abort.get() ? null : submit(files);
                    inFlight.add(new Group<>(files, task));
                }
                Group<T> head = inFlight.poll();
                if (head == null) {
                    break;
                }
                List<ClassificationResult> results = null;
                if (head.task() == null) {
                    results = FailureResults.interrupted(paths(head.files()));
                }
                while (results == null) {
                    try {
                        results = head.task().get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                        abort.set(true);
                    } catch (ExecutionException e) {
                        results = FailureResults.all(paths(head.files()), FailureResults.cause(e));
                    }
                }
                for (ClassificationResult r : results) {
                    consumer.accept(r);
                }
            }
        } catch (RuntimeException | Error e) {
            // Tasks are told to stop, not cancelled: a cancelled task may still be inside ONNX
            // Runtime, and the caller's read lock must be held until every task has returned.
            abort.set(true);
            awaitAll(inFlight);
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<Path> paths(List<T> inputs) {
        return inputs.stream().map(names).toList();
    }

    /** Hands a group to the executor; a rejection propagates (and stops the run). */
    private Future<List<ClassificationResult>> submit(List<T> files) {
        FutureTask<List<ClassificationResult>> task = new FutureTask<>(() -> classifyGroup(files));
        pool.execute(task);
        return task;
    }

    /** Waits, ignoring interrupts, until every submitted task has finished; restores the interrupt flag. */
    private static void awaitAll(Deque<? extends Group<?>> groups) {
        boolean interrupted = false;
        for (Group<?> g : groups) {
            if (g.task() == null) {
                continue;
            }
            while (true) {
                try {
                    g.task().get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | CancellationException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Classifies a group of files on one worker thread. Windows of consecutive files share
     * inference batches; features are held for at most about two batches at a time, so memory
     * stays bounded however many files or cores there are.
     */
    private List<ClassificationResult> classifyGroup(List<T> inputs) {
        List<Path> files = paths(inputs);
        ClassificationResult[] results = new ClassificationResult[files.size()];
        PendingBatch pending = new PendingBatch(inference.modelCount());
        for (int f = 0; f < files.size(); f++) {
            Path path = files.get(f);
            if (abort.get()) {
                results[f] = FailureResults.interrupted(path);
                continue;
            }
            try {
                float[] samples = reader.read(inputs.get(f));
                int n = inference.windowCount(samples.length);
                if (n > batchSize) {
                    // A long recording streams through its own batches instead of holding all its features.
                    results[f] = ClassificationResult.success(path, inference.timeline(samples));
                    continue;
                }
                pending.add(f, samples.length, n, inference.features(samples, 0, n));
            } catch (IOException | RuntimeException e) {
                results[f] = ClassificationResult.failure(path, e);
            } catch (Error e) {
                LOG.error("{} while classifying {}; stopping the batch", e, path);
                throw e;
            }
            if (pending.windows >= batchSize) {
                flush(pending, files, results);
            }
        }
        flush(pending, files, results);
        return Arrays.asList(results);
    }

    /** Runs the pending windows through the models and fills in their files' results. */
    private void flush(PendingBatch pending, List<Path> files, ClassificationResult[] results) {
        if (pending.files.isEmpty()) {
            return;
        }
        try {
            float[][] combined = inference.combine(pending.features);
            int offset = 0;
            for (int i = 0; i < pending.files.size(); i++) {
                int f = pending.files.get(i);
                int n = pending.windowCounts.get(i);
                results[f] = ClassificationResult.success(files.get(f),
                        inference.assemble(combined, offset, n, pending.lengths.get(i)));
                offset += n;
            }
        } catch (RuntimeException e) {
            for (int f : pending.files) {
                results[f] = ClassificationResult.failure(files.get(f), e);
            }
        }
        pending.clear();
    }

    /** Features of files waiting for inference, per model, with each file's index, length and window count. */
    private static final class PendingBatch {
        final List<Integer> files = new ArrayList<>();
        final List<Integer> lengths = new ArrayList<>();
        final List<Integer> windowCounts = new ArrayList<>();
        final List<List<float[]>> features = new ArrayList<>();
        int windows;

        PendingBatch(int models) {
            for (int m = 0; m < models; m++) {
                features.add(new ArrayList<>());
            }
        }

        void add(int file, int length, int windowCount, List<List<float[]>> perModel) {
            files.add(file);
            lengths.add(length);
            windowCounts.add(windowCount);
            for (int m = 0; m < features.size(); m++) {
                features.get(m).addAll(perModel.get(m));
            }
            windows += windowCount;
        }

        void clear() {
            files.clear();
            lengths.clear();
            windowCounts.clear();
            features.forEach(List::clear);
            windows = 0;
        }
    }
}
