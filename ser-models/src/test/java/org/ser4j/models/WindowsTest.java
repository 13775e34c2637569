package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Window placement: every sample covered, no needless window, last window mostly audio. */
class WindowsTest {
    @Property
    void windowsCoverTheClipWithoutASpareWindow(@ForAll @IntRange(min = 1, max = 2_000_000) int length,
            @ForAll @IntRange(min = 1, max = 5_000) int window, @ForAll @IntRange(min = 1, max = 5_000) int hopSeed) {
        int hop = 1 + hopSeed % window;
        int n = Windows.count(length, window, hop);
        assertTrue(n >= 1);
        long lastStart = Windows.start(n - 1, hop);
        assertTrue(lastStart + window >= length, "last window reaches the end");
        if (n > 1) {
            assertTrue(Windows.start(n - 2, hop) + window < length, "the previous window did not already reach the end");
            assertTrue(length - lastStart >= window - hop, "last window holds at least window - hop samples of audio");
        } else {
            assertTrue(length <= window);
        }
    }

    @Property(tries = 200)
    void sliceIsTheClipSegmentCutAtTheEnd(@ForAll @IntRange(min = 1, max = 3_000) int length,
            @ForAll @IntRange(min = 1, max = 500) int window, @ForAll @IntRange(min = 1, max = 500) int hopSeed) {
        int hop = 1 + hopSeed % window;
        float[] s = new float[length];
        for (int i = 0; i < length; i++) {
            s[i] = i;
        }
        int n = Windows.count(length, window, hop);
        for (int w = 0; w < n; w++) {
            float[] slice = Windows.slice(s, w, window, hop);
            int start = w * hop;
            assertEquals(Math.min(window, length - start), slice.length);
            assertEquals(start, (int) slice[0]);
        }
    }

    @Test
    void defaultHopOnTheModelWindow() {
        assertEquals(1, Windows.count(80_080, 80_080, 40_040));
        assertEquals(2, Windows.count(80_081, 80_080, 40_040));
        assertEquals(2, Windows.count(120_120, 80_080, 40_040));
        assertEquals(3, Windows.count(120_121, 80_080, 40_040));
    }
}
