package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.AudioFormatException;

/** {@link WindowedEmotionClassifier#classifyEach}: order, bounded look-ahead, failures with their exceptions, Errors. */
class StreamingBatchClassifierTest {
    @TempDir
    static Path dir;

    static Path model;
    static List<Path> wavs = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyModels.write(dir, "time.onnx", TinyModels.bytes(TinyModels.timeSpec(1)));
        for (int i = 0; i < 10; i++) {
            wavs.add(JavaSoundSource.write(dir.resolve("s" + i + ".wav"), JavaSoundSource.signal(8_000 + 9_000 * i, 40 + i), 16000));
        }
    }

    @AfterAll
    static void tearDown() {
        wavs.clear();
    }

    static OnnxEmotionClassifier open(ClassifierOptions options, AudioSource source) throws IOException {
        return EmotionClassifiers.fromOnnx(model, options, source, SegmentMeanExtractor.FACTORY);
    }

    /** An Iterable that counts how many paths were taken from it. */
    static final class CountingPaths implements Iterable<Path> {
        final List<Path> paths;
        final AtomicInteger taken = new AtomicInteger();

        CountingPaths(List<Path> paths) {
            this.paths = paths;
        }

        @Override
        public Iterator<Path> iterator() {
            Iterator<Path> it = paths.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Path next() {
                    taken.incrementAndGet();
                    return it.next();
                }
            };
        }
    }

    @Test
    void resultsComeInInputOrderWithABoundedLookAheadAndMatchSingleCalls() throws IOException {
        List<Path> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.addAll(wavs);
        }
        many.add(5, dir.resolve("missing.wav"));
        ClassifierOptions options = ClassifierOptions.defaults().withParallelism(2).withBatchSize(3);
        try (OnnxEmotionClassifier c = open(options, AudioSource.WAV)) {
            List<Prediction> alone = new ArrayList<>();
            for (Path p : wavs) {
                alone.add(c.classify(p));
            }
            CountingPaths input = new CountingPaths(many);
            List<ClassificationResult> got = new ArrayList<>();
            int[] maxAhead = {0};
            c.classifyEach(input, r -> {
                got.add(r);
                maxAhead[0] = Math.max(maxAhead[0], input.taken.get() - got.size());
            });
            assertEquals(many.size(), got.size());
            for (int i = 0; i < many.size(); i++) {
                ClassificationResult r = got.get(i);
                assertSame(many.get(i), r.path());
                if (i == 5) {
                    assertInstanceOf(NoSuchFileException.class, r.exception().orElseThrow());
                    assertTrue(r.error().orElseThrow().endsWith("missing.wav: no such file"), r.error().orElseThrow());
                } else {
                    assertEquals(alone.get(wavs.indexOf(many.get(i))), r.prediction().orElseThrow(), "file " + i);
                }
            }
            // 2 workers x 2 groups of 3 files: never more than 12 paths taken ahead of the results.
            assertTrue(maxAhead[0] <= 12, "took " + maxAhead[0] + " paths ahead");
            assertTrue(maxAhead[0] >= 3, "the run looked ahead at all (" + maxAhead[0] + ")");
        }
    }

    @Test
    void aCallersExecutorRunsEveryGroupAndGivesTheSameResultsAsTheOwnWorkers() throws IOException {
        List<Path> files = new ArrayList<>(wavs);
        files.add(3, dir.resolve("missing.wav"));
        ClassifierOptions options = ClassifierOptions.defaults().withParallelism(2).withBatchSize(2);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        AtomicInteger tasks = new AtomicInteger();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.Executor counting = task -> {
            tasks.incrementAndGet();
            callers.execute(() -> {
                threads.add(Thread.currentThread().getName());
                task.run();
            });
        };
        try (WindowedEmotionClassifier c = open(options, AudioSource.WAV)) {
            List<ClassificationResult> own = c.classifyAll(files);
            List<ClassificationResult> onCallers = c.classifyAll(files, counting);
            List<ClassificationResult> direct = c.classifyAll(files, Runnable::run);
            assertEquals(files.size(), onCallers.size());
            for (int i = 0; i < files.size(); i++) {
                assertSame(files.get(i), onCallers.get(i).path());
                assertEquals(own.get(i).prediction(), onCallers.get(i).prediction(), "file " + i);
                assertEquals(own.get(i).prediction(), direct.get(i).prediction(), "file " + i);
            }
            assertInstanceOf(NoSuchFileException.class, onCallers.get(3).exception().orElseThrow());
            // 11 files over 2 workers: groups of at most 2 files, so at least 6 tasks, all on the caller's pool.
            assertTrue(tasks.get() >= 6, tasks.get() + " tasks");
            assertTrue(threads.stream().noneMatch(n -> n.startsWith("ser4j-classify-")), threads.toString());
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRefusesStopsTheRunWithItsException() throws IOException {
        try (WindowedEmotionClassifier c = open(ClassifierOptions.defaults().withParallelism(1).withBatchSize(1), AudioSource.WAV)) {
            List<ClassificationResult> got = new ArrayList<>();
            java.util.concurrent.Executor refusing = task -> {
                throw new java.util.concurrent.RejectedExecutionException("full");
            };
            assertThrows(java.util.concurrent.RejectedExecutionException.class,
                    () -> c.classifyEach(wavs, refusing, got::add));
            assertTrue(got.isEmpty());
            assertEquals(wavs.size(), c.classifyAll(wavs).size(), "the classifier still works afterwards");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // hang guard only
    void anErrorInAWorkerStopsTheRunAfterDeliveringEverythingBeforeIt() throws IOException {
        Path poison = wavs.get(7);
        AudioSource source = (path, limits) -> {
            if (path.equals(poison)) {
                throw new OutOfMemoryError("simulated");
            }
            return AudioSource.WAV.read(path, limits);
        };
        List<Path> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.addAll(wavs);
        }
        try (OnnxEmotionClassifier c = open(ClassifierOptions.defaults().withParallelism(2).withBatchSize(2), source)) {
            List<ClassificationResult> got = new ArrayList<>();
            OutOfMemoryError e = assertThrows(OutOfMemoryError.class, () -> c.classifyEach(many, got::add));
            assertEquals("simulated", e.getMessage());
            assertTrue(got.size() <= 7, got.size() + " results delivered, but file 7 stopped the run");
            for (int i = 0; i < got.size(); i++) {
                assertSame(many.get(i), got.get(i).path());
                assertTrue(got.get(i).isSuccess());
            }
            // The classifier is still usable: the workers were awaited, not killed.
            assertTrue(c.classify(wavs.get(0)).probabilities().length > 0);
        }
    }

    @Test
    void aFailingConsumerStopsTheRunAndPropagates() throws IOException {
        try (OnnxEmotionClassifier c = open(ClassifierOptions.defaults().withParallelism(2).withBatchSize(1), AudioSource.WAV)) {
            AtomicInteger calls = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.classifyEach(wavs, r -> {
                if (calls.incrementAndGet() == 3) {
                    throw new IllegalStateException("disk full");
                }
            }));
            assertEquals("disk full", e.getMessage());
            assertEquals(3, calls.get());
            assertEquals(wavs.size(), c.classifyAll(wavs).size());
        }
    }

    @Test
    void aNullPathStopsTheRunWithItsIndex() throws IOException {
        List<Path> withNull = new ArrayList<>(wavs);
        withNull.add(4, null);
        try (OnnxEmotionClassifier c = open(ClassifierOptions.defaults().withParallelism(1).withBatchSize(2), AudioSource.WAV)) {
            List<ClassificationResult> got = new ArrayList<>();
            NullPointerException e = assertThrows(NullPointerException.class, () -> c.classifyEach(withNull, got::add));
            assertTrue(e.getMessage().contains("path 4"), e.getMessage());
            assertTrue(got.size() <= 4);
        }
    }

    @Test
    void filesLongerThanTheMaximumDurationFailFromTheirHeader() throws IOException {
        Path twoSeconds = JavaSoundSource.write(dir.resolve("two-seconds.wav"), JavaSoundSource.signal(32_000, 5), 16000);
        ClassifierOptions options = ClassifierOptions.defaults().withMaxDuration(Duration.ofMillis(1500));
        try (OnnxEmotionClassifier c = open(options, AudioSource.WAV)) {
            ClassificationResult r = c.classifyAll(List.of(twoSeconds, wavs.get(0))).get(0);
            AudioFormatException e = assertInstanceOf(AudioFormatException.class, r.exception().orElseThrow());
            assertTrue(e.getMessage().contains("two-seconds.wav") && e.getMessage().contains("longer than the limit of 1.5 s"),
                    e.getMessage());
            assertThrows(AudioFormatException.class, () -> c.classify(twoSeconds));
            assertThrows(IllegalArgumentException.class,
                    () -> c.classify(new org.ser4j.core.audio.AudioClip(new float[32_000], 16000)));
            assertTrue(c.classify(wavs.get(0)).probabilities().length > 0); // 0.5 s passes
        }
        assertThrows(IllegalArgumentException.class, () -> ClassifierOptions.defaults().withMaxDuration(Duration.ZERO));
    }

    /** Sixteen threads sharing one bundled classifier get bit-identical results to sequential calls. */
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // hang guard only
    void sixteenThreadsSharingTheBundledEnsembleMatchSequentialCallsBitForBit() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int rate = new int[] {16000, 22050, 44100, 8000}[i % 4];
            files.add(JavaSoundSource.write(dir.resolve("b" + i + ".wav"), JavaSoundSource.signal(rate * (1 + i), 70 + i), rate));
        }
        try (WindowedEmotionClassifier c = EmotionClassifiers.ensemble()) {
            List<Timeline> sequential = new ArrayList<>();
            for (Path f : files) {
                sequential.add(c.classifyTimeline(f));
            }
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Timeline>> futures = new ArrayList<>();
                for (int round = 0; round < 16; round++) {
                    for (Path f : files) {
                        futures.add(pool.submit(() -> c.classifyTimeline(f)));
                    }
                }
                // classifyEach from a further thread at the same time shares the workers too.
                Future<List<ClassificationResult>> batch = pool.submit(() -> c.classifyAll(files));
                for (int i = 0; i < futures.size(); i++) {
                    assertEquals(sequential.get(i % files.size()), futures.get(i).get(), "call " + i);
                }
                List<ClassificationResult> all = batch.get();
                for (int i = 0; i < files.size(); i++) {
                    // batched inference groups windows differently, and ONNX Runtime's sums depend on
                    // the batch size: equal to float rounding, not bit for bit
                    org.junit.jupiter.api.Assertions.assertArrayEquals(sequential.get(i).overall().probabilities(),
                            all.get(i).prediction().orElseThrow().probabilities(), 1e-5f, "batch file " + i);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
