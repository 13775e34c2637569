package org.ser4j.training.nn;

import org.ser4j.core.model.FeatureKind;

/**
 * The two reference architectures of the notebook, with its L2 factors.
 *
 * <p>Time model (input {@code [1, 314]}): Conv1D 16 k3, MaxPool1D 2, Conv1D 32 k3, Conv1D 32 k5,
 * Conv1D 64 k7 (all valid, ReLU, L2 0.1), MaxPool1D 2, Flatten, Dense 64 ReLU (L2 0.003),
 * Dense 32 ReLU (L2 0.001), Dense 6 softmax: 318,438 parameters. Adam learning rate 2.5e-3.
 *
 * <p>Mel model (input {@code [1, 128, 157]}): Conv2D 16, 32, 64 3x3 valid, 64 5x5 same (L2 0.05),
 * 128 5x5 same (L2 0.05), 128 7x7 same (L2 0.05), each ReLU then MaxPool2D 2; Flatten, Dense 128
 * ReLU (L2 0.1), Dense 64 ReLU (L2 0.01), Dense 6 softmax: 1,175,174 parameters. Adam 1e-3.
 */
public final class Architectures {
    /** Default Adam learning rate of the time model. */
    public static final double TIME_LEARNING_RATE = 2.5e-3;
    /** Default Adam learning rate of the mel model. */
    public static final double MEL_LEARNING_RATE = 1e-3;
    /** Samples each worker processes at once; bounds memory independently of the batch size. */
    public static final int DEFAULT_CHUNK = 32;
    /** Time-domain input length (157 ZCR + 157 RMS frames). */
    public static final int TIME_LENGTH = 314;
    /** Mel bands of the mel input. */
    public static final int MEL_BANDS = 128;
    /** Frames of the mel input. */
    public static final int MEL_FRAMES = 157;
    /** Number of output classes. */
    public static final int CLASSES = 6;

    private Architectures() {
    }

    /**
     * Builds a freshly initialised network.
     *
     * @param kind which architecture
     * @param l2Scale multiplies the notebook's L2 factors (1 = notebook, 0 = no penalty)
     * @param seed initialisation seed
     * @param threads worker threads (at least 1)
     * @return a {@link SequentialNetwork} with Glorot-uniform kernels, zero biases, chunks of
     *     {@value #DEFAULT_CHUNK} samples and the kind's default learning rate
     *     ({@value #TIME_LEARNING_RATE} or {@value #MEL_LEARNING_RATE})
     * @throws IllegalArgumentException if {@code kind} is null, {@code l2Scale} is negative, NaN or
     *     infinite, {@code threads} is below 1, or the workers' buffers would need more than 80 % of
     *     the maximum heap
     */
    public static Network build(FeatureKind kind, double l2Scale, long seed, int threads) {
        if (kind == null) {
            throw new IllegalArgumentException("feature kind must not be null");
        }
        if (!(l2Scale >= 0) || Double.isInfinite(l2Scale)) {
            throw new IllegalArgumentException("l2Scale must be finite and >= 0, got " + l2Scale);
        }
        SequentialNetwork net = builder(kind, l2Scale).build(seed, threads, DEFAULT_CHUNK);
        net.setLearningRate(kind == FeatureKind.TIME_DOMAIN ? TIME_LEARNING_RATE : MEL_LEARNING_RATE);
        return net;
    }

    /**
     * The layer description of an architecture (for tests and custom chunk sizes).
     *
     * @param kind {@link FeatureKind#TIME_DOMAIN} for the time model; any other value, null
     *     included, gives the mel model (unlike {@link #build}, nothing is checked)
     * @param l2Scale multiplies the notebook's L2 factors (1 = notebook, 0 = no penalty); not
     *     checked here
     * @return a new builder holding every layer; call {@link NetworkBuilder#build} to
     *     create the network
     */
    public static NetworkBuilder builder(FeatureKind kind, double l2Scale) {
        double s = l2Scale;
        if (kind == FeatureKind.TIME_DOMAIN) {
            return SequentialNetwork.builder(kind, 1, 1, TIME_LENGTH)
                    .conv1d(16, 3, false, 0.1 * s)
                    .maxPool1d(2)
                    .conv1d(32, 3, false, 0.1 * s)
                    .conv1d(32, 5, false, 0.1 * s)
                    .conv1d(64, 7, false, 0.1 * s)
                    .maxPool1d(2)
                    .flatten()
                    .dense(64, true, 0.003 * s)
                    .dense(32, true, 0.001 * s)
                    .dense(CLASSES, false, 0);
        }
        return SequentialNetwork.builder(kind, 1, MEL_BANDS, MEL_FRAMES)
                .conv2d(16, 3, 3, false, 0).maxPool2d(2, 2)
                .conv2d(32, 3, 3, false, 0).maxPool2d(2, 2)
                .conv2d(64, 3, 3, false, 0).maxPool2d(2, 2)
                .conv2d(64, 5, 5, true, 0.05 * s).maxPool2d(2, 2)
                .conv2d(128, 5, 5, true, 0.05 * s).maxPool2d(2, 2)
                .conv2d(128, 7, 7, true, 0.05 * s).maxPool2d(2, 2)
                .flatten()
                .dense(128, true, 0.1 * s)
                .dense(64, true, 0.01 * s)
                .dense(CLASSES, false, 0);
    }
}
