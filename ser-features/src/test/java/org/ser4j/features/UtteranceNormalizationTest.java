package org.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.UtteranceNormalization;
import org.ser4j.features.dsp.RowNormalization;

/**
 * Per-utterance normalisation as a step of the feature pipeline
 * ({@link FeatureConfig#utteranceNormalization()}): the extractors' normalised output is their
 * plain output with each row standardised over the clip's own frames, and off by default.
 */
class UtteranceNormalizationTest {
    private static final FeatureConfig CMVN = FeatureConfig.DEFAULT.withUtteranceNormalization(UtteranceNormalization.CMVN);

    private static float[] speechLike(long seed, int length) {
        Random r = new Random(seed);
        float[] y = new float[length];
        for (int i = 0; i < length; i++) {
            double env = 0.3 + 0.2 * Math.sin(2 * Math.PI * i / 4000.0);
            y[i] = (float) (env * (0.6 * Math.sin(2 * Math.PI * 210 * i / 16000.0) + 0.12 * r.nextGaussian()));
        }
        return y;
    }

    @Property(tries = 15)
    void normalisedFeaturesArePlainFeaturesStandardisedPerRowOverTheClipsFrames(
            @ForAll @IntRange(min = 600, max = 100_000) int length, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        float[] y = speechLike(seed, length);
        for (FeatureKind kind : FeatureKind.values()) {
            float[] plain = FeatureExtractors.forKind(kind, FeatureConfig.DEFAULT).extract(y);
            int rows = kind == FeatureKind.LOG_MEL ? CMVN.nMels() : 2;
            RowNormalization.cmvn(plain, rows, CMVN.frames(),
                    RowNormalization.activeFrames(Math.min(length, CMVN.clipSamples()), CMVN.hopLength(), CMVN.frames()));
            assertArrayEquals(plain, FeatureExtractors.forKind(kind, CMVN).extract(y), kind.id());
        }
    }

    @Property(tries = 10)
    void theTimeFeaturesNoLongerDependOnTheRecordingLevel(@ForAll @FloatRange(min = 0.05f, max = 0.95f) float gain,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        float[] y = speechLike(seed, 50_000);
        float[] quiet = y.clone();
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] *= gain;
        }
        FeatureExtractor normalised = new TimeDomainFeatures(CMVN);
        assertArrayEquals(normalised.extract(y), normalised.extract(quiet), 1e-3f);
        FeatureExtractor plain = new TimeDomainFeatures(FeatureConfig.DEFAULT);
        float[] a = plain.extract(y);
        float[] b = plain.extract(quiet);
        assertTrue(Math.abs(a[200] - b[200]) > 1e-3, "without normalisation the RMS row follows the level");
    }

    @Test
    void aSilentClipGivesZerosNotNaN() {
        for (FeatureKind kind : FeatureKind.values()) {
            float[] f = FeatureExtractors.forKind(kind, CMVN).extract(new float[20_000]);
            for (float v : f) {
                assertEquals(0f, v, kind.id());
            }
        }
    }

    @Test
    void offByDefaultAndCarriedByTheOtherWithers() {
        assertEquals(UtteranceNormalization.NONE, FeatureConfig.DEFAULT.utteranceNormalization());
        assertFalse(FeatureConfig.DEFAULT.normalizesUtterances());
        assertTrue(CMVN.normalizesUtterances());
        assertEquals(UtteranceNormalization.CMVN, CMVN.withSilenceTrim(40).utteranceNormalization());
        assertEquals(40.0, CMVN.withSilenceTrim(40).trimTopDb());
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.DEFAULT.withUtteranceNormalization(null));
        assertEquals(UtteranceNormalization.CMVN, UtteranceNormalization.fromId("CMVN").orElseThrow());
        assertTrue(UtteranceNormalization.fromId("zscore").isEmpty());
    }
}
