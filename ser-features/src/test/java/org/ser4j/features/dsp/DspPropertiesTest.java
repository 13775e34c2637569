package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the DSP building blocks. */
class DspPropertiesTest {

    @Property(tries = 50)
    void zcrOfAlternatingSignIsMaximalInsideTheSignal(@ForAll @FloatRange(min = 0.01f, max = 1f) float amplitude,
            @ForAll @IntRange(min = 1, max = 12000) int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = i % 2 == 0 ? amplitude : -amplitude;
        }
        float[] zcr = ZeroCrossingRate.compute(x);
        assertEquals(1 + length / 512, zcr.length);
        for (int t = 0; t < zcr.length; t++) {
            int start = t * 512 - 1024;
            int inside = Math.min(start + 2048, length) - Math.max(start, 0);
            // every neighbouring pair inside the signal crosses; the edge padding repeats the end
            // samples, which never cross
            int expectedCrossings = Math.max(0, inside - 1);
            assertEquals(expectedCrossings / 2048f, zcr[t], "frame " + t);
        }
    }

    @Property(tries = 30)
    void zcrMatchesTheDefinition(@ForAll("signals") float[] x, @ForAll("hops") int hop) {
        float[] zcr = ZeroCrossingRate.compute(x, 256, hop);
        int n = x.length;
        assertEquals(1 + n / hop, zcr.length);
        for (int t = 0; t < zcr.length; t++) {
            int crossings = 0;
            for (int i = 1; i < 256; i++) {
                if (signBit(edge(x, t * hop - 128 + i)) != signBit(edge(x, t * hop - 128 + i - 1))) {
                    crossings++;
                }
            }
            assertEquals(crossings / 256f, zcr[t], "frame " + t + " of " + n);
        }
    }

    @Property(tries = 30)
    void rmsMatchesTheDefinition(@ForAll("signals") float[] x, @ForAll("hops") int hop) {
        float[] rms = Rms.compute(x, 256, hop);
        assertEquals(1 + x.length / hop, rms.length);
        for (int t = 0; t < rms.length; t++) {
            double s = 0;
            for (int i = 0; i < 256; i++) {
                int j = t * hop - 128 + i;
                double v = j >= 0 && j < x.length ? x[j] : 0.0;
                s += v * v;
            }
            float expected = (float) Math.sqrt(s / 256);
            assertEquals(expected, rms[t], 1e-6 * expected + 1e-30, "frame " + t);
        }
    }

    @Property(tries = 50)
    void rmsOfAConstantIsItsMagnitudeInside(@ForAll @FloatRange(min = -2f, max = 2f) float c,
            @ForAll @IntRange(min = 1, max = 12000) int length) {
        float[] x = new float[length];
        java.util.Arrays.fill(x, c);
        float[] rms = Rms.compute(x);
        for (int t = 0; t < rms.length; t++) {
            int start = t * 512 - 1024;
            int inside = Math.min(start + 2048, length) - Math.max(start, 0);
            double expected = Math.abs(c) * Math.sqrt(Math.max(0, inside) / 2048.0);
            assertEquals(expected, rms[t], 1e-6 * Math.abs(c) + 1e-30, "frame " + t);
        }
    }

    @Property(tries = 20)
    void filterbankShapeAndRowSupports(@ForAll("rates") int sampleRate, @ForAll("ffts") int nFft,
            @ForAll @IntRange(min = 1, max = 128) int nMels) {
        MelFilterbank fb = new MelFilterbank(sampleRate, nFft, nMels);
        assertEquals(nMels, fb.melBands());
        assertEquals(1 + nFft / 2, fb.fftBins());
        double[] edges = fb.edgesHz();
        assertEquals(nMels + 2, edges.length);
        for (int m = 0; m < nMels; m++) {
            for (int k = 0; k < fb.fftBins(); k++) {
                float w = fb.weight(m, k);
                double f = k * (double) sampleRate / nFft;
                assertTrue(w >= 0f, "weights are non-negative");
                if (w != 0f) {
                    assertTrue(edges[m] < f && f < edges[m + 2], "band " + m + " non-zero at " + f + " Hz outside ("
                            + edges[m] + ", " + edges[m + 2] + ")");
                    assertTrue(k >= fb.start(m) && k < fb.end(m), "support range covers every non-zero weight");
                }
            }
        }
    }

    @Property(tries = 50)
    void melScalesRoundTripAndIncrease(@ForAll @DoubleRange(min = 0, max = 48000) double hz) {
        for (MelScale scale : MelScale.values()) {
            assertEquals(hz, scale.melToHz(scale.hzToMel(hz)), 1e-9 * Math.max(1, hz), scale.name());
            assertTrue(scale.hzToMel(hz + 1) > scale.hzToMel(hz), scale.name() + " increases");
        }
    }

    @Property(tries = 50)
    void powerToDbInvariants(@ForAll @Size(min = 1, max = 300) float[] raw, @ForAll @DoubleRange(min = 1, max = 120) double topDb) {
        float[] s = new float[raw.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(raw[i]) % 1e6f;
        }
        float[] db = s.clone();
        PowerToDb.inPlace(db, 1e-10, topDb);
        float max = Float.NEGATIVE_INFINITY;
        float min = Float.POSITIVE_INFINITY;
        for (float v : db) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(0f, max, 0f, "ref=max puts the maximum at 0 dB");
        assertTrue(min >= -topDb - 1e-4, "clipped at -topDb");
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s.length; j++) {
                if (s[i] <= s[j]) {
                    assertTrue(db[i] <= db[j], "monotone");
                }
            }
        }
        // scaling the input by a power of ten shifts nothing (ref = max)
        float[] scaled = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            scaled[i] = s[i] * 100f;
        }
        PowerToDb.inPlace(scaled, 1e-10, topDb);
        for (int i = 0; i < s.length; i++) {
            if (s[i] > 1e-6f) {
                assertEquals(db[i], scaled[i], 1e-3, "scale invariance at " + i);
            }
        }
    }

    @Property(tries = 50)
    void padOrTrimGivesTheLengthAndKeepsThePrefix(@ForAll @Size(max = 500) float[] x, @ForAll @IntRange(min = 0, max = 700) int length) {
        float[] y = FixedLength.padOrTrim(x, length);
        assertEquals(length, y.length);
        for (int i = 0; i < length; i++) {
            assertEquals(i < x.length ? x[i] : 0f, y[i], 0f);
        }
    }

    @Property(tries = 20)
    void hannIsPeriodicAndOverlapAddsToAConstant(@ForAll @IntRange(min = 2, max = 1024) int half) {
        int n = 2 * half;
        double[] w = HannWindow.periodic(n);
        assertEquals(0.0, w[0], 0.0);
        assertEquals(1.0, w[n / 2], 1e-15);
        for (int i = 1; i < n; i++) {
            assertEquals(w[i], w[n - i], 1e-12, "periodic symmetry");
        }
        if (n % 4 == 0) {
            for (int i = 0; i < n / 4; i++) {
                double sum = w[i] + w[i + n / 4] + w[i + n / 2] + w[i + 3 * n / 4];
                assertEquals(2.0, sum, 1e-12, "COLA at hop n/4");
            }
        }
    }

    @Property(tries = 15)
    void stftPowerMatchesANaiveDft(@ForAll("signals") float[] x) {
        int nFft = 128;
        int hop = 32;
        PowerSpectrogram stft = new PowerSpectrogram(nFft, hop);
        float[] power = stft.compute(x);
        double[] w = HannWindow.periodic(nFft);
        int bins = stft.bins();
        assertEquals(stft.frames(x.length) * bins, power.length);
        for (int t = 0; t < stft.frames(x.length); t++) {
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < nFft; i++) {
                    int j = t * hop - nFft / 2 + i;
                    double v = j >= 0 && j < x.length ? x[j] * w[i] : 0.0;
                    re += v * Math.cos(2 * Math.PI * k * i / nFft);
                    im -= v * Math.sin(2 * Math.PI * k * i / nFft);
                }
                double expected = re * re + im * im;
                assertEquals(expected, power[t * bins + k], 1e-9 + 1e-5 * expected, "frame " + t + " bin " + k);
            }
        }
    }

    @Property(tries = 10)
    void melApplyEqualsDenseProduct(@ForAll("signals") float[] x) {
        MelFilterbank fb = new MelFilterbank(8000, 128, 20);
        double[] power = new double[fb.fftBins()];
        for (int k = 0; k < power.length; k++) {
            power[k] = x.length == 0 ? k : Math.abs(x[k % x.length]) + k;
        }
        float[] out = new float[20];
        fb.apply(power, out, 0, 1);
        float[] dense = new float[20];
        for (int m = 0; m < 20; m++) {
            double s = 0;
            for (int k = 0; k < power.length; k++) {
                s += fb.weight(m, k) * power[k];
            }
            dense[m] = (float) s;
        }
        assertArrayEquals(dense, out, 1e-3f);
    }

    @Provide
    Arbitrary<float[]> signals() {
        Arbitrary<Float> sample = Arbitraries.oneOf(
                Arbitraries.floats().between(-1f, 1f),
                Arbitraries.of(0f, -0f, 1e-11f, -1e-11f, 1e-10f, -2e-10f));
        return sample.array(float[].class).ofMinSize(1).ofMaxSize(700);
    }

    /** 64 divides the frame (block-sum path), 100 and 300 do not (direct path). */
    @Provide
    Arbitrary<Integer> hops() {
        return Arbitraries.of(64, 100, 300);
    }

    @Provide
    Arbitrary<Integer> rates() {
        return Arbitraries.of(8000, 11025, 16000, 22050, 44100, 48000);
    }

    @Provide
    Arbitrary<Integer> ffts() {
        return Arbitraries.of(256, 512, 1024, 2048, 4096);
    }

    private static float edge(float[] x, int j) {
        return x[Math.max(0, Math.min(x.length - 1, j))];
    }

    /** numpy.signbit after librosa's thresholding (|x| <= 1e-10 becomes +0). */
    private static boolean signBit(float v) {
        if (Math.abs(v) <= 1e-10) {
            v = 0f;
        }
        return (Float.floatToRawIntBits(v) & 0x80000000) != 0;
    }
}
