package org.ser4j.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ser4j.core.model.FeatureKind;

/** Shapes, layout, input checks and thread safety of the two extractors. */
class ExtractorsTest {
    private final LogMelSpectrogram mel = new LogMelSpectrogram();
    private final TimeDomainFeatures time = new TimeDomainFeatures();

    @Test
    void lengthsAndKindsFollowTheConfig() {
        float[] y = noise(1, 30000);
        assertEquals(FeatureKind.LOG_MEL, mel.kind());
        assertEquals(FeatureKind.TIME_DOMAIN, time.kind());
        assertEquals(128 * 157, mel.extract(y).length);
        assertEquals(128 * 157, mel.featureLength());
        assertEquals(314, time.extract(y).length);
        assertEquals(314, time.featureLength());
        FeatureConfig small = new FeatureConfig(8000, 4000, 256, 64, 20, 60);
        assertEquals(20 * 63, new LogMelSpectrogram(small).extract(y).length);
        assertEquals(2 * 63, new TimeDomainFeatures(small).extract(y).length);
    }

    @Test
    void rowsAreMelBandsAndColumnsAreFrames() {
        // a 440 Hz tone that starts after 2.5 s: low bands light up only in the later columns
        float[] y = new float[80080];
        for (int i = 40000; i < y.length; i++) {
            y[i] = (float) Math.sin(2 * Math.PI * 440 * i / 16000.0);
        }
        float[] p = mel.melPower(y);
        int frames = 157;
        int band440 = 0;
        for (int m = 0; m < 128; m++) {
            if (p[m * frames + 120] > p[band440 * frames + 120]) {
                band440 = m;
            }
        }
        assertTrue(band440 > 10 && band440 < 30, "440 Hz falls in a low band, got " + band440);
        assertEquals(0f, p[band440 * frames + 10], "silent first second");
        assertTrue(p[band440 * frames + 140] > 1f);
    }

    @Test
    void shorterInputIsZeroPaddedAndLongerTrimmed() {
        float[] y = noise(2, 50000);
        float[] padded = new float[80080];
        System.arraycopy(y, 0, padded, 0, y.length);
        assertArrayEquals(mel.extract(padded), mel.extract(y));
        assertArrayEquals(time.extract(padded), time.extract(y));
        float[] longer = noise(3, 100000);
        float[] cut = java.util.Arrays.copyOf(longer, 80080);
        assertArrayEquals(time.extract(cut), time.extract(longer));
        assertArrayEquals(mel.extract(cut), mel.extract(longer));
    }

    @Test
    void clipsAreResampledToTheConfigRate() {
        float[] y = noise(5, 16000);
        org.ser4j.core.audio.AudioClip at16k = new org.ser4j.core.audio.AudioClip(y, 16000);
        assertArrayEquals(mel.extract(y), mel.extract(at16k));
        assertArrayEquals(time.extract(y), time.extract(at16k));
        // one second of a 1 kHz tone at 48 kHz: after resampling the energy sits in 1 kHz bands
        float[] tone = new float[48000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 48000.0));
        }
        float[] fromClip = mel.extract(new org.ser4j.core.audio.AudioClip(tone, 48000));
        float[] at16 = new float[16000];
        for (int i = 0; i < at16.length; i++) {
            at16[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        float[] direct = mel.extract(at16);
        int frames = 157;
        for (int m = 0; m < 128; m++) {
            // frame 15 lies inside the tone, away from its edges
            assertEquals(direct[m * frames + 15], fromClip[m * frames + 15], 0.5, "band " + m);
        }
    }

    @Test
    void badSamplesAreRejected() {
        float[] y = noise(4, 1000);
        y[17] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mel.extract(y));
        assertTrue(e.getMessage().contains("17"), e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> time.extract(y));
        assertTrue(t.getMessage().contains("17"), t.getMessage());
        y[17] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> time.extract(y));
        assertThrows(IllegalArgumentException.class, () -> mel.extract(y));
        assertThrows(IllegalArgumentException.class, () -> mel.extract((float[]) null));
        assertThrows(IllegalArgumentException.class, () -> time.extract((org.ser4j.core.audio.AudioClip) null));
    }

    @Test
    void silenceGivesTheFloor() {
        float[] db = mel.extract(new float[0]);
        for (float v : db) {
            assertEquals(0f, v, "all-equal input is 0 dB relative to its own maximum");
        }
        float[] t = time.extract(new float[10]);
        for (float v : t) {
            assertEquals(0f, v);
        }
    }

    @Test
    void oneInstanceIsSafeAcrossThreads() throws Exception {
        assertThreadSafe(mel);
        assertThreadSafe(new LogMelSpectrogram(FeatureConfig.DEFAULT, org.ser4j.features.dsp.MelPowerKernel::portable));
    }

    private void assertThreadSafe(LogMelSpectrogram mel) throws Exception {
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expectedMel = new ArrayList<>();
        List<float[]> expectedTime = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] y = noise(10 + i, 80080);
            inputs.add(y);
            expectedMel.add(mel.extract(y));
            expectedTime.add(time.extract(y));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int rep = 0; rep < 4; rep++) {
                for (int i = 0; i < inputs.size(); i++) {
                    int k = i;
                    results.add(pool.submit(() -> java.util.Arrays.equals(expectedMel.get(k), mel.extract(inputs.get(k)))
                            && java.util.Arrays.equals(expectedTime.get(k), time.extract(inputs.get(k)))));
                }
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(), "concurrent results equal sequential ones");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static float[] noise(long seed, int n) {
        Random r = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (r.nextGaussian() * 0.1);
        }
        return y;
    }

    /** Only the start of a long clip is resampled, and the features are the same as with the whole clip. */
    @Test
    void longClipsAtOtherRatesGiveTheSameFeaturesAsResamplingTheWholeClip() {
        for (int rate : new int[] {1000, 8000, 44100, 384000}) {
            Random r = new Random(rate);
            float[] x = new float[rate * 6];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.3 * Math.sin(i * 0.01) + 0.05 * r.nextGaussian());
            }
            org.ser4j.core.audio.AudioClip clip = new org.ser4j.core.audio.AudioClip(x, rate);
            float[] whole = org.ser4j.core.audio.Resampler.resample(x, rate, 16000);
            LogMelSpectrogram mel = new LogMelSpectrogram(FeatureConfig.DEFAULT);
            TimeDomainFeatures time = new TimeDomainFeatures(FeatureConfig.DEFAULT);
            assertArrayEquals(mel.extract(whole), mel.extract(clip), 0f, rate + " Hz, log-mel");
            assertArrayEquals(time.extract(whole), time.extract(clip), 0f, rate + " Hz, time domain");
        }
    }
}
