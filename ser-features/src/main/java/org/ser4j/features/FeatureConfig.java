package org.ser4j.features;

import org.ser4j.core.model.UtteranceNormalization;

/**
 * Parameters shared by the feature extractors; {@link #DEFAULT} is the reference notebook's
 * (librosa 0.10 defaults at 16 kHz, clips padded to 80,080 samples, no silence trimming).
 *
 * <p><b>Pipeline.</b> An extractor takes the samples at {@code sampleRate}; when
 * {@code trimTopDb > 0} it first removes leading and trailing silence as
 * {@code librosa.effects.trim(y, top_db=trimTopDb, ref=np.max, frame_length=nFft,
 * hop_length=hopLength)} does, looking at the first {@link #trimSpanSamples()} samples only (twice
 * the clip length, so that the cost stays bounded on long recordings; for the clips of a corpus and
 * for the windows of a classifier this is the whole input). It then zero-pads at the end, or cuts,
 * to {@code clipSamples} and computes the features. With
 * {@link UtteranceNormalization#CMVN} it finally normalises every feature row over the clip's own
 * frames (see that constant).
 *
 * @param sampleRate rate the features are computed at, Hz (default 16000)
 * @param clipSamples clip length after zero-padding at the end or cutting, samples (80080)
 * @param nFft FFT size and frame length, samples (2048)
 * @param hopLength hop between frames, samples (512)
 * @param nMels number of mel bands (128)
 * @param topDb dynamic range kept by power-to-dB below the maximum, dB (80)
 * @param trimTopDb silence trimming threshold in dB below the loudest frame's RMS, or 0 for no
 *     trimming (0; librosa's own default threshold is 60)
 * @param utteranceNormalization per-utterance normalisation of the features ({@code NONE})
 */
