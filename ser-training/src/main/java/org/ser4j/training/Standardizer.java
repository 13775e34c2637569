package org.ser4j.training;

/**
 * Input standardisation {@code (x - mean) / std}, fitted on the training part only and stored in
 * the exported model's metadata so that inference applies the same transform.
 *
 * <p>{@code mean} and {@code std} are empty (no standardisation), hold one value (global) or one
 * value per input position (per-feature), matching {@link org.ser4j.core.model.ModelMetadata}.
 * A standard deviation below {@link #MIN_STD} (a constant input) is stored as 1 so that the
 * transform never divides by zero. Immutable.
 */
public final class Standardizer {
    /** Smallest standard deviation kept; smaller ones (constant inputs) become 1. */
    public static final double MIN_STD = 1e-6;

    private static final Standardizer IDENTITY = new Standardizer(new float[0], new float[0]);

    private final float[] mean;
    private final float[] std;

    private Standardizer(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * The transform that leaves inputs unchanged.
     *
     * @return the shared identity instance, with empty {@link #mean()} and {@link #std()}
     */
    public static Standardizer identity() {
        return IDENTITY;
    }

    /**
     * Fits the given mode on {@code train} (float statistics accumulated in double).
     *
     * <p>Standard deviations are population ones (divided by the sample count, not by one less).
     *
     * @param train the training part, not yet standardised; not null
     * @param mode {@link Standardization#NONE}, {@link Standardization#GLOBAL} or
     *     {@link Standardization#PER_FEATURE}; not null
     * @return the identity for {@code NONE} (even on an empty set); otherwise a transform with one
     *     mean and std ({@code GLOBAL}) or {@code train.featureLength()} of each
     *     ({@code PER_FEATURE}), a std below {@link #MIN_STD} or non-finite stored as 1
     * @throws IllegalArgumentException if {@code mode} is not {@code NONE} and {@code train} is empty
     * @throws NullPointerException if {@code train} or {@code mode} is null
     */
    public static Standardizer fit(FeatureSet train, Standardization mode) {
        java.util.Objects.requireNonNull(train, "train");
        java.util.Objects.requireNonNull(mode, "mode");
        if (mode == Standardization.NONE) {
            return IDENTITY;
        }
        if (train.size() == 0) {
            throw new IllegalArgumentException("cannot fit standardisation on an empty training set");
        }
        float[] x = train.features();
        int len = train.featureLength();
        int n = train.size();
        if (mode == Standardization.GLOBAL) {
            double sum = 0;
            for (float v : x) {
                sum += v;
            }
            double m = sum / x.length;
            double ss = 0;
            for (float v : x) {
                double d = v - m;
                ss += d * d;
            }
            return new Standardizer(new float[] {(float) m}, new float[] {safeStd(Math.sqrt(ss / x.length))});
        }
        double[] sum = new double[len];
        for (int i = 0; i < n; i++) {
            int off = i * len;
            for (int j = 0; j < len; j++) {
                sum[j] += x[off + j];
            }
        }
        float[] mean = new float[len];
        for (int j = 0; j < len; j++) {
            sum[j] /= n;
            mean[j] = (float) sum[j];
        }
        double[] ss = new double[len];
        for (int i = 0; i < n; i++) {
            int off = i * len;
            for (int j = 0; j < len; j++) {
                double d = x[off + j] - sum[j];
                ss[j] += d * d;
            }
        }
        float[] std = new float[len];
        for (int j = 0; j < len; j++) {
            std[j] = safeStd(Math.sqrt(ss[j] / n));
        }
        return new Standardizer(mean, std);
    }

    private static float safeStd(double s) {
        return s < MIN_STD || !Double.isFinite(s) ? 1f : (float) s;
    }

    /**
     * A copy of the means (empty, one value, or one per input position).
     *
     * @return a new array of length 0 (identity), 1 (global) or the feature length (per-feature)
     */
    public float[] mean() {
        return mean.clone();
    }

    /**
     * A copy of the standard deviations, same length as {@link #mean()}.
     *
     * @return a new array, positive values; a fitted deviation below {@link #MIN_STD} or
     *     non-finite was stored as 1
     */
    public float[] std() {
        return std.clone();
    }

    /**
     * Whether this transform changes nothing.
     *
     * @return true if there are no statistics (the {@link Standardization#NONE} mode)
     */
    public boolean isIdentity() {
        return mean.length == 0;
    }

    /**
     * A standardised copy of {@code set} (the set itself when this is the identity).
     *
     * @param set the inputs to transform; not modified
     * @return {@code set} itself for the identity; otherwise a new set with new feature values
     *     {@code (x - mean) / std} and the same label array (shared, not copied)
     * @throws IllegalArgumentException if per-feature statistics do not match the set's length
     */
    public FeatureSet apply(FeatureSet set) {
        if (isIdentity()) {
            return set;
        }
        int len = set.featureLength();
        if (mean.length != 1 && mean.length != len) {
            throw new IllegalArgumentException("standardisation has " + mean.length + " statistics, inputs have " + len + " values");
        }
        float[] x = set.features();
        float[] out = new float[x.length];
        if (mean.length == 1) {
            float m = mean[0];
            float inv = 1f / std[0];
            for (int k = 0; k < x.length; k++) {
                out[k] = (x[k] - m) * inv;
            }
        } else {
            for (int off = 0; off < x.length; off += len) {
                for (int j = 0; j < len; j++) {
                    out[off + j] = (x[off + j] - mean[j]) / std[j];
                }
            }
        }
        return new FeatureSet(out, set.labels(), len);
    }
}
