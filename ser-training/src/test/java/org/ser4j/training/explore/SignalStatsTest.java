package org.ser4j.training.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.ser4j.core.audio.WavFormat;

class SignalStatsTest {
    private static final double FULL16 = 32767 / 32768.0;

    @Test
    void fullScaleLevelIsTheLargestPositiveSampleOfTheFormat() {
        assertEquals(32767 / 32768.0, SignalStats.fullScaleLevel(new WavFormat(WavFormat.Encoding.PCM, 16, 1, 16000, 10)), 0);
        assertEquals(127 / 128.0, SignalStats.fullScaleLevel(new WavFormat(WavFormat.Encoding.PCM, 8, 1, 8000, 10)), 0);
        assertEquals((float) (8388607 / 8388608.0),
                SignalStats.fullScaleLevel(new WavFormat(WavFormat.Encoding.PCM, 24, 2, 48000, 10)), 0);
        assertEquals(1 - Math.pow(2, -15),
                SignalStats.fullScaleLevel(new WavFormat(WavFormat.Encoding.IEEE_FLOAT, 32, 1, 16000, 10)), 0);
    }

    @Test
    void levelsOfAKnownSignal() {
        float[] x = {0.5f, -0.5f, 0.5f, -0.5f, 0.25f, 0.25f, 0.25f, 0.25f};
        SignalStats s = SignalStats.of(x, FULL16, 3);
        assertEquals(8, s.samples());
        assertEquals(0.5, s.peak(), 0);
        assertEquals(0.125, s.mean(), 1e-12);
        assertEquals(Math.sqrt((4 * 0.25 + 4 * 0.0625) / 8), s.rms(), 1e-12);
        assertEquals(20 * Math.log10(0.5), s.peakDbfs(), 1e-9);
        assertEquals(0, s.clipRuns());
    }

    @Test
    void countsOnlyRunsOfTheMinimumLength() {
        float f = (float) FULL16;
        // runs: 2 (too short), 3 (positive), 4 (negative full scale -1), 1 at the very end
        float[] x = {f, f, 0, f, f, f, 0.1f, -1, -1, -1, -1, 0, f};
        SignalStats s = SignalStats.of(x, FULL16, 3);
        assertEquals(2, s.clipRuns());
        assertEquals(7, s.clippedSamples());
        assertEquals(4, s.longestClipRun());
    }

    @Test
    void runAtTheEndCounts() {
        SignalStats s = SignalStats.of(new float[] {0, 1, 1, 1}, FULL16, 3);
        assertEquals(1, s.clipRuns());
        assertEquals(3, s.clippedSamples());
    }

    @Test
    void emptyClipHasZeroLevelsAndFloorDbfs() {
        SignalStats s = SignalStats.of(new float[0], FULL16, 3);
        assertEquals(0, s.samples());
        assertEquals(0, s.rms());
        assertEquals(SignalStats.FLOOR_DBFS, s.peakDbfs());
    }

    /** Runs counted by the one-pass scan match a direct search for maximal runs. */
    @Property(tries = 200)
    void clipRunsMatchAReferenceCount(@ForAll @Size(max = 60) List<@IntRange(min = 0, max = 2) Integer> codes,
            @ForAll @IntRange(min = 1, max = 4) int minRun) {
        float[] x = new float[codes.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = codes.get(i) == 0 ? 0.1f : codes.get(i) == 1 ? 1f : -1f;
        }
        int runs = 0;
        long clipped = 0;
        int longest = 0;
        int i = 0;
        while (i < x.length) {
            if (Math.abs(x[i]) >= FULL16) {
                int j = i;
                while (j < x.length && Math.abs(x[j]) >= FULL16) {
                    j++;
                }
                int len = j - i;
                longest = Math.max(longest, len);
                if (len >= minRun) {
                    runs++;
                    clipped += len;
                }
                i = j;
            } else {
                i++;
            }
        }
        SignalStats s = SignalStats.of(x, FULL16, minRun);
        assertEquals(runs, s.clipRuns());
        assertEquals(clipped, s.clippedSamples());
        assertEquals(longest, s.longestClipRun());
    }
}
