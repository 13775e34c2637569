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
     * One optimisation step on {@code n} weighted samples: as {@link #trainStep(float[], int[], int)}
     * but the cross-entropy is the weighted mean {@code sum w_i ce_i / sum w_i} (so constant
     * weights give exactly the unweighted step).
     *
     * @param inputs the batch, as for {@link #trainStep(float[], int[], int)}
     * @param labels the class index of each sample, as for {@link #trainStep(float[], int[], int)}
     * @param weights the weight of each sample, at least {@code n} of them, each finite and at least
     *     0, not all 0; null for the unweighted step
     * @param n number of samples, positive
     * @return the weighted mean cross-entropy plus the L2 penalty, before the update
     * @throws IllegalArgumentException as {@link #trainStep(float[], int[], int)} does, and if a
     *     weight is negative or not finite, too few are given or they sum to 0
     * @throws UnsupportedOperationException if weights are given and this network does not support
     *     them (the default implementation supports only null)
     */
    default double trainStep(float[] inputs, int[] labels, float[] weights, int n) {
        if (weights != null) {
            throw new UnsupportedOperationException(getClass().getName() + " does not support sample weights");
        }
        return trainStep(inputs, labels, n);
    }

    /**
     * One optimisation step on {@code n} mixed samples (mixup): sample {@code i}'s target is
     * {@code lambda_i} on {@code labels_i} and {@code 1 - lambda_i} on {@code otherLabels_i} (the
     * caller mixes the inputs the same way); its loss
     * {@code lambda_i ce(labels_i) + (1 - lambda_i) ce(otherLabels_i)}, weighted as in
     * {@link #trainStep(float[], int[], float[], int)}.
     *
     * @param inputs the batch, as for {@link #trainStep(float[], int[], int)}
     * @param labels the first class of each sample, at least {@code n}, each in {@code [0, classes)}
     * @param otherLabels the second class of each sample, likewise
     * @param lambda the share of the first class of each sample, at least {@code n}, each in [0, 1]
     * @param weights sample weights as for {@link #trainStep(float[], int[], float[], int)}, or null
     * @param n number of samples, positive
     * @return the weighted mean mixed cross-entropy plus the L2 penalty, before the update
     * @throws IllegalArgumentException if an argument is out of range, null (but {@code weights})
     *     or too short
     * @throws UnsupportedOperationException if this network does not support mixed targets (the
     *     default implementation does not)
     */
    default double trainStepMixed(float[] inputs, int[] labels, int[] otherLabels, float[] lambda, float[] weights, int n) {
        throw new UnsupportedOperationException(getClass().getName() + " does not support mixed targets");
    }

    /**
     * Sets label smoothing for the following training steps: the target of a sample of class
     * {@code y} becomes {@code (1 - epsilon)} on {@code y} plus {@code epsilon / classes} on every
     * class. Prediction is unaffected.
     *
     * @param epsilon the smoothing, in [0, 1); 0 (the initial value) is the plain one-hot target
     * @throws IllegalArgumentException if {@code epsilon} is outside [0, 1) or NaN
     * @throws UnsupportedOperationException if {@code epsilon} is not 0 and this network does not
     *     support smoothing (the default implementation supports only 0)
     */
    default void setLabelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
        }
        if (epsilon != 0) {
            throw new UnsupportedOperationException(getClass().getName() + " does not support label smoothing");
        }
    }

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
