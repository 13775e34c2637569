package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.WavMutants;

/**
 * The whole classify path (ser-core's decoder and resampler, ser-features' extractors, the
 * bundled ensemble) over mutated WAVs: a prediction or an {@link AudioFormatException} naming the
 * file, nothing else, in bounded time and memory.
 */
class ClassifyFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static Path dir;
    static WindowedEmotionClassifier classifier;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("ser4j-classify-fuzz");
        classifier = EmotionClassifiers.ensemble(ClassifierOptions.defaults().withParallelism(2));
    }

    @AfterContainer
    static void tearDown() throws IOException {
        classifier.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 400)
    void aMutantIsClassifiedOrFailsWithAnAudioFormatExceptionInBoundedTimeAndMemory(@ForAll long seed) throws IOException {
        WavMutants.Mutant m = WavMutants.next(new Random(seed));
        Path file = Files.write(dir.resolve("m" + Long.toHexString(seed) + ".wav"), m.bytes());
        try {
            // The timeout is a hang guard only: a mutant takes milliseconds.
            long allocated = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                long before = THREADS.getCurrentThreadAllocatedBytes();
                try {
                    Prediction p = classifier.classify(file);
                    assertEquals(6, p.probabilities().length);
                } catch (AudioFormatException e) {
                    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
                }
                return THREADS.getCurrentThreadAllocatedBytes() - before;
            }, m.kind().toString());
            // Decoding, 16x upsampling at worst, and a fixed cost per 5 s window for the features.
            assertTrue(allocated <= 128L * m.bytes().length + (96L << 20),
                    m.kind() + ": allocated " + (allocated >> 20) + " MiB for a file of " + m.bytes().length + " bytes");
        } finally {
            Files.delete(file);
        }
    }

    /** The batch path gives every mutant a result in order, and good clips their single-call prediction. */
    @Example
    void theBatchPathGivesOneResultPerMutantAndGoodClipsTheirOwnPrediction() throws IOException {
        Random r = new Random(2024);
        List<Path> files = new ArrayList<>();
        List<Path> good = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            boolean isGood = i % 5 == 0;
            byte[] bytes = isGood ? WavMutants.goodClip(r) : WavMutants.next(r).bytes();
            Path f = Files.write(dir.resolve("b" + i + ".wav"), bytes);
            files.add(f);
            if (isGood) {
                good.add(f);
            }
        }
        List<ClassificationResult> results = assertTimeoutPreemptively(Duration.ofMinutes(5),
                () -> classifier.classifyAll(files));
        assertEquals(files.size(), results.size());
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
            ClassificationResult res = results.get(i);
            assertSame(files.get(i), res.path());
            if (!res.isSuccess()) {
                failed++;
                assertInstanceOf(AudioFormatException.class, res.exception().orElseThrow(), res.error().orElseThrow());
            }
        }
        assertTrue(failed > 50, failed + " of 120 mutants failed");
        for (Path g : good) {
            ClassificationResult res = results.get(files.indexOf(g));
            // Equal up to float rounding: ONNX Runtime's sums depend on how many windows share a batch.
            assertArrayEquals(classifier.classify(g).probabilities(), res.prediction().orElseThrow().probabilities(), 1e-5f,
                    g.toString());
        }
    }
}
