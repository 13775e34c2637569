package org.ser4j.training;

import org.ser4j.core.Emotion;
import org.ser4j.training.nn.Network;

/**
 * A network's predictions on a labelled set: confusion counts, accuracy and mean cross-entropy.
 * Immutable.
 */
public final class NetworkEvaluation {
    /** Samples predicted per call to {@link Network#predict}, bounding the memory of evaluation. */
    static final int PREDICT_CHUNK = 128;

    private final long[][] confusion;
    private final double meanCrossEntropy;
    private final int size;

    private NetworkEvaluation(long[][] confusion, double meanCrossEntropy, int size) {
        this.confusion = confusion;
        this.meanCrossEntropy = meanCrossEntropy;
        this.size = size;
    }

    /**
     * Evaluates {@code net} on every sample of {@code set}.
     *
     * <p>The prediction of a sample is the class with the highest probability (the lowest ordinal
     * on a tie); samples are predicted in chunks of 128.
     *
     * @param net the network to score; only {@link Network#predict} is called
     * @param set labelled inputs, already standardised as the network expects; may be empty
     * @return the confusion counts and mean cross-entropy (NaN accuracy and cross-entropy when
     *     {@code set} is empty)
     * @throws IllegalArgumentException if the set's feature length differs from
     *     {@link Network#inputLength()}
     */
    public static NetworkEvaluation of(Network net, FeatureSet set) {
        return of(net, set, null);
    }

    /** Evaluates {@code net} on the samples {@code indices} of {@code set} (all when null). */
    static NetworkEvaluation of(Network net, FeatureSet set, int[] indices) {
        int[] order = indices;
        if (order == null) {
            order = new int[set.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
        }
        float[] p = probabilities(net, set, order);
        int[] labels = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            labels[i] = set.labels()[order[i]];
        }
        return fromProbabilities(p, labels);
    }

    /**
     * The network's class probabilities for samples {@code order} of {@code set}, row-major
     * {@code [order.length][Emotion.COUNT]}, predicted in chunks of {@value #PREDICT_CHUNK}.
     */
    static float[] probabilities(Network net, FeatureSet set, int[] order) {
        if (set.featureLength() != net.inputLength()) {
            throw new IllegalArgumentException("inputs have " + set.featureLength() + " values, the network takes " + net.inputLength());
        }
        int n = order.length;
        int len = set.featureLength();
        float[] out = new float[n * Emotion.COUNT];
        float[] x = new float[Math.min(PREDICT_CHUNK, Math.max(n, 1)) * len];
        int[] y = new int[PREDICT_CHUNK];
        for (int from = 0; from < n; from += PREDICT_CHUNK) {
            int count = Math.min(PREDICT_CHUNK, n - from);
            set.gather(order, from, count, x, y);
            float[] p = net.predict(x, count);
            System.arraycopy(p, 0, out, from * Emotion.COUNT, count * Emotion.COUNT);
        }
        return out;
    }

    /** Every sample of {@code set}, in order: {@link #probabilities(Network, FeatureSet, int[])}. */
    static float[] probabilities(Network net, FeatureSet set) {
        int[] order = new int[set.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return probabilities(net, set, order);
    }

    /**
     * The evaluation of given probabilities: the prediction of a sample is the class with the
     * highest probability (the lowest ordinal on a tie).
     */
    static NetworkEvaluation fromProbabilities(float[] p, int[] labels) {
        int n = labels.length;
        long[][] confusion = new long[Emotion.COUNT][Emotion.COUNT];
        double ce = 0;
        for (int j = 0; j < n; j++) {
            int best = 0;
            for (int c = 1; c < Emotion.COUNT; c++) {
                if (p[j * Emotion.COUNT + c] > p[j * Emotion.COUNT + best]) {
                    best = c;
                }
            }
            confusion[labels[j]][best]++;
            ce -= Math.log(Math.max(p[j * Emotion.COUNT + labels[j]], 1e-12f));
        }
        return new NetworkEvaluation(confusion, n == 0 ? Double.NaN : ce / n, n);
    }

    /**
     * Counts: row = actual emotion ordinal, column = predicted. A copy.
     *
     * @return a new {@code [Emotion.COUNT][Emotion.COUNT]} array, {@code [actual][predicted]},
     *     summing to {@link #size()}
     */
    public long[][] confusion() {
        long[][] c = new long[Emotion.COUNT][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    /**
     * Fraction predicted correctly (NaN on an empty set).
     *
     * @return the confusion diagonal over {@link #size()}, in [0, 1], or NaN
     */
    public double accuracy() {
        if (size == 0) {
            return Double.NaN;
        }
        long ok = 0;
        for (int i = 0; i < Emotion.COUNT; i++) {
            ok += confusion[i][i];
        }
        return ok / (double) size;
    }

    /**
     * Mean cross-entropy of the true labels (NaN on an empty set).
     *
     * @return the mean of {@code -ln p(true class)} in nats, each probability clamped to at least
     *     1e-12 (so at most about 27.6 per sample), without any L2 penalty; or NaN
     */
    public double meanCrossEntropy() {
        return meanCrossEntropy;
    }

    /**
     * Number of samples evaluated.
     *
     * @return how many samples the confusion counts cover, 0 or more
     */
    public int size() {
        return size;
    }
}
