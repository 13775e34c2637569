package org.ser4j.models;

import java.util.concurrent.atomic.AtomicInteger;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;

/**
 * A stand-in feature extractor for tests that must not depend on the real DSP: the clip is
 * zero-padded or trimmed to the configured length, cut into as many equal segments as the model
 * has inputs, and each feature is 10 times the mean absolute sample of its segment. Cheap,
 * deterministic and sensitive to where sound is in the window.
 */
final class SegmentMeanExtractor implements FeatureExtractor {
    static final ExtractorFactory FACTORY = SegmentMeanExtractor::new;

    private final FeatureKind kind;
    private final FeatureConfig config;
    /** Incremented by every {@link #extract(float[])} call. */
    private final AtomicInteger extractions;

    SegmentMeanExtractor(FeatureKind kind, FeatureConfig config) {
        this(kind, config, new AtomicInteger());
    }

    private SegmentMeanExtractor(FeatureKind kind, FeatureConfig config, AtomicInteger extractions) {
        this.kind = kind;
        this.config = config;
        this.extractions = extractions;
    }

    /** A factory whose extractors all count their extractions in {@code extractions}. */
    static ExtractorFactory counting(AtomicInteger extractions) {
        return (kind, config) -> new SegmentMeanExtractor(kind, config, extractions);
    }

    @Override
    public FeatureKind kind() {
        return kind;
    }

    @Override
    public FeatureConfig config() {
        return config;
    }

    @Override
    public int featureLength() {
        return kind == FeatureKind.TIME_DOMAIN ? 2 * config.frames() : config.nMels() * config.frames();
    }

    @Override
    public float[] extract(float[] samples) {
        extractions.incrementAndGet();
        int n = featureLength();
        int clip = config.clipSamples();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            int from = (int) ((long) i * clip / n);
            int to = (int) ((long) (i + 1) * clip / n);
            double s = 0;
            for (int j = from; j < to && j < samples.length; j++) {
                s += Math.abs(samples[j]);
            }
            out[i] = (float) (10 * s / Math.max(1, to - from));
        }
        return out;
    }

    @Override
    public float[] extract(AudioClip clip) {
        return extract(clip.samples());
    }
}
