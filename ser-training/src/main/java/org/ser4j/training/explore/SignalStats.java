package org.ser4j.training.explore;

import org.ser4j.core.audio.WavFormat;

/**
 * Level statistics of one clip's samples, the raw material of the quality checks.
 *
 * @param samples number of samples
 * @param peak largest absolute sample (0 for an empty clip)
 * @param rms root mean square (0 for an empty clip)
 * @param mean mean sample value, the DC offset (0 for an empty clip)
 * @param clipRuns number of runs of at least {@code minClipRun} consecutive full-scale samples
 * @param clippedSamples samples in those runs
 * @param longestClipRun length of the longest run of consecutive full-scale samples, of any length
 */
public record SignalStats(int samples, double peak, double rms, double mean, int clipRuns, long clippedSamples,
        int longestClipRun) {

    /** Level below which {@link #toDbfs} reports silence: -200 dBFS stands for "no signal". */
    static final double FLOOR_DBFS = -200.0;

    /**
     * Computes the statistics in one pass.
     *
     * @param samples the samples, scaled to [-1, 1)
     * @param fullScale magnitude at or above which a sample counts as full scale (see
     *     {@link #fullScaleLevel})
     * @param minClipRun shortest run of full-scale samples that counts as clipping, at least 1
     * @return the statistics
     */
    public static SignalStats of(float[] samples, double fullScale, int minClipRun) {
        if (minClipRun < 1) {
            throw new IllegalArgumentException("minClipRun must be at least 1, got " + minClipRun);
        }
        int n = samples.length;
        double peak = 0;
        double sum = 0;
        double sumSquares = 0;
        int runs = 0;
        long clipped = 0;
        int longest = 0;
        int run = 0;
        for (int i = 0; i <= n; i++) {
            boolean full = false;
            if (i < n) {
                double v = samples[i];
                double a = Math.abs(v);
                peak = Math.max(peak, a);
                sum += v;
                sumSquares += v * v;
                full = a >= fullScale;
            }
            if (full) {
                run++;
            } else if (run > 0) {
                longest = Math.max(longest, run);
                if (run >= minClipRun) {
                    runs++;
                    clipped += run;
                }
                run = 0;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double rms = n == 0 ? 0 : Math.sqrt(sumSquares / n);
        return new SignalStats(n, peak, rms, mean, runs, clipped, longest);
    }

    /**
     * The magnitude at which a decoded sample of this format is at full scale: the largest positive
     * value, {@code 1 - 2^-(bits-1)} for integer PCM (e.g. 32767/32768 for 16 bits), and
     * {@code 1 - 2^-15} for float files (which have no integer ceiling; anything within a 16-bit step
     * of 1.0 counts).
     *
     * @param format the file's header; its bit depth is clamped to [2, 32]
     * @return the level, in (0, 1]: the integer level rounded to float precision (so 1.0 for
     *     32-bit PCM), or {@code 1 - 2^-15} for float files
     */
    public static double fullScaleLevel(WavFormat format) {
        if (format.encoding() == WavFormat.Encoding.IEEE_FLOAT) {
            return 1.0 - Math.pow(2, -15);
        }
        int bits = Math.max(2, Math.min(format.bitsPerSample(), 32));
        // Samples are floats after decoding: compare against the level as a float would hold it.
        return (float) (1.0 - Math.pow(2, -(bits - 1)));
    }

    /**
     * Peak level in dBFS ({@value #FLOOR_DBFS} for silence).
     *
     * @return {@link #toDbfs(double) toDbfs(peak())}, at most about 0 for samples in [-1, 1)
     */
    public double peakDbfs() {
        return toDbfs(peak);
    }

    /**
     * RMS level in dBFS ({@value #FLOOR_DBFS} for silence).
     *
     * @return {@link #toDbfs(double) toDbfs(rms())}, not sine-corrected
     */
    public double rmsDbfs() {
        return toDbfs(rms);
    }

    /**
     * {@code 20 log10(level)}, floored at {@value #FLOOR_DBFS}.
     *
     * @param level a linear magnitude, 1 = full scale
     * @return the level in dBFS; {@value #FLOOR_DBFS} for 0, negative or very small levels
     */
    public static double toDbfs(double level) {
        return level <= 0 ? FLOOR_DBFS : Math.max(FLOOR_DBFS, 20 * Math.log10(level));
    }
}
