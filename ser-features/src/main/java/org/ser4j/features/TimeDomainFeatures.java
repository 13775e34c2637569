package org.ser4j.features;

import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.dsp.Rms;
import org.ser4j.features.dsp.ZeroCrossingRate;

/**
 * The reference notebook's time-domain features: {@code librosa.feature.zero_crossing_rate(y)}
 * followed by {@code librosa.feature.rms(y)} of the clip padded or cut to
 * {@link FeatureConfig#clipSamples()} (after removing leading and trailing silence when
 * {@link FeatureConfig#trimsSilence()}; off by default). Defaults: frame length = n_fft (2048 samples), hop 512,
 * centred frames (edge padding for ZCR, zero padding for RMS), ZCR threshold 1e-10.
 *
 * <p><b>Layout.</b> {@link #extract(float[])} returns {@code 2 * frames} floats (314 by default):
 * indices {@code [0, frames)} are the zero-crossing rates (dimensionless, crossings per sample)
 * and {@code [frames, 2 * frames)} the RMS values (sample units), both in frame order; with
 * {@link org.ser4j.core.model.UtteranceNormalization#CMVN} each of the two rows is then
 * standardised over the clip's own frames (dimensionless).
 *
 * <p>Immutable and thread-safe.
 */
public final class TimeDomainFeatures implements FeatureExtractor {
    private final FeatureConfig config;

    /**
     * An extractor for a configuration.
     *
     * @param config the parameters (sample rate, clip length, frame, hop, bands, dB range)
     * @throws IllegalArgumentException if {@code config} is null
     */
    public TimeDomainFeatures(FeatureConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        this.config = config;
    }

    /** An extractor with {@link FeatureConfig#DEFAULT}. */
    public TimeDomainFeatures() {
        this(FeatureConfig.DEFAULT);
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

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code samples} is null or a kept sample (after
     *     pad/trim) is not finite
     */
    @Override
    public float[] extract(float[] samples) {
        float[] trimmed = ClipInput.silenceTrimmed(samples, config);
        float[] y = ClipInput.fixedLengthUnchecked(trimmed, config);
        // RMS first: its sums of squares reject NaN and infinity without a separate scan
        float[] rms = Rms.compute(y, config.nFft(), config.hopLength());
        float[] zcr = ZeroCrossingRate.compute(y, config.nFft(), config.hopLength());
        float[] out = new float[2 * zcr.length];
        System.arraycopy(zcr, 0, out, 0, zcr.length);
        System.arraycopy(rms, 0, out, zcr.length, rms.length);
        ClipInput.normalizeUtterance(out, 2, trimmed.length, config);
        return out;
    }

    @Override
    public float[] extract(AudioClip clip) {
        return extract(ClipInput.atConfigRate(clip, config));
    }
}
