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
    /**
     * Which features the network takes.
     *
     * @return the feature kind; may be null for a custom network that is not one of the reference
     *     architectures (see {@link SequentialNetwork#builder})
     */
    FeatureKind kind();

    /**
     * Floats per input sample.
     *
     * @return channels x height x width of one input (314 for the time model, 128 x 157 = 20,096
     *     for the mel model)
     */
    int inputLength();

    /**
     * Number of trainable parameters (318,438 for the time model, 1,175,174 for the mel model).
     *
     * @return the length of {@link #parameters()}
     */
    long parameterCount();

    /**
     * One optimisation step on {@code n} samples: forward, backward and an Adam update. Large
     * batches are processed in chunks with accumulated gradients so that memory stays bounded.
     *
     * @param inputs the batch, {@code [n][inputLength()]} row-major; at least
     *     {@code n * inputLength()} floats (any further ones are ignored), all finite
     * @param labels the class index of each sample ({@code Emotion} ordinal), at least {@code n} of
     *     them, each in {@code [0, classes)}
     * @param n number of samples, positive
     * @return mean cross-entropy (natural log) over the batch plus the L2 penalty, both computed
     *     with the parameters before the update
     * @throws IllegalArgumentException if {@code n} is not positive, an array is null or too short,
     *     an input is not finite or a label is out of range (nothing is updated then)
     */
    double trainStep(float[] inputs, int[] labels, int n);

    /**
     * Class probabilities, {@code n * 6} floats row-major, in {@code Emotion} order.
     *
     * @param inputs the samples, {@code [n][inputLength()]} row-major; at least
     *     {@code n * inputLength()} floats (any further ones are ignored), all finite
     * @param n number of samples, positive
     * @return a new {@code [n][classes]} array, row-major; each row is a softmax and sums to about 1
     * @throws IllegalArgumentException if {@code n} is not positive, {@code inputs} is null or too
     *     short, or an input is not finite
     */
    float[] predict(float[] inputs, int n);

    /**
     * Sets Adam's learning rate.
     *
     * @param learningRate the step size of the next updates, positive and finite; Adam's moment
     *     estimates and step count are kept
     * @throws IllegalArgumentException if {@code learningRate} is not positive and finite
     */
    void setLearningRate(double learningRate);

    /**
     * A copy of all trainable parameters (for keeping the best epoch).
     *
     * @return a new array of {@link #parameterCount()} floats: the layers in order, each its kernel
     *     then its bias
     */
    float[] parameters();

    /**
     * Restores parameters previously taken with {@link #parameters()}.
     *
     * @param parameters exactly {@link #parameterCount()} floats in the layout of
     *     {@link #parameters()}; copied. Adam's moment estimates and step count are not restored
     * @throws IllegalArgumentException if {@code parameters} is null or has the wrong length
     */
    void loadParameters(float[] parameters);

    /**
     * The layers with copies of their parameters, in order, for export; the network applies
     * softmax after the last one.
     *
     * @return an unmodifiable list, first layer first; convolution+pooling layers fused for speed
     *     appear as two specs
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
