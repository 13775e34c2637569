package org.ser4j.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * The standardisation of a model's input features, {@code x' = (x - mean) / std}: the one
 * implementation that training (fitting and applying it to the training data) and inference
 * (applying it to every window before the model runs) share, so that they cannot drift apart,
 * not even in the last bit. Stored in {@link ModelMetadata} as its {@code mean} and {@code std}.
 *
 * <p>Three forms: none ({@link #identity()}: no statistics, features unchanged), global (one mean
 * and one standard deviation for every value) and per feature (one pair per input value).
 * Immutable and thread-safe: the factory copies the arrays and the accessors return copies.
 */
public final class FeatureScaling {
    private static final FeatureScaling IDENTITY = new FeatureScaling(new float[0], new float[0]);

    private final float[] mean;
    private final float[] std;

    private FeatureScaling(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * No standardisation: {@link #apply} copies the features unchanged.
     *
     * @return the shared identity scaling
     */
    public static FeatureScaling identity() {
        return IDENTITY;
    }

    /**
     * A scaling with the given statistics.
     *
     * @param mean empty (none), one value (global) or one per input value; copied
     * @param std standard deviations, same length as {@code mean}, each finite and positive; copied
     * @return the scaling ({@link #identity()} for empty arrays)
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the lengths differ, or a mean is not finite, or a
     *     standard deviation is not finite and positive (naming the index and values)
     */
    public static FeatureScaling of(float[] mean, float[] std) {
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(std, "std");
        if (mean.length != std.length) {
            throw new IllegalArgumentException("standardisation has " + mean.length + " means but " + std.length + " standard deviations");
        }
        if (mean.length == 0) {
            return IDENTITY;
        }
        for (int i = 0; i < mean.length; i++) {
            if (!Float.isFinite(mean[i]) || !Float.isFinite(std[i]) || !(std[i] > 0)) {
                throw new IllegalArgumentException("standardisation value " + i + " is invalid (mean " + mean[i]
                        + ", std " + std[i] + "); std must be finite and positive");
            }
        }
        return new FeatureScaling(mean.clone(), std.clone());
    }

    /**
     * Whether this is the identity (no statistics).
     *
     * @return true when {@link #apply} leaves features unchanged
     */
    public boolean isIdentity() {
        return mean.length == 0;
    }

    /**
     * The number of statistics.
     *
     * @return 0 (none), 1 (global) or the number of input values (per feature)
     */
    public int size() {
        return mean.length;
    }

    /**
     * The means.
     *
     * @return a copy, {@link #size()} values
     */
    public float[] mean() {
        return mean.clone();
    }

    /**
     * The standard deviations.
     *
     * @return a copy, {@link #size()} values
     */
    public float[] std() {
        return std.clone();
    }

    /**
     * Whether this scaling can be applied to feature vectors of a length.
     *
     * @param featureLength values per feature vector
     * @return true for the identity, a global scaling, or a per-feature one of that length
     */
    public boolean fits(int featureLength) {
        return mean.length == 0 || mean.length == 1 || mean.length == featureLength;
    }

    /**
     * Standardises consecutive feature vectors: {@code out[outOffset + k] = (raw[rawOffset + k]
     * - mean[j]) / std[j]} with {@code j = k % featureLength} per feature, {@code j = 0} globally;
     * a plain copy for the identity. {@code raw} and {@code out} may be the same array.
     *
     * @param raw the features, {@code vectors x featureLength} values from {@code rawOffset}
     * @param rawOffset first value read
     * @param out where the standardised values go, from {@code outOffset}
     * @param outOffset first value written
     * @param featureLength values per feature vector
     * @param vectors number of feature vectors
     * @throws IllegalArgumentException if this scaling does not {@link #fits fit} {@code featureLength}
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    public void apply(float[] raw, int rawOffset, float[] out, int outOffset, int featureLength, int vectors) {
        if (!fits(featureLength)) {
            throw new IllegalArgumentException("standardisation has " + mean.length + " statistics, inputs have "
                    + featureLength + " values");
        }
        int n = Math.multiplyExact(featureLength, vectors);
        Objects.checkFromIndexSize(rawOffset, n, raw.length);
        Objects.checkFromIndexSize(outOffset, n, out.length);
        if (mean.length == 0) {
            System.arraycopy(raw, rawOffset, out, outOffset, n);
        } else if (mean.length == 1) {
            float m = mean[0];
            float s = std[0];
            for (int k = 0; k < n; k++) {
                out[outOffset + k] = (raw[rawOffset + k] - m) / s;
            }
        } else {
            for (int v = 0; v < vectors; v++) {
                int ri = rawOffset + v * featureLength;
                int oi = outOffset + v * featureLength;
                for (int j = 0; j < featureLength; j++) {
                    out[oi + j] = (raw[ri + j] - mean[j]) / std[j];
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureScaling f && Arrays.equals(mean, f.mean) && Arrays.equals(std, f.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return mean.length == 0 ? "FeatureScaling[none]" : mean.length == 1
                ? "FeatureScaling[global mean " + mean[0] + ", std " + std[0] + "]"
                : "FeatureScaling[per feature, " + mean.length + " values]";
    }
}
