package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    static float[] sine(double freq, double amplitude, double phase, int rate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * freq * i / rate + phase));
        }
        return x;
    }

    /** RMS of y[from, to). */
    static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) y[i] * y[i];
        }
        return Math.sqrt(s / (to - from));
    }

    /**
     * Largest per-frequency amplitude of y[from, from + n) after a Blackman-Harris window, scanned
     * on a fine grid (a Goertzel-style single-bin DFT); the window's sidelobes are below -92 dB, so
     * leakage of anything else cannot mask an alias.
     */
    static double peakAmplitude(float[] y, int from, int n, int rate, double fLo, double fHi, double step) {
        double[] w = new double[n];
        double wsum = 0;
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / (n - 1);
            w[i] = 0.35875 - 0.48829 * Math.cos(a) + 0.14128 * Math.cos(2 * a) - 0.01168 * Math.cos(3 * a);
            wsum += w[i];
        }
        double best = 0;
        for (double f = fLo; f <= fHi; f += step) {
            double re = 0;
            double im = 0;
            double dphi = 2 * Math.PI * f / rate;
            for (int i = 0; i < n; i++) {
                double v = w[i] * y[from + i];
                re += v * Math.cos(dphi * i);
                im += v * Math.sin(dphi * i);
            }
            best = Math.max(best, 2 * Math.hypot(re, im) / wsum);
        }
        return best;
    }

    @ParameterizedTest(name = "{0} Hz tone, {1} -> 16000 Hz")
    @CsvSource({
        "8000,48000", "8300,48000", "9500,48000", "12000,48000", "15000,48000", "23000,48000",
        "8000,44100", "8300,44100", "10000,44100", "16500,44100", "21000,44100",
        "8000,22050", "8300,22050", "9000,22050", "10000,22050", "11000,22050"})
    void toneAboveTargetNyquistIsAttenuatedAtLeast80dB(double freq, int source) {
        float[] x = sine(freq, 1.0, 0.3, source, source / 2);
        float[] y = Resampler.resample(x, source, 16000);
        // Steady state only: skip 50 ms at both ends, where the zero padding makes a transient.
        int from = 800;
        int to = y.length - 800;
        double attenuationDb = 20 * Math.log10(rms(y, from, to) / (1 / Math.sqrt(2)));
        assertTrue(attenuationDb <= -80, "attenuation only " + (-attenuationDb) + " dB");
        // The same measured spectrally, over all output frequencies, against the tone's amplitude 1.
        double peak = peakAmplitude(y, from, 4096, 16000, 0, 8000, 25);
        assertTrue(20 * Math.log10(peak) <= -80, "spectral peak at " + 20 * Math.log10(peak) + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000,16000", "44100,16000", "22050,16000", "8000,16000", "16000,44100", "11025,16000"})
    void oneKilohertzSineKeepsItsAmplitudeWithinATenthOfADecibel(int source, int target) {
        float[] y = Resampler.resample(sine(1000, 0.5, 0, source, source), source, target);
        // Whole periods of 1 kHz in the middle of the output.
        int from = target / 4;
        int to = from + target / 2;
        double amplitude = rms(y, from, to) * Math.sqrt(2);
        double db = 20 * Math.log10(amplitude / 0.5);
        assertTrue(Math.abs(db) <= 0.1, "gain " + db + " dB");
        assertTrue(Math.abs(db) <= 0.001, "passband ripple above design: " + db + " dB");
    }

    @ParameterizedTest(name = "{0} Hz image at 8000 -> 16000")
    @CsvSource({"3000", "3500", "3950"})
    void upsamplingImagesAreAttenuated(double freq) {
        float[] y = Resampler.resample(sine(freq, 1, 0, 8000, 8000), 8000, 16000);
        // The image of f lies at 8000 - f; everything between 4 kHz and 8 kHz must be quiet.
        double image = peakAmplitude(y, 2000, 8192, 16000, 4100, 8000, 25);
        assertTrue(20 * Math.log10(image) <= -80, "image at " + 20 * Math.log10(image) + " dB");
    }

    @Test
    void outputLengthIsCeilingOfScaledLength() {
        assertEquals(16000, Resampler.outputLength(48000, 48000, 16000));
        assertEquals(1, Resampler.outputLength(1, 48000, 16000));
        assertEquals(2, Resampler.outputLength(4, 48000, 16000));
        assertEquals(5806, Resampler.outputLength(8001, 22050, 16000));
        for (int n : new int[] {0, 1, 2, 3, 100, 8001, 44101}) {
            assertEquals(Resampler.outputLength(n, 44100, 16000), Resampler.resample(new float[n], 44100, 16000).length);
            assertEquals(Resampler.outputLength(n, 8000, 16000), Resampler.resample(new float[n], 8000, 16000).length);
        }
    }

    @Test
    void sameRateIsIdentityAndArgumentsAreChecked() {
        AudioClip c = new AudioClip(new float[] {1, 2, 3}, 16000);
        assertSame(c, Resampler.resample(c, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(c, 0));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[3], -1, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[3], 16000000, 8000));
    }

    @Test
    void constantSignalKeepsItsLevelAwayFromTheEdges() {
        float[] x = new float[48000];
        java.util.Arrays.fill(x, 0.25f);
        float[] y = Resampler.resample(x, 48000, 16000);
        for (int i = 100; i < y.length - 100; i++) {
            assertEquals(0.25f, y[i], 1e-5f, "sample " + i);
        }
    }

    @Test
    void largePrimeRatiosUseInterpolatedPhasesAccurately() {
        // 44100 -> 16001 reduces to 16001/44100: more phases than the exact table holds.
        float[] y = Resampler.resample(sine(1000, 0.5, 0.2, 44100, 44100), 44100, 16001);
        float[] expected = sine(1000, 0.5, 0.2, 16001, y.length);
        for (int i = 400; i < y.length - 400; i++) {
            assertEquals(expected[i], y[i], 1e-4f, "sample " + i);
        }
    }

    @Test
    void resultsAreDeterministicAndThreadSafe() throws Exception {
        float[] x = sine(440, 0.7, 0, 44100, 44100);
        float[] ref = Resampler.resample(x, 44100, 16000);
        Thread[] ts = new Thread[4];
        float[][] out = new float[4][];
        for (int t = 0; t < ts.length; t++) {
            int id = t;
            ts[t] = new Thread(() -> out[id] = Resampler.resample(x, 44100, 16000));
            ts[t].start();
        }
        for (int t = 0; t < ts.length; t++) {
            ts[t].join();
            assertArrayEquals(ref, out[t], 0f);
        }
    }
}
