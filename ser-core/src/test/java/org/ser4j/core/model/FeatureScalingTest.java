package org.ser4j.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FeatureScalingTest {
    @Property(tries = 300)
    void perFeatureIsMinusMeanOverStd(@ForAll @IntRange(min = 1, max = 9) int length, @ForAll @IntRange(min = 1, max = 4) int vectors,
            @ForAll @FloatRange(min = -100, max = 100) float base, @ForAll @FloatRange(min = 0.01f, max = 50) float spread) {
        float[] mean = new float[length];
        float[] std = new float[length];
        for (int j = 0; j < length; j++) {
            mean[j] = base + j;
            std[j] = spread * (j + 1);
        }
        float[] raw = new float[length * vectors + 3];
        for (int k = 0; k < raw.length; k++) {
            raw[k] = base * 0.5f + k * spread;
        }
        float[] out = new float[raw.length];
        FeatureScaling.of(mean, std).apply(raw, 3, out, 0, length, vectors);
        for (int v = 0; v < vectors; v++) {
            for (int j = 0; j < length; j++) {
                assertEquals((raw[3 + v * length + j] - mean[j]) / std[j], out[v * length + j]);
            }
        }
        float[] global = new float[length * vectors];
        FeatureScaling.of(new float[] {base}, new float[] {spread}).apply(raw, 0, global, 0, length, vectors);
        for (int k = 0; k < global.length; k++) {
            assertEquals((raw[k] - base) / spread, global[k]);
        }
    }

    @Test
    void identityCopiesAndEmptyStatisticsAreTheIdentity() {
        assertSame(FeatureScaling.identity(), FeatureScaling.of(new float[0], new float[0]));
        float[] raw = {1, 2, 3};
        float[] out = new float[3];
        FeatureScaling.identity().apply(raw, 0, out, 0, 3, 1);
        assertArrayEquals(raw, out);
        assertTrue(FeatureScaling.identity().isIdentity());
    }

    @Test
    void badStatisticsAndMisfitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(new float[] {Float.NaN}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaling.of(new float[] {0, 1}, new float[] {1}));
        FeatureScaling perFeature = FeatureScaling.of(new float[] {0, 1}, new float[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> perFeature.apply(new float[3], 0, new float[3], 0, 3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> perFeature.apply(new float[3], 0, new float[3], 0, 2, 2));
    }

    @Test
    void copiesInAndOut() {
        float[] mean = {1};
        FeatureScaling s = FeatureScaling.of(mean, new float[] {2});
        mean[0] = 5;
        s.mean()[0] = 7;
        assertEquals(1f, s.mean()[0]);
        assertEquals(FeatureScaling.of(new float[] {1}, new float[] {2}), s);
    }
}
