package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link SilenceTrim} against librosa 0.10's documented {@code effects.trim} (top_db 60, ref max,
 * frame 2048, hop 512): hand-computed ranges on generated signals, and a direct re-implementation
 * of librosa's steps (zero-padded centred frames, {@code amplitude_to_db} with amin 1e-5,
 * {@code frames_to_samples}) on random ones. No librosa fixture of trim exists in
 * {@code ../shared/fixtures/librosa}.
 */
class SilenceTrimTest {
    private static final int RATE = 16000;

    private static float[] toneBetweenSilences(int before, int tone, int after, double amp, double noise, long seed) {
        Random r = new Random(seed);
        float[] s = new float[before + tone + after];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (noise * r.nextGaussian());
        }
        for (int i = 0; i < tone; i++) {
            s[before + i] += (float) (amp * Math.sin(2 * Math.PI * 440 * i / RATE));
        }
        return s;
    }

    @Test
    void aToneBetweenSilencesKeepsEveryFrameThatTouchesIt() {
        // 1 s zeros, 1 s tone, 1 s zeros: frame f covers [512 f - 1024, 512 f + 1024); one sample
        // of the tone in a frame is about -33 dB below the tone's RMS, far above -60 dB.
        // First frame reaching sample 16000: f = 30 (start 15360); last reaching 31999: f = 64
        // (end 65 * 512 = 33280).
        float[] s = toneBetweenSilences(RATE, RATE, RATE, 0.5, 0, 1);
        assertArrayEquals(new int[] {15360, 33280}, SilenceTrim.range(s));
        assertEquals(33280 - 15360, SilenceTrim.trim(s).length);
    }

    @Test
    void quietNoiseBelowSixtyDbIsTrimmedAndLouderNoiseIsKept() {
        // tone RMS 0.354 (-9 dB); noise at -80 dB is silence, noise at -40 dB is not
        float[] quiet = toneBetweenSilences(RATE, RATE, RATE, 0.5, 1e-4, 2);
        int[] q = SilenceTrim.range(quiet);
        assertEquals(15360, q[0]);
        assertEquals(33280, q[1]);
        float[] loud = toneBetweenSilences(RATE, RATE, RATE, 0.5, 1e-2, 2);
        assertArrayEquals(new int[] {0, 3 * RATE}, SilenceTrim.range(loud));
    }

    @Test
    void silenceInsideIsKeptAndEdgeCasesFollowLibrosa() {
        float[] s = new float[4 * RATE];
        float[] a = toneBetweenSilences(0, RATE, 0, 0.5, 0, 3);
        System.arraycopy(a, 0, s, RATE / 2, RATE);
        System.arraycopy(a, 0, s, 5 * RATE / 2, RATE);
        int[] r = SilenceTrim.range(s);
        assertEquals(reference(s, 60, 2048, 512)[0], r[0]);
        assertEquals(reference(s, 60, 2048, 512)[1], r[1]);
        // the gap between the two tones (1 s of zeros) stays
        assertEquals(true, r[1] - r[0] > 3 * RATE - 2048);
        // all zeros: every frame sits at the floor, 0 dB below the reference: kept whole, as librosa does
        assertArrayEquals(new int[] {0, 1000}, SilenceTrim.range(new float[1000]));
        assertArrayEquals(new int[] {0, 0}, SilenceTrim.range(new float[0]));
        assertThrows(IllegalArgumentException.class, () -> SilenceTrim.range(new float[] {0, Float.NaN, 0}));
        assertThrows(IllegalArgumentException.class, () -> SilenceTrim.range(new float[10], 0, 2048, 512));
    }

    /** Random bursts in random silence: the same range as librosa's steps done directly. */
    @Property(tries = 100)
    void agreesWithADirectReimplementationOfLibrosa(@ForAll @IntRange(min = 1, max = 40000) int before,
            @ForAll @IntRange(min = 1, max = 20000) int burst, @ForAll @IntRange(min = 0, max = 40000) int after,
            @ForAll @DoubleRange(min = -4, max = 0) double log10Amp, @ForAll @DoubleRange(min = 0, max = 1) double noise,
            @ForAll long seed) {
        double amp = Math.pow(10, log10Amp);
        // noise up to 1e-3 of the burst (-60 dB): around the threshold
        float[] s = toneBetweenSilences(before, burst, after, amp, 1e-3 * noise * amp, seed);
        int[] expected = reference(s, 60, 2048, 512);
        int[] got = SilenceTrim.range(s);
        if (expected[0] != got[0] || expected[1] != got[1]) {
            // a frame within float rounding of the threshold may go either way; nothing else may differ
            int[] loose = reference(s, 60 + 1e-3, 2048, 512);
            int[] tight = reference(s, 60 - 1e-3, 2048, 512);
            assertEquals(true, got[0] >= loose[0] && got[0] <= tight[0] && got[1] <= loose[1] && got[1] >= tight[1],
                    java.util.Arrays.toString(got) + " vs " + java.util.Arrays.toString(expected));
        }
    }

    /** librosa.effects.trim step by step, each frame summed directly in double. */
    static int[] reference(float[] y, double topDb, int frame, int hop) {
        int n = y.length;
        int frames = 1 + n / hop;
        double[] rms = new double[frames];
        double max = 0;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int k = 0; k < frame; k++) {
                int i = f * hop - frame / 2 + k;
                if (i >= 0 && i < n) {
                    sum += (double) y[i] * y[i];
                }
            }
            rms[f] = (float) Math.sqrt(sum / frame); // librosa works in float32
            max = Math.max(max, rms[f]);
        }
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            double db = 10 * Math.log10(Math.max(1e-10, rms[f] * rms[f])) - 10 * Math.log10(Math.max(1e-10, max * max));
            if (db > -topDb) {
                first = first < 0 ? f : first;
                last = f;
            }
        }
        return first < 0 ? new int[] {0, 0} : new int[] {first * hop, Math.min(n, (last + 1) * hop)};
    }
}
