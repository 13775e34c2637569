package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.IntRange;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;

/** Invariants of timelines over random clip lengths and hops. */
class TimelinePropertiesTest {
    private static Path dir;
    private static Path model;

    @BeforeContainer
    static void setUp() throws IOException {
        dir = Files.createTempDirectory("ser4j-timeline");
        model = TinyModels.write(dir, "time.onnx", TinyModels.bytes(TinyModels.timeSpec(5)));
    }

    @AfterContainer
    static void tearDown() throws IOException {
        Files.deleteIfExists(model);
        Files.deleteIfExists(dir);
    }

    @Property(tries = 25)
    void windowsTileTheClipAndTheOverallIsTheirMean(@ForAll @IntRange(min = 1, max = 400_000) int length,
            @ForAll @IntRange(min = 1_000, max = 80_080) int hop, @ForAll @IntRange(min = 1, max = 8) int batch)
            throws IOException {
        try (OnnxEmotionClassifier c = EmotionClassifiers.fromOnnx(model,
                ClassifierOptions.defaults().withHopSamples(hop).withBatchSize(batch),
                JavaSoundSource.SOURCE, SegmentMeanExtractor.FACTORY)) {
            Timeline t = c.classifyTimeline(new AudioClip(JavaSoundSource.signal(length, length), 16000));
            assertEquals(Windows.count(length, 80_080, hop), t.windows().size());
            double[] mean = new double[Emotion.COUNT];
            for (int w = 0; w < t.windows().size(); w++) {
                WindowPrediction wp = t.windows().get(w);
                assertEquals((double) w * hop / 16000, wp.startSeconds(), 1e-9);
                assertTrue(wp.endSeconds() <= length / 16000.0 + 1e-12);
                float sum = 0;
                for (Emotion e : Emotion.values()) {
                    sum += wp.prediction().probability(e);
                    mean[e.ordinal()] += wp.prediction().probability(e) / t.windows().size();
                }
                assertEquals(1f, sum, 1e-5f);
            }
            assertEquals(length / 16000.0, t.windows().get(t.windows().size() - 1).endSeconds(), 1e-12);
            for (Emotion e : Emotion.values()) {
                assertEquals(mean[e.ordinal()], t.overall().probability(e), 1e-5);
            }
        }
    }
}
