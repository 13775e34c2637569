package org.ser4j.training.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * Reliability bins and expected calibration error of class probabilities. A prediction's
 * confidence is its highest probability and it is correct when that class (the lowest index on a
 * tie) is the label. Bins are equal-width on [0, 1]: bin {@code b} of {@code m} holds confidences
 * in {@code (b/m, (b+1)/m]}, the first also 0. Stateless.
 */
public final class Calibration {
    /** The usual number of bins of the expected calibration error. */
    public static final int DEFAULT_BINS = 15;

    private Calibration() {
    }

    /**
     * Reliability bins.
     *
     * @param probabilities {@code [n][classes]} row-major, each row a distribution
     * @param labels the true class of each row, {@code n} of them, each in {@code [0, classes)}
     * @param classes number of classes, positive
     * @param bins number of equal-width bins, positive
     * @return {@code bins} bins in order of confidence, counts summing to {@code n}
     * @throws IllegalArgumentException if the array lengths disagree, {@code classes} or
     *     {@code bins} is not positive, a label is out of range or a probability is not finite
     * @throws NullPointerException if an array is null
     */
    public static List<ReliabilityBin> reliability(float[] probabilities, int[] labels, int classes, int bins) {
        check(probabilities, labels, classes);
        if (bins < 1) {
            throw new IllegalArgumentException("need at least 1 bin, got " + bins);
        }
        long[] count = new long[bins];
        double[] conf = new double[bins];
        long[] correct = new long[bins];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[i * classes + c] > probabilities[i * classes + best]) {
                    best = c;
                }
            }
            double p = Math.min(1, Math.max(0, probabilities[i * classes + best]));
            int b = Math.min(bins - 1, Math.max(0, (int) Math.ceil(p * bins) - 1));
            count[b]++;
            conf[b] += p;
            if (best == labels[i]) {
                correct[b]++;
            }
        }
        List<ReliabilityBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            out.add(new ReliabilityBin(b / (double) bins, (b + 1) / (double) bins, count[b],
                    count[b] == 0 ? Double.NaN : conf[b] / count[b], count[b] == 0 ? Double.NaN : correct[b] / (double) count[b]));
        }
        return List.copyOf(out);
    }

    /**
     * Expected calibration error: {@code sum_b (n_b / n) |accuracy_b - confidence_b|}.
     *
     * @param probabilities {@code [n][classes]} row-major, each row a distribution
     * @param labels the true class of each row, each in {@code [0, classes)}
     * @param classes number of classes, positive
     * @param bins number of equal-width bins, positive ({@value #DEFAULT_BINS} is usual)
     * @return the error, in [0, 1]; NaN when there are no rows
     * @throws IllegalArgumentException as {@link #reliability} does
     * @throws NullPointerException if an array is null
     */
    public static double expectedCalibrationError(float[] probabilities, int[] labels, int classes, int bins) {
        return expectedCalibrationError(reliability(probabilities, labels, classes, bins));
    }

    /**
     * Expected calibration error of reliability bins.
     *
     * @param bins bins as {@link #reliability} returns them, not null
     * @return {@code sum_b (n_b / n) |accuracy_b - confidence_b|} over the non-empty bins; NaN when
     *     all bins are empty
     * @throws NullPointerException if {@code bins} or an element is null
     */
    public static double expectedCalibrationError(List<ReliabilityBin> bins) {
        long n = 0;
        double sum = 0;
        for (ReliabilityBin b : bins) {
            if (b.count() > 0) {
                n += b.count();
                sum += b.count() * Math.abs(b.accuracy() - b.meanConfidence());
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Mean negative log-likelihood of the labels, each probability clamped to at least 1e-12.
     *
     * @param probabilities {@code [n][classes]} row-major
     * @param labels the true class of each row
     * @param classes number of classes, positive
     * @return the mean of {@code -ln p(label)} in nats; NaN when there are no rows
     * @throws IllegalArgumentException if the lengths disagree or a label is out of range
     * @throws NullPointerException if an array is null
     */
    public static double negativeLogLikelihood(float[] probabilities, int[] labels, int classes) {
        check(probabilities, labels, classes);
        double s = 0;
        for (int i = 0; i < labels.length; i++) {
            s -= Math.log(Math.max(1e-12, probabilities[i * classes + labels[i]]));
        }
        return labels.length == 0 ? Double.NaN : s / labels.length;
    }

    static void check(float[] probabilities, int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("need at least 1 class, got " + classes);
        }
        if ((long) labels.length * classes != probabilities.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * classes
                    + " probabilities, got " + probabilities.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside [0, " + classes + ")");
            }
        }
        for (int i = 0; i < probabilities.length; i++) {
            if (!Float.isFinite(probabilities[i])) {
                throw new IllegalArgumentException("probability " + probabilities[i] + " of row " + (i / classes) + " is not finite");
            }
        }
    }
}
