package org.ser4j.features;

/**
 * Parameters shared by the feature extractors; {@link #DEFAULT} is the reference notebook's
 * (librosa 0.10 defaults at 16 kHz, clips padded to 80,080 samples).
 *
 * @param sampleRate rate the features are computed at, Hz (default 16000)
 * @param clipSamples clip length after zero-padding at the end or trimming, samples (80080)
 * @param nFft FFT size and frame length, samples (2048)
 * @param hopLength hop between frames, samples (512)
 * @param nMels number of mel bands (128)
 * @param topDb dynamic range kept by power-to-dB below the maximum, dB (80)
 */
public record FeatureConfig(int sampleRate, int clipSamples, int nFft, int hopLength, int nMels, double topDb) {
    /** The notebook's configuration. */
    public static final FeatureConfig DEFAULT = new FeatureConfig(16000, 80080, 2048, 512, 128, 80.0);

    /**
     * Checks the arguments.
     *
     * @param sampleRate rate the features are computed at, Hz
     * @param clipSamples clip length after padding or trimming, samples
     * @param nFft FFT size and frame length, samples
     * @param hopLength hop between frames, samples
     * @param nMels number of mel bands
     * @param topDb dynamic range kept below the maximum, dB
     * @throws IllegalArgumentException if any parameter is not positive
     */
    public FeatureConfig {
        if (sampleRate <= 0 || clipSamples <= 0 || nFft <= 0 || hopLength <= 0 || nMels <= 0 || !(topDb > 0)) {
            throw new IllegalArgumentException("all feature parameters must be positive: " + sampleRateSummary(sampleRate, clipSamples, nFft, hopLength, nMels, topDb));
        }
    }

    /**
     * Frames per clip with centred framing.
     *
     * @return {@code 1 + clipSamples / hopLength} (157 by default)
     */
    public int frames() {
        return 1 + clipSamples / hopLength;
    }

    private static String sampleRateSummary(int sr, int clip, int nFft, int hop, int nMels, double topDb) {
        return "sampleRate=" + sr + " clipSamples=" + clip + " nFft=" + nFft + " hop=" + hop + " nMels=" + nMels + " topDb=" + topDb;
    }
}
