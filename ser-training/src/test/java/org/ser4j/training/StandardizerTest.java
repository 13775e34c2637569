package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    private static FeatureSet set(float[] x, int len) {
        return new FeatureSet(x, new int[x.length / len], len);
    }

    @Test
    void noneIsTheIdentity() {
        FeatureSet s = set(new float[] {1, 2, 3, 4}, 2);
        Standardizer st = Standardizer.fit(s, Standardization.NONE);
        assertTrue(st.isIdentity());
        assertSame(s, st.apply(s));
        assertEquals(0, st.mean().length);
    }

    @Test
    void globalUsesOneMeanAndStd() {
        FeatureSet s = set(new float[] {1, 3, 5, 7}, 2);
        Standardizer st = Standardizer.fit(s, Standardization.GLOBAL);
        assertArrayEquals(new float[] {4}, st.mean());
        assertArrayEquals(new float[] {(float) Math.sqrt(5)}, st.std(), 1e-6f);
        float[] out = st.apply(s).features();
        assertEquals(-3 / Math.sqrt(5), out[0], 1e-6);
    }

    @Test
    void perFeatureUsesTrainingStatisticsOnly() {
        FeatureSet train = set(new float[] {0, 10, 2, 10, 4, 10}, 2); // column 2 constant
        Standardizer st = Standardizer.fit(train, Standardization.PER_FEATURE);
        assertArrayEquals(new float[] {2, 10}, st.mean());
        assertEquals(1f, st.std()[1], "a constant column gets std 1, never a division by zero");
        FeatureSet other = set(new float[] {100, 12}, 2);
        float[] out = st.apply(other).features();
        assertEquals((100 - 2) / Math.sqrt(8.0 / 3), out[0], 1e-4);
        assertEquals(2f, out[1], 1e-6f);
        assertArrayEquals(new float[] {100, 12}, other.features(), "the input set is not modified");
        assertThrows(IllegalArgumentException.class, () -> st.apply(set(new float[] {1, 2, 3}, 3)));
    }

    @Property(tries = 50)
    void standardisedTrainingColumnsHaveZeroMeanAndUnitStd(
            @ForAll @Size(min = 6, max = 60) List<@FloatRange(min = -1000, max = 1000) Float> values,
            @ForAll @IntRange(min = 1, max = 3) int len) {
        int n = values.size() / len;
        float[] x = new float[n * len];
        for (int i = 0; i < x.length; i++) {
            x[i] = values.get(i);
        }
        FeatureSet out = Standardizer.fit(set(x, len), Standardization.PER_FEATURE).apply(set(x, len));
        for (int j = 0; j < len; j++) {
            double sum = 0;
            double ss = 0;
            double rawMin = Double.MAX_VALUE;
            double rawMax = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                sum += out.features()[i * len + j];
                rawMin = Math.min(rawMin, x[i * len + j]);
                rawMax = Math.max(rawMax, x[i * len + j]);
            }
            double mean = sum / n;
            for (int i = 0; i < n; i++) {
                double d = out.features()[i * len + j] - mean;
                ss += d * d;
            }
            assertEquals(0, mean, 1e-3);
            if (rawMax - rawMin > 1e-2) {
                assertEquals(1, Math.sqrt(ss / n), 1e-3);
            }
        }
    }
}
