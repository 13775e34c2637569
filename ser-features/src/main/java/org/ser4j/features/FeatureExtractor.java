package org.ser4j.features;

import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;

/**
 * Turns audio into one model input. Implementations are immutable and thread-safe.
 */
public interface FeatureExtractor {
    /** Which feature space this is. */
    FeatureKind kind();

    /** The configuration. */
    FeatureConfig config();

    /** Number of floats {@link #extract(float[])} returns. */
    int featureLength();

    /**
     * Features of samples that are already at {@code config().sampleRate()}; they are zero-padded
     * at the end or trimmed to {@code config().clipSamples()} first.
     */
    float[] extract(float[] samples);

    /** Resamples the clip to {@code config().sampleRate()} if needed, pads or trims, and extracts. */
    float[] extract(AudioClip clip);
}
