package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ser4j.core.Emotion;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.corpus.LabelledClip;

class SpeakerNormalizationTest {

    /** Over each speaker's clips, every row has mean 0 and deviation 1; the inputs are left as they were. */
    @Property(tries = 100)
    void everySpeakersRowsAreStandardisedOverItsOwnClips(@ForAll @IntRange(min = 1, max = 4) int speakers,
            @ForAll @IntRange(min = 1, max = 3) int bands, @ForAll @IntRange(min = 2, max = 9) int frames, @ForAll long seed) {
        Random r = new Random(seed);
        List<float[]> rows = new ArrayList<>();
        List<LabelledClip> clips = new ArrayList<>();
        for (int i = 0; i < speakers * 3; i++) {
            int speaker = i % speakers;
            float[] x = new float[bands * frames];
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) (10 * speaker + (j / frames) * 3 + r.nextGaussian() * (1 + speaker)); // each speaker and row its own level
            }
            rows.add(x);
            clips.add(new LabelledClip(Path.of("c" + i + ".wav"), Emotion.values()[i % 6], "s" + speaker, "test", "XX"));
        }
        List<float[]> before = rows.stream().map(float[]::clone).toList();
        List<float[]> out = SpeakerNormalization.apply(rows, clips, bands);
        for (int i = 0; i < rows.size(); i++) {
            assertArrayEquals(before.get(i), rows.get(i));
        }
        for (int s = 0; s < speakers; s++) {
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                double sq = 0;
                int n = 0;
                for (int i = s; i < out.size(); i += speakers) {
                    for (int t = b * frames; t < (b + 1) * frames; t++) {
                        sum += out.get(i)[t];
                        sq += out.get(i)[t] * (double) out.get(i)[t];
                        n++;
                    }
                }
                assertEquals(0, sum / n, 1e-4, "mean of speaker " + s + " row " + b);
                assertEquals(1, Math.sqrt(sq / n - (sum / n) * (sum / n)), 1e-3, "deviation of speaker " + s + " row " + b);
            }
        }
    }

    @Test
    void aSpeakersOwnOffsetIsRemovedWhatever() {
        // two clips of one speaker, the second the first plus a constant: after normalisation the
        // difference between them is kept, the speaker's level is gone
        float[] a = {1, 2, 3, 4};
        float[] b = {3, 4, 5, 6};
        List<LabelledClip> clips = List.of(new LabelledClip(Path.of("a.wav"), Emotion.ANGER, "x", "c", "XX"),
                new LabelledClip(Path.of("b.wav"), Emotion.SAD, "x", "c", "XX"));
        List<float[]> shifted = SpeakerNormalization.apply(List.of(add(a, 100), add(b, 100)), clips, 1);
        List<float[]> plain = SpeakerNormalization.apply(List.of(a, b), clips, 1);
        assertArrayEquals(plain.get(0), shifted.get(0), 1e-4f);
        assertArrayEquals(plain.get(1), shifted.get(1), 1e-4f);
        // the second clip stays 2 above the first, in units of the speaker's deviation (1.5 over the eight values)
        for (int t = 0; t < a.length; t++) {
            assertEquals(2 / 1.5, plain.get(1)[t] - plain.get(0)[t], 1e-5);
        }
    }

    @Test
    void mismatchedInputsAreRefused() {
        List<LabelledClip> one = List.of(new LabelledClip(Path.of("a.wav"), Emotion.ANGER, "x", "c", "XX"));
        assertThrows(IllegalArgumentException.class, () -> SpeakerNormalization.apply(List.of(), one, 1));
        assertThrows(IllegalArgumentException.class, () -> SpeakerNormalization.apply(List.of(new float[5]), one, 2));
        List<LabelledClip> two = List.of(one.get(0), new LabelledClip(Path.of("b.wav"), Emotion.SAD, "x", "c", "XX"));
        assertThrows(IllegalArgumentException.class, () -> SpeakerNormalization.apply(List.of(new float[4], new float[6]), two, 2));
    }

    @Test
    void theRequestRefusesAFinalModelAndWaveformCopies() {
        TrainingConfig mel = TrainingConfig.recipe(FeatureKind.LOG_MEL);
        assertThrows(IllegalArgumentException.class,
                () -> new CrossValidationRequest(List.of(), 5, Path.of("out"), Path.of("cache"), mel, true, true));
        new CrossValidationRequest(List.of(), 5, Path.of("out"), Path.of("cache"), mel, false, true);
        TrainingConfig copies = mel.withWaveform(new WaveformAugmentation(1, List.of(0.9), 0, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false));
        assertThrows(IllegalArgumentException.class,
                () -> new CrossValidationRequest(List.of(), 5, Path.of("out"), Path.of("cache"), copies, false, true));
    }

    private static float[] add(float[] x, float c) {
        float[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += c;
        }
        return y;
    }
}
