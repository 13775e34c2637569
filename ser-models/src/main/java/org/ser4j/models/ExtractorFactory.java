package org.ser4j.models;

import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureExtractors;

/** Builds the feature extractor a model's metadata asks for. A seam so tests can substitute one. */
@FunctionalInterface
interface ExtractorFactory {
    /** The one mapping of ser-features ({@link FeatureExtractors#forKind}). */
    ExtractorFactory SER4J = FeatureExtractors::forKind;

    /** An extractor of the given kind and configuration. */
    FeatureExtractor create(FeatureKind kind, FeatureConfig config);
}
