package org.ser4j.training.nn;

import java.util.List;
import org.ser4j.core.model.FeatureKind;

/**
 * A trainable classifier network with its Adam optimiser state: the contract between the
 * training engine and the trainer.
 *
 * <p>Inputs are row-major batches: sample {@code i} occupies
 * {@code inputs[i * inputLength() .. (i + 1) * inputLength())}, in the model's input layout
 * ({@code [1, 314]} or {@code [1, 128, 157]}, channel first). Not thread-safe: one thread drives a
 * network; the network splits its own work across its configured worker threads, which
 * {@link #close()} stops (they are daemon threads, so forgetting to close does not block JVM exit).
 */
public interface Network extends AutoCloseable {
    /** Which features the network takes. */
    FeatureKind kind();

    /** Floats per input sample. */
    int inputLength();

    /** Number of trainable parameters (318,438 for the time model, 1,175,174 for the mel model). */
    long parameterCount();

    /**
     * One optimisation step on {@code n} samples: forward, backward and an Adam update. Large
     * batches are processed in chunks with accumulated gradients so that memory stays bounded.
     *
     * @return mean cross-entropy over the batch plus the L2 penalty
     */
    double trainStep(float[] inputs, int[] labels, int n);

    /** Class probabilities, {@code n * 6} floats row-major, in {@code Emotion} order. */
    float[] predict(float[] inputs, int n);

    /** Sets Adam's learning rate. */
    void setLearningRate(double learningRate);

    /** A copy of all trainable parameters (for keeping the best epoch). */
    float[] parameters();

    /** Restores parameters previously taken with {@link #parameters()}. */
    void loadParameters(float[] parameters);

    /**
     * The layers with copies of their parameters, in order, for export; the network applies
     * softmax after the last one.
     *
     * @throws UnsupportedOperationException if this network cannot describe itself
     */
    default List<LayerSpec> layers() {
        throw new UnsupportedOperationException(getClass().getName() + " cannot describe its layers");
    }

    /** Releases the worker threads. The network must not be used afterwards. */
    @Override
    default void close() {
    }
}
