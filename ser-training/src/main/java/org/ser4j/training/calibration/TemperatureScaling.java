package org.ser4j.training.calibration;

import org.ser4j.core.model.Temperature;

/**
 * Temperature scaling (Guo et al., 2017): probabilities {@code p} become
 * {@code softmax(ln p / T)}, which equals {@code softmax(z / T)} for the logits {@code z} behind
 * {@code p}, so it can be fitted on stored probabilities. {@code T > 1} softens over-confident
 * predictions; the predicted class never changes. Stateless.
 */
public final class TemperatureScaling {
    /** Smallest temperature the fit considers. */
    public static final double MIN_TEMPERATURE = 0.05;
    /** Largest temperature the fit considers. */
    public static final double MAX_TEMPERATURE = 20;
    private static final double FLOOR = 1e-12;
    private static final double GOLDEN = (Math.sqrt(5) - 1) / 2;

    private TemperatureScaling() {
    }

    /**
     * The temperature minimising the mean negative log-likelihood of the labels: golden-section
     * search on {@code ln T} over [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}] (the
     * likelihood is unimodal there: it is convex in {@code 1/T}), to a relative precision of about
     * 1e-6.
     *
     * @param probabilities {@code [n][classes]} row-major, each row a distribution; probabilities
     *     are clamped to at least 1e-12 before taking logarithms
     * @param labels the true class of each row, at least one row
     * @param classes number of classes, positive
     * @return the fitted temperature, in [{@value #MIN_TEMPERATURE}, {@value #MAX_TEMPERATURE}]
     * @throws IllegalArgumentException if there are no rows, the lengths disagree, a label is out of
     *     range or a probability is not finite
     * @throws NullPointerException if an array is null
     */
    public static double fit(float[] probabilities, int[] labels, int classes) {
        Calibration.check(probabilities, labels, classes);
        if (labels.length == 0) {
            throw new IllegalArgumentException("cannot fit a temperature on no predictions");
        }
        double[] logp = new double[probabilities.length];
        for (int i = 0; i < logp.length; i++) {
            logp[i] = Math.log(Math.max(FLOOR, probabilities[i]));
        }
        double a = Math.log(MIN_TEMPERATURE);
        double b = Math.log(MAX_TEMPERATURE);
        double c = b - GOLDEN * (b - a);
        double d = a + GOLDEN * (b - a);
        double fc = nll(logp, labels, classes, Math.exp(c));
        double fd = nll(logp, labels, classes, Math.exp(d));
        while (b - a > 1e-6) {
            if (fc <= fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - GOLDEN * (b - a);
                fc = nll(logp, labels, classes, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + GOLDEN * (b - a);
                fd = nll(logp, labels, classes, Math.exp(d));
            }
        }
        return Math.exp((a + b) / 2);
    }

    /**
     * Applies a temperature.
     *
     * @param probabilities {@code [n][classes]} row-major, each row a distribution (clamped to at
     *     least 1e-12 before taking logarithms); not modified
     * @param classes number of classes, positive, dividing the array length
     * @param temperature positive and finite; 1 gives back the input (up to rounding and the clamp)
     * @return a new array of the scaled distributions, same shape
     * @throws IllegalArgumentException if the temperature is not positive and finite, or the array
     *     length is not a multiple of {@code classes}
     * @throws NullPointerException if {@code probabilities} is null
     */
    public static float[] apply(float[] probabilities, int classes, double temperature) {
        // the arithmetic inference uses (ser-core), so reported calibration is what users get
        return Temperature.apply(probabilities, classes, temperature);
    }

    /** Mean NLL of {@code softmax(logp / t)}. */
    static double nll(double[] logp, int[] labels, int classes, double t) {
        double s = 0;
        for (int r = 0; r < labels.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logp[r * classes + c] / t);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logp[r * classes + c] / t - max);
            }
            s += Math.log(sum) + max - logp[r * classes + labels[r]] / t;
        }
        return s / labels.length;
    }
}
