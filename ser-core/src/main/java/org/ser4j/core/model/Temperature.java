package org.ser4j.core.model;

/**
 * Temperature scaling of class probabilities: {@code p'_c = softmax(log p_c / T)}, the same as
 * dividing the model's logits by {@code T} before its softmax. {@code T > 1} softens
 * over-confident probabilities, {@code T < 1} sharpens them, {@code T = 1} changes nothing; the
 * most probable class never changes. The one implementation used by training (to report the
 * calibration of a fitted temperature) and by inference (to apply a model's temperature from
 * {@link ModelMetadata#temperature()}), so that the two cannot drift apart.
 */
public final class Temperature {
    /** Probabilities are clamped to at least this before their logarithm is taken. */
    public static final double FLOOR = 1e-12;

    private Temperature() {
    }

    /**
     * Checks a temperature.
     *
     * @param temperature the value to check
     * @return {@code temperature}
     * @throws IllegalArgumentException unless it is positive and finite
     */
    public static double check(double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
        return temperature;
    }

    /**
     * Scales rows of probabilities into a new array.
     *
     * @param probabilities {@code [n][classes]} row-major distributions; not modified
     * @param classes number of classes, positive, dividing the array length
     * @param temperature positive and finite
     * @return a new array of the scaled distributions, same shape
     * @throws IllegalArgumentException if the temperature is not positive and finite, or the
     *     array length is not a multiple of {@code classes}
     * @throws NullPointerException if {@code probabilities} is null
     */
    public static float[] apply(float[] probabilities, int classes, double temperature) {
        float[] out = probabilities.clone();
        applyInPlace(out, classes, temperature);
        return out;
    }

    /**
     * Scales rows of probabilities in place.
     *
     * @param probabilities {@code [n][classes]} row-major distributions, overwritten
     * @param classes number of classes, positive, dividing the array length
     * @param temperature positive and finite; exactly 1 leaves the array untouched
     * @throws IllegalArgumentException if the temperature is not positive and finite, or the
     *     array length is not a multiple of {@code classes}
     * @throws NullPointerException if {@code probabilities} is null
     */
    public static void applyInPlace(float[] probabilities, int classes, double temperature) {
        check(temperature);
        if (classes < 1 || probabilities.length % classes != 0) {
            throw new IllegalArgumentException(probabilities.length + " probabilities are not rows of " + classes);
        }
        if (temperature == 1.0) {
            return;
        }
        double[] z = new double[classes];
        for (int r = 0; r < probabilities.length / classes; r++) {
            int o = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                z[c] = Math.log(Math.max(FLOOR, probabilities[o + c])) / temperature;
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = Math.exp(z[c] - max);
                sum += z[c];
            }
            for (int c = 0; c < classes; c++) {
                probabilities[o + c] = (float) (z[c] / sum);
            }
        }
    }
}
