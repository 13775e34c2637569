package org.ser4j.features.dsp;

/**
 * Per-utterance mean and variance normalisation of feature rows (cepstral mean and variance
 * normalisation, CMVN, applied to any row-major feature matrix): each row becomes
 * {@code (x - mean) / std} with the row's mean and population standard deviation over its first
 * {@code activeFrames} columns, the frames that hold the clip's own samples rather than padding.
 * The statistics are accumulated in double; every column is normalised, padded ones included.
 */
public final class RowNormalization {
    /** Standard deviations below this (a constant row, e.g. a silent clip) are taken as 1. */
    public static final double MIN_STD = 1e-8;

    private RowNormalization() {
    }

    /**
     * The frames of a centred framing whose centre lies inside the clip's own samples.
     *
     * @param ownSamples samples of the clip before zero-padding (after any silence trimming), at least 0
     * @param hopLength hop between frames, samples, positive
     * @param frames frames of the padded clip, positive
     * @return {@code ceil(ownSamples / hopLength)}, clamped to {@code 1 .. frames}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static int activeFrames(long ownSamples, int hopLength, int frames) {
        if (ownSamples < 0 || hopLength <= 0 || frames <= 0) {
            throw new IllegalArgumentException("need ownSamples >= 0, hopLength > 0 and frames > 0, got "
                    + ownSamples + ", " + hopLength + ", " + frames);
        }
        long n = (ownSamples + hopLength - 1) / hopLength;
        return (int) Math.max(1, Math.min(frames, n));
    }

    /**
     * Normalises {@code rows} rows of {@code frames} values in place.
     *
     * @param x the features, row-major, {@code rows * frames} values; finite
     * @param rows number of rows (mel bands, or 2 for ZCR and RMS)
     * @param frames values per row
     * @param activeFrames columns the statistics are taken over, {@code 1 .. frames}
     * @throws IllegalArgumentException if the sizes do not fit {@code x}
     */
    public static void cmvn(float[] x, int rows, int frames, int activeFrames) {
        if (x == null || rows <= 0 || frames <= 0 || (long) rows * frames != x.length || activeFrames < 1
                || activeFrames > frames) {
            throw new IllegalArgumentException("cannot normalise " + (x == null ? "null" : x.length + " values")
                    + " as " + rows + " rows of " + frames + " frames over " + activeFrames);
        }
        for (int r = 0; r < rows; r++) {
            int off = r * frames;
            double sum = 0;
            for (int t = 0; t < activeFrames; t++) {
                sum += x[off + t];
            }
            double mean = sum / activeFrames;
            double ss = 0;
            for (int t = 0; t < activeFrames; t++) {
                double d = x[off + t] - mean;
                ss += d * d;
            }
            double std = Math.sqrt(ss / activeFrames);
            double inv = std < MIN_STD ? 1.0 : 1.0 / std;
            for (int t = 0; t < frames; t++) {
                x[off + t] = (float) ((x[off + t] - mean) * inv);
            }
        }
    }
}
