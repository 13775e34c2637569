package org.ser4j.features;

import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;

/** 128 x 157 log-mel dB values, row = mel band, column = frame. (Contract stub: implementation pending.) */
public final class LogMelSpectrogram implements FeatureExtractor {
    private final FeatureConfig config;

    /** An extractor for the configuration. */
    public LogMelSpectrogram(FeatureConfig config) {
        this.config = config;
    }

    @Override
    public FeatureKind kind() {
        return FeatureKind.LOG_MEL;
    }

    @Override
    public FeatureConfig config() {
        return config;
    }

    @Override
    public int featureLength() {
        return config.nMels() * config.frames();
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
