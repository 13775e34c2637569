package org.ser4j.training.nn;

/**
 * The smallest and largest value a tensor took, for example over a calibration batch.
 *
 * @param min the smallest value, finite
 * @param max the largest value, finite and at least {@code min}
 */
public record ValueRange(float min, float max) {
    /**
     * Checks the bounds.
     *
     * @param min the smallest value, finite
     * @param max the largest value, finite and at least {@code min}
     * @throws IllegalArgumentException if a bound is not finite or {@code max < min}
     */
    public ValueRange {
        if (!Float.isFinite(min) || !Float.isFinite(max) || max < min) {
            throw new IllegalArgumentException("a value range needs finite bounds with min <= max, got [" + min + ", " + max + "]");
        }
    }

    /**
     * The smallest range holding both this one and {@code other}.
     *
     * @param other another range, not null
     * @return the union's hull
     */
    public ValueRange union(ValueRange other) {
        return new ValueRange(Math.min(min, other.min), Math.max(max, other.max));
    }
}
