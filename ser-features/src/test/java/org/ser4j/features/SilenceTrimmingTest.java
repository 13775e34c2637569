package org.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;

/**
 * Silence trimming as a step of the feature pipeline ({@link FeatureConfig#trimTopDb()}): the
 * features of a recording no longer depend on how much silence surrounds it, and nothing changes
 * when trimming is off.
 */
class SilenceTrimmingTest {
    private static final FeatureConfig TRIM = FeatureConfig.DEFAULT.withSilenceTrim(60);

    /** A "voiced" burst: noise under a slow envelope, loud at both ends so trimming keeps it whole. */
    private static float[] speechLike(long seed, int length) {
        Random r = new Random(seed);
        float[] y = new float[length];
        for (int i = 0; i < length; i++) {
            double env = 0.3 + 0.2 * Math.sin(2 * Math.PI * i / 4000.0);
            y[i] = (float) (env * (0.6 * Math.sin(2 * Math.PI * 180 * i / 16000.0) + 0.4 * r.nextGaussian() * 0.3));
        }
        return y;
    }

    private static float[] surround(float[] core, int before, int after) {
        float[] y = new float[before + core.length + after];
        System.arraycopy(core, 0, y, before, core.length);
        return y;
    }

    /*
     * librosa's trim works on centred frames: the first kept frame is the first whose 2048-sample
     * window reaches the sound, so up to two hops of the silence before it are kept. Once the
     * silence is longer than that, how long it is no longer matters.
     */
    private static final int SETTLED_HOPS = 4;

    @Property(tries = 40)
    void howMuchSilenceSurroundsTheSoundDoesNotChangeTheFeatures(
            @ForAll @IntRange(min = SETTLED_HOPS, max = 60) int leadingHops, @ForAll @IntRange(min = 0, max = 40_000) int trailing,
            @ForAll @IntRange(min = 4_000, max = 60_000) int speech, @ForAll @IntRange(min = 0, max = 1_000) int seed) {
        float[] core = speechLike(seed, speech);
        float[] reference = surround(core, SETTLED_HOPS * TRIM.hopLength(), 0);
        float[] padded = surround(core, leadingHops * TRIM.hopLength(), trailing);
        for (FeatureKind kind : FeatureKind.values()) {
            FeatureExtractor e = FeatureExtractors.forKind(kind, TRIM);
            assertArrayEquals(e.extract(reference), e.extract(padded), kind + ": features moved with the silence around the speech");
        }
    }

    @Test
    void withoutTrimmingLeadingSilenceShiftsTheFeaturesAndWithItItIsCut() {
        float[] core = speechLike(3, 40_000);
        float[] shortSilence = surround(core, SETTLED_HOPS * 512, 0);
        float[] padded = surround(core, 16_384, 8_000); // ~1 s before, as RAVDESS clips have
        for (FeatureKind kind : FeatureKind.values()) {
            FeatureExtractor plain = FeatureExtractors.forKind(kind, FeatureConfig.DEFAULT);
            FeatureExtractor trimmed = FeatureExtractors.forKind(kind, TRIM);
            assertFalse(Arrays.equals(plain.extract(shortSilence), plain.extract(padded)), kind.id());
            assertArrayEquals(trimmed.extract(shortSilence), trimmed.extract(padded), kind.id());
            // the speech itself starts loud: trimming keeps all of it, and at most two hops before it
            int[] range = org.ser4j.features.dsp.SilenceTrim.range(padded, 60, 2048, 512);
            assertTrue(range[0] <= 16_384 && range[0] >= 16_384 - 1024, "start " + range[0]);
        }
    }

    @Test
    void theAudioClipPathResamplesEnoughToTrimLeadingSilenceBeforeTheWindow() {
        // 4 s of silence, then 4 s of sound, at 48 kHz: the untrimmed window sees 1 s of sound;
        // the trimmed one must see all 4 s, so more than one clip length has to be resampled
        float[] core = speechLike(11, 4 * 48_000);
        AudioClip longSilence = new AudioClip(surround(core, 4 * 48_000, 0), 48_000);
        AudioClip shortSilence = new AudioClip(surround(core, 3 * SETTLED_HOPS * 512, 0), 48_000);
        for (FeatureKind kind : FeatureKind.values()) {
            FeatureExtractor e = FeatureExtractors.forKind(kind, TRIM);
            float[] a = e.extract(longSilence);
            float[] b = e.extract(shortSilence);
            assertEquals(a.length, b.length);
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1e-3 + Math.abs(b[i])));
            }
            assertTrue(worst < 1e-3, kind + ": worst relative difference " + worst);
            float[] untrimmed = FeatureExtractors.forKind(kind, FeatureConfig.DEFAULT).extract(longSilence);
            assertFalse(Arrays.equals(untrimmed, a), kind.id());
        }
    }

    @Test
    void onlyTheTrimmingSpanIsLookedAt() {
        // sound starts after the span: nothing there is louder than silence, so all is kept (and cut)
        int span = TRIM.trimSpanSamples();
        assertEquals(2 * TRIM.clipSamples(), span);
        float[] y = surround(speechLike(5, 20_000), span + 1_000, 0);
        float[] expected = FeatureExtractors.forKind(FeatureKind.LOG_MEL, FeatureConfig.DEFAULT).extract(new float[TRIM.clipSamples()]);
        assertArrayEquals(expected, FeatureExtractors.forKind(FeatureKind.LOG_MEL, TRIM).extract(y));
    }

    @Test
    void nonFiniteSamplesInTheSpanAreRejectedByIndex() {
        float[] y = speechLike(1, 30_000);
        y[12_345] = Float.NaN;
        for (FeatureKind kind : FeatureKind.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FeatureExtractors.forKind(kind, TRIM).extract(y));
            assertTrue(e.getMessage().contains("12345"), e.getMessage());
        }
    }

    @Test
    void theThresholdIsCheckedAndOffByDefault() {
        assertFalse(FeatureConfig.DEFAULT.trimsSilence());
        assertEquals(0.0, new FeatureConfig(16000, 80080, 2048, 512, 128, 80).trimTopDb());
        assertTrue(TRIM.trimsSilence());
        assertEquals(FeatureConfig.DEFAULT, TRIM.withSilenceTrim(0));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.DEFAULT.withSilenceTrim(-1));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.DEFAULT.withSilenceTrim(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FeatureConfig.DEFAULT.withSilenceTrim(Double.POSITIVE_INFINITY));
    }
}
