package org.ser4j.training.explore;

/**
 * Limits of the quality checks; {@link #DEFAULT} holds the documented defaults.
 *
 * <p>Levels are in dBFS: decibels relative to digital full scale, {@code 20 log10(|x|)} with
 * samples scaled to [-1, 1) as librosa loads them. RMS is not sine-corrected (a full-scale sine
 * has an RMS of -3 dBFS).
 *
 * @param silencePeak a clip whose peak absolute sample is at or below this is all-silent (linear,
 *     default 2^-15, one 16-bit step, about -90.3 dBFS)
 * @param minClipRun a clip is clipped when it has a run of at least this many consecutive samples
 *     at full scale (default 3). A sample is at full scale when its magnitude is at least the
 *     largest positive value of the file's format: {@code 1 - 2^-(bits-1)} for integer PCM,
 *     {@code 1 - 2^-15} for float files
 * @param maxDcOffset a clip has a DC offset when the absolute mean of its samples exceeds this
 *     (linear, default 0.01, i.e. -40 dBFS)
 * @param lowPeakDbfs a clip is very low in level when its peak is below this (default -40 dBFS,
 *     1 % of full scale; on RAVDESS + EmoDB this flags the quietest 0.5 % of clips)
 * @param lowRmsDbfs ... or its RMS is below this (default -60 dBFS)
 */
public record QualityThresholds(double silencePeak, int minClipRun, double maxDcOffset, double lowPeakDbfs,
        double lowRmsDbfs) {
    /** The documented defaults. */
    public static final QualityThresholds DEFAULT = new QualityThresholds(1.0 / 32768, 3, 0.01, -40.0, -60.0);

    /**
     * Checks the arguments.
     *
     * @param silencePeak peak absolute sample at or below which a clip is all-silent, linear, in
     *     [0, 1)
     * @param minClipRun consecutive full-scale samples that make a clip clipped, at least 1
     * @param maxDcOffset absolute mean sample value above which a clip has a DC offset, linear, in
     *     (0, 1)
     * @param lowPeakDbfs peak level below which a clip is very low, in dBFS, negative
     * @param lowRmsDbfs RMS level below which a clip is very low, in dBFS, negative
     * @throws IllegalArgumentException if a value is outside its range (NaN included)
     */
    public QualityThresholds {
        if (!(silencePeak >= 0 && silencePeak < 1)) {
            throw new IllegalArgumentException("silencePeak must be in [0, 1), got " + silencePeak);
        }
        if (minClipRun < 1) {
            throw new IllegalArgumentException("minClipRun must be at least 1, got " + minClipRun);
        }
        if (!(maxDcOffset > 0 && maxDcOffset < 1)) {
            throw new IllegalArgumentException("maxDcOffset must be in (0, 1), got " + maxDcOffset);
        }
        if (!(lowPeakDbfs < 0) || !(lowRmsDbfs < 0)) {
            throw new IllegalArgumentException("low-level limits must be negative dBFS, got peak " + lowPeakDbfs
                    + " and RMS " + lowRmsDbfs);
        }
    }
}
