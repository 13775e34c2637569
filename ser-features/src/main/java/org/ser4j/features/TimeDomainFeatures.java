package org.ser4j.features;

import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;

/** 157 ZCR values then 157 RMS values. (Contract stub: implementation pending.) */
public final class TimeDomainFeatures implements FeatureExtractor {
    private final FeatureConfig config;

    /** An extractor for the configuration. */
    public TimeDomainFeatures(FeatureConfig config) {
        this.config = config;
    }

    @Override
    public FeatureKind kind() {
        return FeatureKind.TIME_DOMAIN;
    }

    @Override
    public FeatureConfig config() {
        return config;
    }

    @Override
    public int featureLength() {
        return 2 * config.frames();
    }

    @Override
    public float[] extract(float[] samples) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    @Override
    public float[] extract(AudioClip clip) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
