package org.ser4j.features;

import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;

/**
 * Turns audio into one model input. Implementations are immutable and thread-safe.
 */
public interface FeatureExtractor {
    /**
     * The feature space.
     *
     * @return which of the two feature spaces this extractor computes
     */
    FeatureKind kind();

    /**
     * The configuration.
     *
     * @return the parameters the features are computed with
     */
    FeatureConfig config();

    /**
     * The feature length.
     *
     * @return the number of floats {@link #extract(float[])} returns
     */
    int featureLength();

    /**
     * Features of samples that are already at {@code config().sampleRate()}; leading and trailing
     * silence is removed first when {@link FeatureConfig#trimsSilence()}, then they are
     * zero-padded at the end or cut to {@code config().clipSamples()}.
     *
     * @param samples mono samples at {@code config().sampleRate()}, nominally in [-1, 1]; not
     *     modified
     * @return a new array of {@link #featureLength()} floats, laid out as the implementation
     *     documents
     * @throws IllegalArgumentException if {@code samples} is null or holds a non-finite value
     */
    float[] extract(float[] samples);

    /**
     * Resamples the clip to {@code config().sampleRate()} if needed, pads or trims, and extracts.
     *
     * @param clip mono audio at any sample rate
     * @return a new array of {@link #featureLength()} floats, as {@link #extract(float[])}
     */
    float[] extract(AudioClip clip);
}
