package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.ser4j.core.model.FeatureKind;

class BatchAugmenterTest {

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * 10 - 40);
        }
        return x;
    }

    /** Masked cells hold the sample's mean, form at most the asked number of runs, each no wider than allowed. */
    @Property(tries = 100)
    void masksSetBoundedRunsOfFramesAndBandsToTheMean(@ForAll @IntRange(min = 0, max = 3) int tm, @ForAll @IntRange(min = 0, max = 6) int tw,
            @ForAll @IntRange(min = 0, max = 3) int fm, @ForAll @IntRange(min = 0, max = 4) int fw, @ForAll long seed) {
        int bands = 8;
        int frames = 12;
        float[] x = random(3 * bands * frames, seed);
        float[] orig = x.clone();
        new BatchAugmenter(new FeatureAugmentation(tm, tw, fm, fw, 0), bands, frames, seed).mask(x, 3);
        for (int s = 0; s < 3; s++) {
            int off = s * bands * frames;
            double sum = 0;
            for (int i = 0; i < bands * frames; i++) {
                sum += orig[off + i];
            }
            float mean = (float) (sum / (bands * frames));
            boolean[] col = new boolean[frames];
            boolean[] rowMasked = new boolean[bands];
            for (int b = 0; b < bands; b++) {
                for (int f = 0; f < frames; f++) {
                    float v = x[off + b * frames + f];
                    if (v != orig[off + b * frames + f]) {
                        assertEquals(mean, v);
                    }
                }
            }
            // a column is time-masked when every band holds the mean there; a row likewise
            for (int f = 0; f < frames; f++) {
                col[f] = true;
                for (int b = 0; b < bands; b++) {
                    col[f] &= x[off + b * frames + f] == mean;
                }
            }
            for (int b = 0; b < bands; b++) {
                rowMasked[b] = true;
                for (int f = 0; f < frames; f++) {
                    rowMasked[b] &= x[off + b * frames + f] == mean;
                }
            }
            for (int b = 0; b < bands; b++) {
                for (int f = 0; f < frames; f++) {
                    if (x[off + b * frames + f] != orig[off + b * frames + f]) {
                        assertTrue(col[f] || rowMasked[b], "a changed cell outside every mask");
                    }
                }
            }
            int maskedCols = 0;
            for (boolean c : col) {
                maskedCols += c ? 1 : 0;
            }
            if (fm == 0 || fw == 0) {
                assertTrue(maskedCols <= tm * tw, maskedCols + " columns masked");
            }
        }
    }

    @Property(tries = 50)
    void mixupMakesConvexCombinationsOfPairs(@ForAll @IntRange(min = 1, max = 9) int count,
            @ForAll @DoubleRange(min = 0.05, max = 4) double alpha, @ForAll long seed) {
        int len = 5;
        float[] x = random(count * len, seed);
        float[] orig = x.clone();
        int[] y = new int[count];
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            y[i] = i % 6;
            w[i] = 1 + i;
        }
        int[] other = new int[count];
        float[] lambda = new float[count];
        new BatchAugmenter(new FeatureAugmentation(0, 0, 0, 0, alpha), 1, len, seed).mixup(x, y, w, count, other, lambda);
        float l = lambda[0];
        assertTrue(l >= 0 && l <= 1, "lambda " + l);
        for (int i = 0; i < count; i++) {
            assertEquals(l, lambda[i]);
            // find the partner: the sample whose label is other[i] and whose mix reproduces x_i
            boolean found = false;
            for (int j = 0; j < count && !found; j++) {
                if (y[j] != other[i]) {
                    continue;
                }
                boolean all = true;
                for (int k = 0; k < len; k++) {
                    all &= Math.abs(x[i * len + k] - (l * orig[i * len + k] + (1 - l) * orig[j * len + k])) < 1e-3;
                }
                found = all && Math.abs(w[i] - (l * (1 + i) + (1 - l) * (1 + j))) < 1e-4;
            }
            assertTrue(found, "sample " + i + " is not a mix with a partner of label " + other[i]);
        }
    }

    @Test
    void betaDrawsHaveTheRightMeanAndAreSeeded() {
        BatchAugmenter a = new BatchAugmenter(new FeatureAugmentation(0, 0, 0, 0, 0.4), 1, 1, 7);
        BatchAugmenter b = new BatchAugmenter(new FeatureAugmentation(0, 0, 0, 0, 0.4), 1, 1, 7);
        double sum = 0;
        double sq = 0;
        int n = 20000;
        for (int i = 0; i < n; i++) {
            float[] x = {1, 2};
            float[] x2 = {1, 2};
            int[] o = new int[2];
            float[] l = new float[2];
            float[] l2 = new float[2];
            a.mixup(x, new int[] {0, 1}, null, 2, o, l);
            b.mixup(x2, new int[] {0, 1}, null, 2, new int[2], l2);
            assertArrayEquals(l, l2);
            sum += l[0];
            sq += l[0] * (double) l[0];
        }
        double mean = sum / n;
        double var = sq / n - mean * mean;
        assertEquals(0.5, mean, 0.01);
        // Beta(a, a) variance 1 / (4 (2a + 1)) = 0.1389 for a = 0.4
        assertEquals(1 / (4 * (2 * 0.4 + 1)), var, 0.01);
    }

    @Test
    void masksAreRefusedForTheTimeModelAndBadValuesEverywhere() {
        TrainingConfig time = TrainingConfig.recipe(FeatureKind.TIME_DOMAIN);
        assertThrows(IllegalArgumentException.class, () -> time.withAugmentation(new FeatureAugmentation(1, 5, 0, 0, 0)));
        time.withAugmentation(new FeatureAugmentation(0, 0, 0, 0, 0.2));
        TrainingConfig.recipe(FeatureKind.LOG_MEL).withAugmentation(new FeatureAugmentation(2, 20, 2, 16, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new FeatureAugmentation(-1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FeatureAugmentation(0, 0, 0, 0, Double.NaN));
    }

    /**
     * Every sample moves as a whole by one shift within the bound: each row is the original row
     * moved by the same number of frames, and the frames shifted in hold that row's smallest value.
     */
    @Property(tries = 200)
    void shiftMovesWholeSamplesWithinTheBoundAndFillsWithTheRowMinimum(@ForAll @IntRange(min = 1, max = 20) int maxShift,
            @ForAll @IntRange(min = 1, max = 4) int bands, @ForAll @IntRange(min = 2, max = 16) int frames, @ForAll long seed) {
        int count = 4;
        float[] x = random(count * bands * frames, seed); // distinct values almost surely
        float[] orig = x.clone();
        new BatchAugmenter(new FeatureAugmentation(0, 0, 0, 0, 0, maxShift), bands, frames, seed).shift(x, count);
        int limit = Math.min(maxShift, frames);
        for (int s = 0; s < count; s++) {
            int found = Integer.MIN_VALUE;
            for (int by = -limit; by <= limit && found == Integer.MIN_VALUE; by++) {
                if (shiftedBy(orig, x, s, bands, frames, by)) {
                    found = by;
                }
            }
            assertTrue(found != Integer.MIN_VALUE, "sample " + s + " is not a shift of its original within +/-" + limit);
        }
    }

    private static boolean shiftedBy(float[] orig, float[] x, int s, int bands, int frames, int by) {
        for (int b = 0; b < bands; b++) {
            int off = s * bands * frames + b * frames;
            float min = Float.POSITIVE_INFINITY;
            for (int t = 0; t < frames; t++) {
                min = Math.min(min, orig[off + t]);
            }
            for (int t = 0; t < frames; t++) {
                int from = t - by;
                float want = from >= 0 && from < frames ? orig[off + from] : min;
                if (x[off + t] != want) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void shiftsAreDrawnFromTheWholeRangeAndTheSameSeedGivesTheSameShifts() {
        int frames = 50;
        int count = 400;
        float[] x = new float[count * frames];
        for (int s = 0; s < count; s++) {
            x[s * frames + frames / 2] = 1; // one impulse per sample marks its position
        }
        float[] y = x.clone();
        new BatchAugmenter(new FeatureAugmentation(0, 0, 0, 0, 0, 5), 1, frames, 3).shift(x, count);
        new BatchAugmenter(new FeatureAugmentation(0, 0, 0, 0, 0, 5), 1, frames, 3).shift(y, count);
        assertArrayEquals(x, y);
        int[] seen = new int[11];
        for (int s = 0; s < count; s++) {
            for (int t = 0; t < frames; t++) {
                if (x[s * frames + t] == 1) {
                    seen[t - frames / 2 + 5]++;
                }
            }
        }
        for (int k = 0; k < seen.length; k++) {
            assertTrue(seen[k] > 10, "shift " + (k - 5) + " drawn " + seen[k] + " times of " + count);
        }
    }

    @Test
    void shiftIsRefusedWithPerFeatureStandardisationAndNegativeBounds() {
        FeatureAugmentation shift = new FeatureAugmentation(0, 0, 0, 0, 0, 8);
        TrainingConfig mel = TrainingConfig.recipe(FeatureKind.LOG_MEL);
        assertThrows(IllegalArgumentException.class, () -> mel.withStandardization(Standardization.PER_FEATURE).withAugmentation(shift));
        assertEquals(8, mel.withStandardization(Standardization.GLOBAL).withAugmentation(shift).asMap().get("timeShiftFrames"));
        assertEquals(8, TrainingConfig.recipe(FeatureKind.TIME_DOMAIN).withAugmentation(shift).asMap().get("timeShiftFrames"));
        assertThrows(IllegalArgumentException.class, () -> new FeatureAugmentation(0, 0, 0, 0, 0, -1));
    }
}
