package org.ser4j.core.audio;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD dot product with the incubating Vector API: two vector accumulators of the preferred
 * width, fused multiply-add, one lane reduction at the end. Only loaded (reflectively, by
 * {@link DotProduct#best()}) when {@code jdk.incubator.vector} is in the boot layer.
 */
final class VectorDotProduct implements DotProduct {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] x, int xi, float[] h, int hi, int n) {
        int step = SPECIES.length();
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = FloatVector.zero(SPECIES);
        int j = 0;
        for (; j + 2 * step <= n; j += 2 * step) {
            a0 = FloatVector.fromArray(SPECIES, x, xi + j).fma(FloatVector.fromArray(SPECIES, h, hi + j), a0);
            a1 = FloatVector.fromArray(SPECIES, x, xi + j + step)
                    .fma(FloatVector.fromArray(SPECIES, h, hi + j + step), a1);
        }
        for (; j + step <= n; j += step) {
            a0 = FloatVector.fromArray(SPECIES, x, xi + j).fma(FloatVector.fromArray(SPECIES, h, hi + j), a0);
        }
        float s = a0.add(a1).reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s += x[xi + j] * h[hi + j];
        }
        return s;
    }
}
