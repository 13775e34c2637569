package org.ser4j.models;

import java.util.Arrays;
import java.util.List;
import org.ser4j.core.Emotion;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.core.model.Temperature;

/**
 * One model, or several whose probabilities are mixed with fixed weights and then calibrated by
 * the mix's own temperature (each model's temperature, from its metadata, is applied inside
 * {@link OnnxModel}). Owns the models: {@link #close()} closes them. Does not close them when its
 * constructor fails; the caller, who opened them, does.
 */
final class WeightedEnsemble implements AutoCloseable {
    private final List<OnnxModel> models;
    private final float[] weights;
    /** Calibration of the weighted mix (1: none). */
    private final double temperature;

    /**
     * @throws IllegalArgumentException if there is no model, the models disagree on sample rate
     *     or window, the weights are not one non-negative finite value per model with a positive
     *     sum, or the temperature is not positive and finite
     */
    WeightedEnsemble(List<OnnxModel> models, float[] weights, double temperature) {
        this.temperature = Temperature.check(temperature);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a classifier needs at least one model");
        }
        ModelMetadata first = models.get(0).metadata();
        for (OnnxModel m : models) {
            if (m.metadata().sampleRate() != first.sampleRate() || m.metadata().clipSamples() != first.clipSamples()) {
                throw new IllegalArgumentException("models of one classifier must share sample rate and clip length: "
                        + models.get(0).name() + " has " + first.sampleRate() + " Hz / " + first.clipSamples()
                        + " samples, " + m.name() + " has " + m.metadata().sampleRate() + " Hz / "
                        + m.metadata().clipSamples() + " samples");
            }
        }
        this.weights = normalisedWeights(weights, models.size());
        this.models = List.copyOf(models);
    }

    private static float[] normalisedWeights(float[] weights, int count) {
        if (weights.length != count) {
            throw new IllegalArgumentException("expected " + count + " ensemble weights, got " + weights.length);
        }
        double sum = 0;
        for (float w : weights) {
            if (!Float.isFinite(w) || w < 0) {
                throw new IllegalArgumentException("ensemble weights must be finite and non-negative: " + Arrays.toString(weights));
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("ensemble weights must not all be zero");
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (weights[i] / sum);
        }
        return out;
    }

    /** The models, in the order of {@link #weights()}. */
    List<OnnxModel> models() {
        return models;
    }

    /** Each model's metadata, in the order of {@link #weights()}. */
    List<ModelMetadata> metadata() {
        return models.stream().map(OnnxModel::metadata).toList();
    }

    /** A fresh copy of the normalised weights. */
    float[] weights() {
        return weights.clone();
    }

    /** The sample rate all models share, Hz. */
    int sampleRate() {
        return models.get(0).metadata().sampleRate();
    }

    /** The window all models share, samples. */
    int windowSamples() {
        return models.get(0).metadata().clipSamples();
    }

    /**
     * Weighted sum over models of each window's probabilities, then the mix's temperature.
     *
     * @param featuresPerModel for each model (in order), the features of the same windows
     * @param batchSize windows per ONNX Runtime call
     */
    float[][] combine(List<List<float[]>> featuresPerModel, int batchSize) {
        int n = featuresPerModel.get(0).size();
        float[][] combined = new float[n][Emotion.COUNT];
        for (int m = 0; m < models.size(); m++) {
            float[][] p = models.get(m).probabilities(featuresPerModel.get(m), batchSize);
            float w = weights[m];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < Emotion.COUNT; c++) {
                    combined[i][c] += w * p[i][c];
                }
            }
        }
        if (temperature != 1.0) {
            for (float[] row : combined) {
                Temperature.applyInPlace(row, Emotion.COUNT, temperature);
            }
        }
        return combined;
    }

    /** Closes every model. */
    @Override
    public void close() {
        models.forEach(OnnxModel::close);
    }
}
