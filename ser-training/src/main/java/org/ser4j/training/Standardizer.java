package org.ser4j.training;

import org.ser4j.core.model.FeatureScaling;

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

    private static final Standardizer IDENTITY = new Standardizer(FeatureScaling.identity());

    /** The arithmetic, shared with inference (ser-models applies the same class to every window). */
    private final FeatureScaling scaling;

    private Standardizer(FeatureScaling scaling) {
        this.scaling = scaling;
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
            return new Standardizer(FeatureScaling.of(new float[] {(float) m}, new float[] {safeStd(Math.sqrt(ss / x.length))}));
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
        return new Standardizer(FeatureScaling.of(mean, std));
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
        return scaling.mean();
    }

    /**
     * The fitted standard deviations.
     *
     * @return a copy: empty for none, one value for global, one per feature otherwise
     */
    public float[] std() {
        return scaling.std();
    }

    /**
     * The fitted scaling, as it is stored in the exported model and applied at inference.
     *
     * @return the scaling (the identity for {@link Standardization#NONE})
     */
    public FeatureScaling scaling() {
        return scaling;
    }

    /**
     * Whether this standardizer leaves features unchanged.
     *
     * @return true when fitted with {@link Standardization#NONE}
     */
    public boolean isIdentity() {
        return scaling.isIdentity();
    }

    /**
     * Standardises a feature set with the fitted statistics, exactly as inference will.
     *
     * @param set the features to standardise; not modified
     * @return {@code set} itself for the identity, otherwise a new set with the same labels
     * @throws IllegalArgumentException if the statistics do not fit the set's feature length
     */
    public FeatureSet apply(FeatureSet set) {
        if (isIdentity()) {
            return set;
        }
        int len = set.featureLength();
        float[] x = set.features();
        float[] out = new float[x.length];
        scaling.apply(x, 0, out, 0, len, x.length / len);
        return new FeatureSet(out, set.labels(), len);
    }
}
