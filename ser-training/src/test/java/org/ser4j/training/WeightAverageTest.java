package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** {@link WeightAveraging} and {@link WeightAverage}: the exponential moving average of the weights. */
class WeightAverageTest {
    @Property
    void theAverageStaysWithinTheRangeOfTheWeightsFedIn(
            @ForAll @Size(min = 1, max = 40) List<@FloatRange(min = -100, max = 100) Float> values,
            @ForAll @DoubleRange(min = 0.001, max = 0.9999) @net.jqwik.api.constraints.Scale(4) double decay) {
        WeightAverage a = new WeightAverage(WeightAveraging.exponential(decay));
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            a.update(new float[] {v, -v});
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float[] out = a.values();
        assertTrue(out[0] >= lo && out[0] <= hi, out[0] + " outside [" + lo + ", " + hi + "]");
        assertTrue(-out[1] >= lo && -out[1] <= hi, out[1] + " outside the negated range");
        assertEquals(values.size(), a.steps());
    }

    @Property
    void constantWeightsAverageToThemselves(@ForAll @FloatRange(min = -10, max = 10) float w,
            @ForAll @IntRange(min = 1, max = 200) int steps, @ForAll @DoubleRange(min = 0.001, max = 0.9999) @net.jqwik.api.constraints.Scale(4) double decay) {
        WeightAverage a = new WeightAverage(WeightAveraging.exponential(decay));
        for (int i = 0; i < steps; i++) {
            a.update(new float[] {w});
        }
        assertEquals(w, a.values()[0], 1e-5f * Math.max(1, Math.abs(w)));
    }

    @Test
    void firstStepsFollowTheClosedForm() {
        WeightAverage a = new WeightAverage(WeightAveraging.exponential(0.99));
        a.update(new float[] {1});
        assertArrayEquals(new float[] {1}, a.values(), "the first weights are copied");
        a.update(new float[] {3});
        // d_2 = min(0.99, 3 / 12) = 0.25: 0.25 * 1 + 0.75 * 3
        assertEquals(2.5f, a.values()[0], 1e-6f);
        a.update(new float[] {0});
        // d_3 = 4 / 13
        assertEquals(4.0 / 13 * 2.5, a.values()[0], 1e-6);
    }

    @Test
    void decayIsTheConfiguredOneOnceWarmedUp() {
        WeightAveraging w = WeightAveraging.exponential(0.9);
        assertEquals(2.0 / 11, w.decayAt(1), 1e-12);
        assertEquals(0.9, w.decayAt(1_000), 1e-12);
        for (long t = 1; t < 200; t++) {
            assertTrue(w.decayAt(t + 1) >= w.decayAt(t), "never decreasing");
        }
    }

    @Test
    void rangeAndDescription() {
        assertFalse(WeightAveraging.NONE.enabled());
        assertEquals(WeightAveraging.NONE, WeightAveraging.exponential(0));
        assertEquals("none", WeightAveraging.NONE.describe());
        assertEquals("exponential moving average, decay 0.999 per step", WeightAveraging.exponential(0.999).describe());
        for (double bad : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WeightAveraging.exponential(bad));
            assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> new WeightAverage(WeightAveraging.exponential(0.5)).values());
        WeightAverage a = new WeightAverage(WeightAveraging.exponential(0.5));
        a.update(new float[2]);
        assertThrows(IllegalArgumentException.class, () -> a.update(new float[3]));
    }

    @Test
    void theConfigRecordsTheAveragingOnlyWhenOn() {
        TrainingConfig c = TrainingConfig.recipe(org.ser4j.core.model.FeatureKind.LOG_MEL);
        assertEquals(WeightAveraging.NONE, c.averaging());
        assertFalse(c.asMap().containsKey("weightAveraging"));
        TrainingConfig e = c.withAveraging(WeightAveraging.exponential(0.998));
        assertEquals("exponential moving average, decay 0.998 per step", e.asMap().get("weightAveraging"));
        assertEquals(c.epochs(), e.epochs());
        assertThrows(IllegalArgumentException.class, () -> c.withAveraging(null));
    }
}
