package org.ser4j.features.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Per-utterance mean and variance normalisation of feature rows. */
class RowNormalizationTest {

    /** A feature matrix with its shape and the number of active frames. */
    record Case(float[] x, int rows, int frames, int active) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> rows = Arbitraries.integers().between(1, 6);
        Arbitrary<Integer> frames = Arbitraries.integers().between(1, 40);
        return Combinators.combine(rows, frames).flatAs((r, f) -> Combinators.combine(
                Arbitraries.floats().between(-100f, 100f).array(float[].class).ofSize(r * f),
                Arbitraries.integers().between(1, f)).as((x, a) -> new Case(x, r, f, a)));
    }

    @Property(tries = 200)
    void everyRowHasZeroMeanAndUnitSpreadOverItsActiveFrames(@ForAll("cases") Case c) {
        float[] x = c.x().clone();
        RowNormalization.cmvn(x, c.rows(), c.frames(), c.active());
        for (int r = 0; r < c.rows(); r++) {
            double sum = 0;
            double ss = 0;
            double rawSpread = spread(c.x(), r * c.frames(), c.active());
            for (int t = 0; t < c.active(); t++) {
                sum += x[r * c.frames() + t];
            }
            double mean = sum / c.active();
            for (int t = 0; t < c.active(); t++) {
                double d = x[r * c.frames() + t] - mean;
                ss += d * d;
            }
            assertEquals(0.0, mean, 1e-4, "row " + r);
            double expected = rawSpread < RowNormalization.MIN_STD ? rawSpread : 1.0;
            assertEquals(expected, Math.sqrt(ss / c.active()), 1e-3, "row " + r);
        }
    }

    @Property(tries = 200)
    void isInvariantToAPositiveGainAndAnOffsetPerRow(@ForAll("cases") Case c,
            @ForAll @FloatRange(min = 0.01f, max = 100f) float gain, @ForAll @FloatRange(min = -50f, max = 50f) float offset) {
        float[] a = c.x().clone();
        float[] b = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i] * gain + offset;
        }
        RowNormalization.cmvn(a, c.rows(), c.frames(), c.active());
        RowNormalization.cmvn(b, c.rows(), c.frames(), c.active());
        for (int r = 0; r < c.rows(); r++) {
            if (spread(c.x(), r * c.frames(), c.active()) * Math.min(1, gain) < 1e-2) {
                continue; // a (nearly) constant row: float rounding of the offset dominates
            }
            for (int t = 0; t < c.frames(); t++) {
                int i = r * c.frames() + t;
                assertEquals(a[i], b[i], 2e-3 * Math.max(1, Math.abs(a[i])), "row " + r + " frame " + t);
            }
        }
    }

    @Property(tries = 100)
    void framesPastTheActiveOnesDoNotChangeTheStatistics(@ForAll("cases") Case c, @ForAll float junk) {
        if (c.active() == c.frames() || !Float.isFinite(junk)) {
            return;
        }
        float[] a = c.x().clone();
        float[] b = c.x().clone();
        for (int r = 0; r < c.rows(); r++) {
            b[r * c.frames() + c.frames() - 1] = Math.max(-1e6f, Math.min(1e6f, junk));
        }
        RowNormalization.cmvn(a, c.rows(), c.frames(), c.active());
        RowNormalization.cmvn(b, c.rows(), c.frames(), c.active());
        for (int r = 0; r < c.rows(); r++) {
            for (int t = 0; t < c.frames() - 1; t++) {
                assertEquals(a[r * c.frames() + t], b[r * c.frames() + t], "row " + r + " frame " + t);
            }
        }
    }

    @Property(tries = 200)
    void activeFramesAreTheFramesWhoseCentreHoldsOwnSamples(@ForAll @LongRange(min = 0, max = 1_000_000) long own,
            @ForAll @IntRange(min = 1, max = 4096) int hop, @ForAll @IntRange(min = 1, max = 400) int frames) {
        int active = RowNormalization.activeFrames(own, hop, frames);
        int centresInside = 0;
        for (int t = 0; t < frames; t++) {
            if ((long) t * hop < own) {
                centresInside++;
            }
        }
        assertEquals(Math.max(1, centresInside), active);
    }

    @Test
    void theNotebooksWholeClipMakesEveryFrameActive() {
        assertEquals(157, RowNormalization.activeFrames(80_080, 512, 157));
        assertEquals(1, RowNormalization.activeFrames(0, 512, 157));
        assertEquals(2, RowNormalization.activeFrames(513, 512, 157));
    }

    @Test
    void aConstantRowBecomesZeroAndBadShapesAreRefused() {
        float[] x = {3f, 3f, 3f, 1f, 2f, 3f};
        RowNormalization.cmvn(x, 2, 3, 3);
        assertEquals(0f, x[0]);
        assertEquals(0f, x[2]);
        assertEquals((float) (-1 / Math.sqrt(2.0 / 3)), x[3], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> RowNormalization.cmvn(new float[6], 2, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> RowNormalization.cmvn(new float[6], 2, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> RowNormalization.cmvn(new float[6], 2, 3, 4));
        assertThrows(IllegalArgumentException.class, () -> RowNormalization.activeFrames(-1, 512, 157));
    }

    private static double spread(float[] x, int off, int n) {
        double s = 0;
        for (int t = 0; t < n; t++) {
            s += x[off + t];
        }
        double m = s / n;
        double ss = 0;
        for (int t = 0; t < n; t++) {
            double d = x[off + t] - m;
            ss += d * d;
        }
        return Math.sqrt(ss / n);
    }
}
