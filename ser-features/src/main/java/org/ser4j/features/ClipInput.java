package org.ser4j.features;

import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.Resampler;
import org.ser4j.features.dsp.FixedLength;

/** Input preparation shared by the extractors: rate conversion, checks and pad/trim. */
final class ClipInput {
    private ClipInput() {
    }

    /** The clip's samples at the config's rate; skips the resampler when the rate already matches. */
    static float[] atConfigRate(AudioClip clip, FeatureConfig config) {
        if (clip == null) {
            throw new IllegalArgumentException("clip must not be null");
        }
        AudioClip at = clip.sampleRate() == config.sampleRate() ? clip : Resampler.resample(clip, config.sampleRate());
        return at.samples();
    }

    /**
     * Pads or trims the samples to {@code config.clipSamples()}; a clip that already has that
     * length is returned as is (the extractors never write to their input). No finiteness scan:
     * the extractors detect NaN and infinity in their own outputs (RMS sums, mel values) and only
     * then locate the offending sample.
     */
    static float[] fixedLengthUnchecked(float[] samples, FeatureConfig config) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        return samples.length == config.clipSamples() ? samples : FixedLength.padOrTrim(samples, config.clipSamples());
    }
}