public record FeatureConfig(int sampleRate, int clipSamples, int nFft, int hopLength, int nMels, double topDb,
        double trimTopDb, UtteranceNormalization utteranceNormalization) {
    /** The notebook's configuration (no silence trimming, no per-utterance normalisation). */
    public static final FeatureConfig DEFAULT = new FeatureConfig(16000, 80080, 2048, 512, 128, 80.0, 0.0,
            UtteranceNormalization.NONE);

    /**
     * Checks the arguments.
     *
     * @param sampleRate rate the features are computed at, Hz
     * @param clipSamples clip length after padding or cutting, samples
     * @param nFft FFT size and frame length, samples
     * @param hopLength hop between frames, samples
     * @param nMels number of mel bands
     * @param topDb dynamic range kept below the maximum, dB
     * @param trimTopDb silence trimming threshold in dB, or 0 for none
     * @param utteranceNormalization per-utterance normalisation, not null
     * @throws IllegalArgumentException if a parameter other than {@code trimTopDb} is not positive,
     *     {@code trimTopDb} is negative or not finite, or {@code utteranceNormalization} is null
     */
    public FeatureConfig {
        if (sampleRate <= 0 || clipSamples <= 0 || nFft <= 0 || hopLength <= 0 || nMels <= 0 || !(topDb > 0)) {
            throw new IllegalArgumentException("all feature parameters must be positive: "
                    + summary(sampleRate, clipSamples, nFft, hopLength, nMels, topDb, trimTopDb));
        }
        if (!(trimTopDb >= 0) || Double.isInfinite(trimTopDb)) {
            throw new IllegalArgumentException("the silence trimming threshold must be 0 (none) or a positive number of dB, got "
                    + trimTopDb);
        }
        if (utteranceNormalization == null) {
            throw new IllegalArgumentException("utteranceNormalization must not be null (use NONE)");
        }
    }

    /**
     * The feature settings a model's metadata describes: the one mapping serving and
     * quantisation use, so that they extract what the model was trained on.
     *
     * @param metadata the model's metadata, not null
     * @return its sample rate, clip length, FFT size, hop, mel bands, dB range, silence trimming
     *     and utterance normalisation
     * @throws IllegalArgumentException if the settings are invalid (see the canonical constructor)
     */
    public static FeatureConfig of(org.ser4j.core.model.ModelMetadata metadata) {
        return new FeatureConfig(metadata.sampleRate(), metadata.clipSamples(), metadata.nFft(), metadata.hopLength(),
                metadata.nMels(), metadata.topDb(), metadata.trimTopDb(), metadata.utteranceNormalization());
    }

    /**
     * A configuration without per-utterance normalisation.
     *
     * @param sampleRate rate the features are computed at, Hz
     * @param clipSamples clip length after padding or cutting, samples
     * @param nFft FFT size and frame length, samples
     * @param hopLength hop between frames, samples
     * @param nMels number of mel bands
     * @param topDb dynamic range kept below the maximum, dB
     * @param trimTopDb silence trimming threshold in dB, or 0 for none
     * @throws IllegalArgumentException as the canonical constructor
     */
    public FeatureConfig(int sampleRate, int clipSamples, int nFft, int hopLength, int nMels, double topDb,
            double trimTopDb) {
        this(sampleRate, clipSamples, nFft, hopLength, nMels, topDb, trimTopDb, UtteranceNormalization.NONE);
    }

    /**
     * A configuration without silence trimming (as every model before trimming existed).
     *
     * @param sampleRate rate the features are computed at, Hz
     * @param clipSamples clip length after padding or cutting, samples
     * @param nFft FFT size and frame length, samples
     * @param hopLength hop between frames, samples
     * @param nMels number of mel bands
     * @param topDb dynamic range kept below the maximum, dB
     * @throws IllegalArgumentException if any parameter is not positive
     */
    public FeatureConfig(int sampleRate, int clipSamples, int nFft, int hopLength, int nMels, double topDb) {
        this(sampleRate, clipSamples, nFft, hopLength, nMels, topDb, 0.0);
    }

    /**
     * This configuration with another silence trimming threshold.
     *
     * @param topDb threshold in dB below the loudest frame (librosa's default is 60), or 0 for none
     * @return a new configuration, otherwise equal to this one
     * @throws IllegalArgumentException if {@code topDb} is negative or not finite
     */
    public FeatureConfig withSilenceTrim(double topDb) {
        return new FeatureConfig(sampleRate, clipSamples, nFft, hopLength, nMels, this.topDb, topDb,
                utteranceNormalization);
    }

    /**
     * This configuration with another per-utterance normalisation.
     *
     * @param normalization the normalisation, not null
     * @return a new configuration, otherwise equal to this one
     * @throws IllegalArgumentException if {@code normalization} is null
     */
    public FeatureConfig withUtteranceNormalization(UtteranceNormalization normalization) {
        return new FeatureConfig(sampleRate, clipSamples, nFft, hopLength, nMels, topDb, trimTopDb, normalization);
    }

    /**
     * Whether extractors normalise each clip's feature rows by the clip's own statistics.
     *
     * @return {@code utteranceNormalization() != NONE}
     */
    public boolean normalizesUtterances() {
        return utteranceNormalization != UtteranceNormalization.NONE;
    }

    /**
     * Whether extractors remove leading and trailing silence before padding.
     *
     * @return {@code trimTopDb() > 0}
     */
    public boolean trimsSilence() {
        return trimTopDb > 0;
    }

    /**
     * How much of the input silence trimming looks at: the first {@code 2 * clipSamples} samples.
     *
     * @return the span in samples at {@link #sampleRate()} (160,160 by default)
     */
    public int trimSpanSamples() {
        return (int) Math.min(Integer.MAX_VALUE, 2L * clipSamples);
    }

    /**
     * Frames per clip with centred framing.
     *
     * @return {@code 1 + clipSamples / hopLength} (157 by default)
     */
    public int frames() {
        return 1 + clipSamples / hopLength;
    }

    private static String summary(int sr, int clip, int nFft, int hop, int nMels, double topDb, double trimTopDb) {
        return "sampleRate=" + sr + " clipSamples=" + clip + " nFft=" + nFft + " hop=" + hop + " nMels=" + nMels
                + " topDb=" + topDb + " trimTopDb=" + trimTopDb;
    }
}
