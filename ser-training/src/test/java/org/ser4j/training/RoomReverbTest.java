package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ser4j.core.audio.AudioClip;

class RoomReverbTest {
    private static final double OFF = Double.POSITIVE_INFINITY;

    private static float[] noise(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Property
    void theFftConvolutionIsTheDirectSum(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll @IntRange(min = 1, max = 200) int m,
            @ForAll @IntRange(min = 0, max = 600) int outLength, @ForAll long seed) {
        float[] x = noise(n, seed);
        float[] h = noise(m, ~seed);
        float[] y = RoomReverb.convolve(x, h, outLength);
        assertEquals(outLength, y.length);
        for (int i = 0; i < outLength; i++) {
            double direct = 0;
            for (int k = Math.max(0, i - n + 1); k <= Math.min(i, m - 1); k++) {
                direct += (double) x[i - k] * h[k];
            }
            assertEquals(direct, y[i], 1e-4 * (1 + Math.abs(direct)), "sample " + i);
        }
    }

    @Property
    void theImpulseResponseHasAUnitDirectPathTheAskedRatioAndADecayingTail(@ForAll @DoubleRange(min = 0.05, max = 1.0) double rt60,
            @ForAll @DoubleRange(min = -10, max = 30) double drrDb, @ForAll long seed) {
        int rate = 8000;
        float[] h = RoomReverb.impulseResponse(rt60, drrDb, rate, new SplittableRandom(seed));
        assertEquals(1 + (int) Math.ceil(rt60 * rate), h.length);
        assertEquals(1f, h[0]);
        double tail = 0;
        for (int k = 1; k < h.length; k++) {
            tail += (double) h[k] * h[k];
        }
        assertEquals(-drrDb, 10 * Math.log10(tail), 1e-3, "tail energy relative to the direct path");
        // the envelope falls 60 dB over RT60: the last tenth carries far less energy than the first
        int tenth = Math.max(1, (h.length - 1) / 10);
        double first = 0;
        double last = 0;
        for (int k = 1; k <= tenth; k++) {
            first += (double) h[k] * h[k];
            last += (double) h[h.length - k] * h[h.length - k];
        }
        assertTrue(last < first * 1e-3, "first tenth " + first + ", last tenth " + last);
    }

    @Property
    void reverberationKeepsTheLengthAndLevelAndSmearsAnImpulse(@ForAll long seed,
            @ForAll @DoubleRange(min = 0.1, max = 0.6) double rt60) {
        int rate = 8000;
        float[] x = new float[4000];
        x[100] = 1;
        RoomReverb reverb = new RoomReverb(rt60, rt60, 0, 0);
        float[] y = reverb.apply(x, rate, new SplittableRandom(seed));
        assertEquals(x.length, y.length);
        double energy = 0;
        for (float v : y) {
            energy += (double) v * v;
        }
        assertEquals(1, energy, 1e-3, "scaled to the input's energy");
        for (int i = 0; i < 100; i++) {
            assertEquals(0f, y[i], 1e-5f, "nothing before the impulse: sample " + i);
        }
        // at 0 dB DRR half the energy is the direct path, half the tail after it
        assertEquals(Math.sqrt(0.5), y[100], 0.02);
        double after = energy - (double) y[100] * y[100];
        assertTrue(after > 0.4, "the tail carries energy after the impulse: " + after);
    }

    @Test
    void aCopyWithReverbDiffersFromOneWithoutAndIsReproducible() {
        AudioClip clip = new AudioClip(noise(8000, 3), 16000);
        WaveformAugmentation dry = new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, 0, RoomReverb.NONE);
        WaveformAugmentation wet = new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, 0, RoomReverb.rt60(0.3, 0.6));
        float[] d = dry.apply(clip, 0, 42).samples();
        float[] w = wet.apply(clip, 0, 42).samples();
        assertArrayEquals(clip.samples(), d, "no step at all leaves the samples as they are");
        assertEquals(d.length, w.length);
        assertFalse(java.util.Arrays.equals(d, w));
        assertArrayEquals(w, wet.apply(clip, 0, 42).samples());
        assertNotEquals(dry.describeCopy(0, 42), wet.describeCopy(0, 42), "the cache key tells them apart");
        assertEquals(new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false).describeCopy(0, 42), dry.describeCopy(0, 42),
                "without reverberation the cache key is the one earlier versions wrote");
        assertTrue(wet.describe().contains("reverb RT60 0.3..0.6 s, DRR 0.0..12.0 dB"), wet.describe());
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        assertFalse(RoomReverb.NONE.enabled());
        assertEquals("reverb off", RoomReverb.NONE.describe());
        assertThrows(IllegalArgumentException.class, () -> RoomReverb.rt60(0.01, 0.5));
        assertThrows(IllegalArgumentException.class, () -> RoomReverb.rt60(0.5, 0.2));
        assertThrows(IllegalArgumentException.class, () -> RoomReverb.rt60(0.2, 3));
        assertThrows(IllegalArgumentException.class, () -> RoomReverb.rt60(Double.NaN, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RoomReverb(0.2, 0.5, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new RoomReverb(0.2, 0.5, -20, 0));
        assertThrows(IllegalArgumentException.class, () -> new RoomReverb(0.2, 0.5, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, 0, null));
    }
}
