package org.ser4j.models;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;

/**
 * Windowing and timeline assembly: cuts model-rate samples into the model windows
 * ({@link Windows}), extracts each model's features (once per window for all models that share a
 * feature kind and settings, such as the seeds of a seed ensemble), runs them through the ensemble
 * a batch at a time and assembles the {@link Timeline}. Stateless apart from its settings; thread-safe while
 * the ensemble is open.
 */
final class WindowedInference {
    private final WeightedEnsemble ensemble;
    private final int windowSamples;
    private final int hopSamples;
    private final int batchSize;
    private final int sampleRate;
    /** For each model, the first model with the same {@link OnnxModel#featureKey()}: whose raw features it reuses. */
    private final int[] rawFeaturesOf;

    WindowedInference(WeightedEnsemble ensemble, int hopSamples, int batchSize) {
        this.ensemble = ensemble;
        List<OnnxModel> models = ensemble.models();
        this.rawFeaturesOf = new int[models.size()];
        for (int i = 0; i < models.size(); i++) {
            int first = 0;
            while (!models.get(first).featureKey().equals(models.get(i).featureKey())) {
                first++;
            }
            rawFeaturesOf[i] = first;
        }
        this.windowSamples = ensemble.windowSamples();
        this.sampleRate = ensemble.sampleRate();
        if (hopSamples > windowSamples) {
            throw new IllegalArgumentException("hop of " + hopSamples + " samples exceeds the model window of "
                    + windowSamples + " samples; audio between windows would be skipped");
        }
        this.hopSamples = hopSamples;
        this.batchSize = batchSize;
    }

    /** Windows per inference batch. */
    int batchSize() {
        return batchSize;
    }

    /** Number of models whose features {@link #features} returns. */
    int modelCount() {
        return ensemble.models().size();
    }

    /** Number of model windows of a clip of {@code length} model-rate samples. */
    int windowCount(int length) {
        return Windows.count(length, windowSamples, hopSamples);
    }

    /** Features of windows {@code from .. from+count-1} of {@code samples}, per model. */
    List<List<float[]>> features(float[] samples, int from, int count) {
        List<List<float[]>> features = new ArrayList<>(rawFeaturesOf.length);
        for (int i = 0; i < rawFeaturesOf.length; i++) {
            features.add(new ArrayList<>(count));
        }
        for (int w = from; w < from + count; w++) {
            addFeatures(Windows.slice(samples, w, windowSamples, hopSamples), features);
        }
        return features;
    }

    /** Appends one window's standardised features to each model's list, extracting once per feature key. */
    private void addFeatures(float[] window, List<List<float[]>> featuresPerModel) {
        List<OnnxModel> models = ensemble.models();
        float[][] raw = new float[models.size()][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rawFeaturesOf[i] == i ? models.get(i).rawFeatures(window) : raw[rawFeaturesOf[i]];
            featuresPerModel.get(i).add(models.get(i).standardised(raw[i]));
        }
    }

    /**
     * The ensemble's probabilities of one window, computed as {@link #timeline} computes each
     * window's (the same features; a batch of one instead of {@link #batchSize()}).
     *
     * @param window the window's samples at the model rate, cut at the end of the audio as
     *     {@link Windows#slice} cuts them
     */
    float[] probabilities(float[] window) {
        List<List<float[]>> features = new ArrayList<>(rawFeaturesOf.length);
        for (int i = 0; i < rawFeaturesOf.length; i++) {
            features.add(new ArrayList<>(1));
        }
        addFeatures(window, features);
        return combine(features)[0];
    }

    /** The ensemble's probabilities of each window whose features are given (per model). */
    float[][] combine(List<List<float[]>> featuresPerModel) {
        return ensemble.combine(featuresPerModel, batchSize);
    }

    /** Streams a clip's windows through the models a batch at a time. */
    Timeline timeline(float[] samples) {
        int n = windowCount(samples.length);
        float[][] combined = new float[n][];
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            float[][] part = combine(features(samples, from, count));
            System.arraycopy(part, 0, combined, from, count);
        }
        return assemble(combined, 0, n, samples.length);
    }

    /** The timeline of windows {@code offset .. offset+n-1} of {@code combined} for a clip of {@code length} samples. */
    Timeline assemble(float[][] combined, int offset, int n, int length) {
        List<WindowPrediction> windows = new ArrayList<>(n);
        double[] sum = new double[Emotion.COUNT];
        for (int w = 0; w < n; w++) {
            float[] p = combined[offset + w];
            long start = Windows.start(w, hopSamples);
            long end = Math.min(start + windowSamples, length);
            windows.add(new WindowPrediction(start / (double) sampleRate, end / (double) sampleRate, Prediction.of(p)));
            for (int c = 0; c < Emotion.COUNT; c++) {
                sum[c] += p[c];
            }
        }
        float[] mean = new float[Emotion.COUNT];
        for (int c = 0; c < Emotion.COUNT; c++) {
            mean[c] = (float) (sum[c] / n);
        }
        return new Timeline(windows, Prediction.of(mean), length / (double) sampleRate);
    }
}
