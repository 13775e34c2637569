package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class WaveformAugmentationTest {
    private static final double OFF = Double.POSITIVE_INFINITY;

    private static AudioClip noiseClip(int n, int rate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-0.5, 0.5);
        }
        return new AudioClip(x, rate);
    }

    @Property
    void aCopyKeepsTheLengthRelabelsTheRateAndIsTheSameEveryTime(@ForAll @IntRange(min = 1, max = 4000) int n,
            @ForAll @IntRange(min = 1000, max = 96000) int rate, @ForAll @IntRange(min = 1, max = 4) int copies,
            @ForAll @IntRange(min = 0, max = 3) int copy, @ForAll long seed, @ForAll @DoubleRange(min = 0.5, max = 2) double speed) {
        WaveformAugmentation a = new WaveformAugmentation(copies, List.of(speed, 1.0), 0.1, 6, 10, 30, false);
        int c = copy % copies;
        AudioClip in = noiseClip(n, rate, seed);
        float[] before = in.samples().clone();
        AudioClip out = a.apply(in, c, seed);
        assertEquals(n, out.length());
        assertEquals(Math.round(rate * a.speedOf(c)), out.sampleRate());
        assertArrayEquals(before, in.samples(), "the input is not modified");
        assertArrayEquals(out.samples(), a.apply(new AudioClip(before.clone(), rate), c, seed).samples(),
                "the copy depends only on the samples, the copy index and the seed");
        for (float v : out.samples()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Property
    void aShiftMovesTheSamplesWithinTheBoundAndFillsWithZeros(@ForAll @IntRange(min = 1, max = 3000) int n, @ForAll long seed,
            @ForAll @DoubleRange(min = 0, max = 0.2) double maxShift) {
        int rate = 8000;
        WaveformAugmentation a = new WaveformAugmentation(1, List.of(1.0), maxShift, 0, OFF, OFF, false);
        float[] x = noiseClip(n, rate, seed).samples();
        for (int i = 0; i < n; i++) {
            x[i] = x[i] == 0 ? 0.25f : x[i]; // no zeros in the input, so the fill is visible
        }
        float[] y = a.apply(new AudioClip(x, rate), 0, seed).samples();
        int bound = (int) Math.round(maxShift * rate);
        int found = Integer.MIN_VALUE;
        for (int s = -bound; s <= bound && found == Integer.MIN_VALUE; s++) {
            boolean match = true;
            for (int i = 0; i < n && match; i++) {
                int src = i - s;
                match = src >= 0 && src < n ? y[i] == x[src] : y[i] == 0;
            }
            found = match ? s : found;
        }
        assertTrue(found != Integer.MIN_VALUE, "the copy is the clip shifted by at most " + bound + " samples");
    }

    /** Low noise (60 dB below the burst, silence at 40 dB), then a loud burst from {@code onset} on. */
    private static float[] burstAt(int onset, int n, int rate, long seed) {
        float[] x = noiseClip(n, rate, seed).samples();
        for (int i = 0; i < n; i++) {
            x[i] *= i < onset ? 0.001f : 1f;
        }
        return x;
    }

    /**
     * The detected onset lies within one frame of the burst, and the copy is the clip moved by
     * one shift whose end is never cut: zeros in front or the start cut, the length changed by
     * the shift, the onset moved into the drawn lead-in range.
     */
    @Property
    void leadInPlacementMovesTheOnsetIntoTheRangeAndKeepsTheEnd(@ForAll @IntRange(min = 0, max = 12000) int onset,
            @ForAll long seed, @ForAll @DoubleRange(min = 0.05, max = 0.6) double maxLeadIn) {
        int rate = 8000;
        int n = 16000;
        float[] x = burstAt(onset, n, rate, seed);
        WaveformAugmentation a = new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, maxLeadIn);
        float[] y = a.apply(new AudioClip(x, rate), 0, seed).samples();
        int before = org.ser4j.features.dsp.SilenceTrim.range(x, 40, 2048, 512)[0];
        assertTrue(before <= onset && onset - before <= 1536, "burst at " + onset + ", onset found at " + before);
        int shift = y.length - n;
        for (int i = 0; i < y.length; i++) {
            int from = i - shift;
            assertEquals(from >= 0 ? x[from] : 0f, y[i], "sample " + i + " of a copy shifted by " + shift);
        }
        int lead = before + shift;
        assertTrue(lead >= 0 && lead <= Math.round(maxLeadIn * rate), "onset " + before + " moved to " + lead);
    }

    @Test
    void leadInsAreDrawnOverTheWholeRange() {
        int rate = 8000;
        float[] x = burstAt(4000, 16000, rate, 3);
        int before = org.ser4j.features.dsp.SilenceTrim.range(x, 40, 2048, 512)[0];
        WaveformAugmentation a = new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, 1.0);
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (long seed = 0; seed < 200; seed++) {
            int lead = before + a.apply(new AudioClip(x, rate), 0, seed).length() - x.length;
            min = Math.min(min, lead);
            max = Math.max(max, lead);
        }
        assertTrue(min < 0.1 * rate && max > 0.9 * rate, "lead-ins over 200 seeds from " + min + " to " + max + " samples");
    }

    @Test
    void aShiftAndALeadInTogetherAreRefusedAndTheLeadInIsDescribed() {
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 0.1, 0, OFF, OFF, false, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, 6));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, -0.1));
        assertThrows(IllegalArgumentException.class,
                () -> new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, Double.NaN));
        WaveformAugmentation a = new WaveformAugmentation(2, List.of(1.0), 0, 0, OFF, OFF, true, 1.2);
        assertEquals("2 copies; speeds 1.0; shift <= 0.0 s; gain <= 0.0 dB; noise off; speech onset placed 0..1.2 s in; "
                + "one variant per clip per epoch", a.describe());
        WaveformAugmentation noLeadIn = new WaveformAugmentation(2, List.of(1.0), 0, 0, OFF, OFF, true);
        assertEquals("waveform-augmentation v1 copy=0 speed=1.0 shift<=0.0s gain<=0.0dB snr=off seed=42", noLeadIn.describeCopy(0, 42),
                "the key of copies without a lead-in is what it was before lead-ins existed, so their caches stay valid");
        assertEquals(noLeadIn.describeCopy(0, 42) + " lead-in<=1.2s@40.0dB/2048/512 untrimmed", a.describeCopy(0, 42));
        WaveformAugmentation shorter = new WaveformAugmentation(2, List.of(1.0), 0, 0, OFF, OFF, true, 0.6);
        assertFalse(a.describeCopy(0, 42).equals(shorter.describeCopy(0, 42)), "the widest lead-in is part of the cache key");
    }

    @Test
    void nonFiniteSamplesAreRefused() {
        float[] x = noiseClip(100, 8000, 1).samples();
        x[17] = Float.NaN;
        for (double leadIn : new double[] {0, 0.5}) {
            WaveformAugmentation a = new WaveformAugmentation(1, List.of(1.0), 0, 0, OFF, OFF, false, leadIn);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.apply(new AudioClip(x, 8000), 0, 1));
            assertTrue(e.getMessage().contains("sample 17"), e.getMessage());
        }
    }

    @Property
    void gainScalesEverySampleByOneFactorWithinTheRange(@ForAll long seed, @ForAll @DoubleRange(min = 0.1, max = 20) double maxDb) {
        WaveformAugmentation a = new WaveformAugmentation(1, List.of(1.0), 0, maxDb, OFF, OFF, false);
        float[] x = noiseClip(500, 16000, seed).samples();
        float[] y = a.apply(new AudioClip(x, 16000), 0, seed).samples();
        double g = y[0] / (double) x[0];
        assertTrue(g >= Math.pow(10, -maxDb / 20) * (1 - 1e-6) && g <= Math.pow(10, maxDb / 20) * (1 + 1e-6), "gain " + g);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i] * g, y[i], 1e-6 * Math.abs(x[i] * g) + 1e-9);
        }
    }

    @Property(tries = 50)
    void noiseHasTheDrawnSignalToNoiseRatio(@ForAll long seed, @ForAll @DoubleRange(min = 0, max = 40) double snr) {
        WaveformAugmentation a = new WaveformAugmentation(1, List.of(1.0), 0, 0, snr, snr, false);
        float[] x = noiseClip(16000, 16000, seed).samples();
        float[] y = a.apply(new AudioClip(x, 16000), 0, seed).samples();
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < x.length; i++) {
            signal += (double) x[i] * x[i];
            noise += (double) (y[i] - x[i]) * (y[i] - x[i]);
        }
        assertEquals(snr, 10 * Math.log10(signal / noise), 0.2);
    }

    @Test
    void silenceGetsNoNoiseAndCopiesDiffer() {
        WaveformAugmentation a = new WaveformAugmentation(2, List.of(1.0), 0.05, 6, 10, 30, false);
        assertArrayEquals(new float[800], a.apply(new AudioClip(new float[800], 16000), 1, 7).samples());
        AudioClip clip = noiseClip(4000, 16000, 3);
        assertFalse(java.util.Arrays.equals(a.apply(clip, 0, 7).samples(), a.apply(clip, 1, 7).samples()));
        assertFalse(java.util.Arrays.equals(a.apply(clip, 0, 7).samples(), a.apply(clip, 0, 8).samples()));
    }

    @Test
    void speedsMakesOneCopyPerFactorAndDescribesThem() {
        WaveformAugmentation a = WaveformAugmentation.speeds(0.9, 1.1);
        assertEquals(2, a.copies());
        assertEquals(0.9, a.speedOf(0));
        assertEquals(1.1, a.speedOf(1));
        assertEquals(0.9, a.speedOf(2));
        assertFalse(a.noise());
        assertEquals(14400, a.apply(noiseClip(10, 16000, 1), 0, 1).sampleRate());
        assertEquals("2 copies; speeds 0.9,1.1; shift <= 0.0 s; gain <= 0.0 dB; noise off", a.describe());
        assertTrue(a.describeCopy(0, 42).contains("speed=0.9") && a.describeCopy(1, 42).contains("speed=1.1"));
        assertFalse(WaveformAugmentation.NONE.enabled());
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(-1, List.of(1.0), 0, 0, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(17, List.of(1.0), 0, 0, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(), 0, 0, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, java.util.Arrays.asList(1.0, null), 0, 0, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(0.3), 0, 0, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(Double.NaN), 0, 0, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 6, 0, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 0, -1, OFF, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 0, 0, 30, 10, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 0, 0, 10, OFF, false));
        assertThrows(IllegalArgumentException.class, () -> new WaveformAugmentation(1, List.of(1.0), 0, 0, Double.NaN, 10, false));
        assertThrows(IllegalArgumentException.class, () -> WaveformAugmentation.NONE.apply(noiseClip(4, 16000, 1), 0, 1));
    }
}
