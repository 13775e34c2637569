package org.ser4j.models;

import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;

/** Builds the feature extractor a model's metadata asks for. A seam so tests can substitute one. */
@FunctionalInterface
interface ExtractorFactory {
    /** The ser-features extractors: {@link TimeDomainFeatures} and {@link LogMelSpectrogram}. */
    ExtractorFactory SER4J = (kind, config) -> switch (kind) {
        case TIME_DOMAIN -> new TimeDomainFeatures(config);
        case LOG_MEL -> new LogMelSpectrogram(config);
    };

    /** An extractor of the given kind and configuration. */
    FeatureExtractor create(FeatureKind kind, FeatureConfig config);
}
