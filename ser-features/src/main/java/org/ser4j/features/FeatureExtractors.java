package org.ser4j.features;

import java.util.Objects;
import org.ser4j.core.model.FeatureKind;

/**
 * The one place that maps a {@link FeatureKind} to its extractor: training (ser-training's
 * pipeline and feature cache) and inference (ser-models) both create their extractors here, so
 * that a model is always served the features it was trained on. A new feature space is a new
 * {@link FeatureKind}, its extractor class, and one case here.
 */
public final class FeatureExtractors {
    private FeatureExtractors() {
    }

    /**
     * A new extractor for a feature kind.
     *
     * @param kind the feature space
     * @param config the settings (sample rate, clip length, frame, hop, mel bands, dB floor)
     * @return {@link TimeDomainFeatures} for {@link FeatureKind#TIME_DOMAIN},
     *     {@link LogMelSpectrogram} for {@link FeatureKind#LOG_MEL}; thread-safe
     * @throws NullPointerException if an argument is null
     */
    public static FeatureExtractor forKind(FeatureKind kind, FeatureConfig config) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(config, "config");
        return switch (kind) {
            case TIME_DOMAIN -> new TimeDomainFeatures(config);
            case LOG_MEL -> new LogMelSpectrogram(config);
        };
    }
}
