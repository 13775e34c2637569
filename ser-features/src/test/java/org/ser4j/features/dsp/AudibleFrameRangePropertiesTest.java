package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class AudibleFrameRangePropertiesTest {

    /** Whether centred frame {@code t} (zero padding) contains a non-zero sample. */
    private static boolean audible(float[] y, int t, int nFft, int hop) {
        int start = t * hop - nFft / 2;
        for (int i = Math.max(0, start); i < Math.min(y.length, start + nFft); i++) {
            if (y[i] != 0f) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 300)
    void rangeHoldsExactlyTheFramesWithSignal(@ForAll @IntRange(min = 0, max = 3000) int length,
            @ForAll @IntRange(min = 0, max = 3000) int from, @ForAll @IntRange(min = 0, max = 3000) int count,
            @ForAll @IntRange(min = 2, max = 9) int log2Fft, @ForAll @IntRange(min = 1, max = 300) int hop) {
        int nFft = 1 << log2Fft;
        float[] y = new float[length];
        for (int i = from; i < Math.min(length, from + count); i++) {
            y[i] = (i % 7 == 3) ? 0f : 0.25f;
        }
        int[] range = Framing.audibleFrameRange(y, nFft, hop);
        int frames = Framing.centeredFrameCount(length, hop);
        for (int t = 0; t < frames; t++) {
            boolean inside = t >= range[0] && t <= range[1];
            if (!inside) {
                assertTrue(!audible(y, t, nFft, hop), "frame " + t + " has signal but lies outside " + range[0] + ".." + range[1]);
            }
        }
        if (range[0] <= range[1]) {
            assertTrue(audible(y, range[0], nFft, hop), "first frame of the range is silent");
            assertTrue(audible(y, range[1], nFft, hop), "last frame of the range is silent");
        } else {
            for (int t = 0; t < frames; t++) {
                assertEquals(false, audible(y, t, nFft, hop));
            }
        }
    }
}
