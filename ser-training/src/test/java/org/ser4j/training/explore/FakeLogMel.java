package org.ser4j.training.explore;

import java.util.Arrays;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;

/** A stand-in log-mel extractor: every value is the clip's first sample times 100, band b adds b. */
class FakeLogMel implements FeatureExtractor {
    private final FeatureConfig config = FeatureConfig.DEFAULT;
    int calls;

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
        calls++;
        float[] out = new float[featureLength()];
        Arrays.fill(out, samples.length == 0 ? 0 : samples[0] * 100);
        for (int b = 0; b < config.nMels(); b++) {
            for (int t = 0; t < config.frames(); t++) {
                out[b * config.frames() + t] += b;
            }
        }
        return out;
    }

    @Override
    public float[] extract(AudioClip clip) {
        return extract(clip.samples());
    }
}
