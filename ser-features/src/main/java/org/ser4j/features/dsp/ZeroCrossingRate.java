package org.ser4j.features.dsp;

/**
 * Zero-crossing rate as {@code librosa.feature.zero_crossing_rate(y, frame_length=2048,
 * hop_length=512, center=True)}: the signal is padded by {@code frameLength/2} on both sides by
 * repeating its end samples (numpy {@code "edge"} mode); samples with {@code |x| <= 1e-10} count
 * as zero and zero counts as positive; a crossing is a change of sign between neighbours inside a
 * frame; the rate is crossings / frameLength (dimensionless, in {@code [0, 1)}).
 *
 * <p>Computed incrementally: the crossing indicator is summed per hop-sized block once and each
 * frame adds up its blocks, so the cost is one pass over the signal whatever the overlap. The
 * result is exact (integer counts).
 */
public final class ZeroCrossingRate {
    /** librosa's threshold below which a sample counts as zero. */
    public static final double THRESHOLD = 1e-10;

    private ZeroCrossingRate() {
    }

    /**
     * With librosa's defaults: frame 2048 samples, hop 512 samples.
     *
     * @param signal the samples; not modified
     * @return the zero-crossing rate per frame, in [0, 1], {@code 1 + signal.length / 512} frames
     */
    public static float[] compute(float[] signal) {
        return compute(signal, Framing.DEFAULT_FRAME_LENGTH, Framing.DEFAULT_HOP_LENGTH);
    }

    /**
     * Zero-crossing rate per centred frame.
     *
     * @param signal the signal, at least one sample
     * @param frameLength frame length in samples, even and {@code > 0}
     * @param hopLength hop in samples, {@code > 0}
     * @return {@code 1 + signal.length / hopLength} rates
     */
    public static float[] compute(float[] signal, int frameLength, int hopLength) {
        if (signal.length == 0) {
            throw new IllegalArgumentException("zero-crossing rate needs at least one sample");
        }
        if (frameLength <= 0 || frameLength % 2 != 0 || hopLength <= 0) {
            throw new IllegalArgumentException("need an even frameLength > 0 and hopLength > 0, got " + frameLength + ", " + hopLength);
        }
        int n = signal.length;
        int half = frameLength / 2;
        int frames = Framing.centeredFrameCount(n, hopLength);
        // Edge padding repeats the end samples, so crossings only happen between original
        // neighbours y[i-1], y[i] (1 <= i < n), at padded position p = i + half.
        if (frameLength % hopLength == 0) {
            int perFrame = frameLength / hopLength;
            int blocks = frames + perFrame - 1;
            int[] blockCount = new int[blocks];
            for (int b = 0; b < blocks; b++) {
                int from = Math.max(b * hopLength - half, 1);
                int to = Math.min((b + 1) * hopLength - half, n);
                blockCount[b] = crossings(signal, from, to);
            }
            float[] out = new float[frames];
            for (int t = 0; t < frames; t++) {
                int c = 0;
                for (int j = 0; j < perFrame; j++) {
                    c += blockCount[t + j];
                }
                // the frame's first position p = t*hop pairs with the sample before the frame
                int i = t * hopLength - half;
                if (i >= 1 && i < n) {
                    c -= crossings(signal, i, i + 1);
                }
                out[t] = (float) (c / (double) frameLength);
            }
            return out;
        }
        int[] prefix = new int[n + 1];
        for (int i = 1; i < n; i++) {
            prefix[i] = prefix[i - 1] + crossings(signal, i, i + 1);
        }
        prefix[n] = prefix[n - 1];
        float[] out = new float[frames];
        for (int t = 0; t < frames; t++) {
            // frame t covers padded p in [t*hop + 1, t*hop + L - 1], i.e. i = p - half
            int lo = Math.max(t * hopLength + 1 - half, 1);
            int hi = Math.min(t * hopLength + frameLength - 1 - half, n - 1);
            int c = hi >= lo ? prefix[hi] - prefix[lo - 1] : 0;
            out[t] = (float) (c / (double) frameLength);
        }
        return out;
    }

    /** Number of i in [from, to) where y[i] and y[i-1] differ in thresholded sign; from >= 1. */
    static int crossings(float[] y, int from, int to) {
        if (from >= to) {
            return 0;
        }
        // Branch-free sign test: x - NEG_LIMIT is negative exactly when x < NEG_LIMIT (float
        // subtraction is exact in sign and only zero for equal operands); random signs would
        // otherwise mispredict a branch on every sample.
        float limit = NEG_LIMIT;
        int count = 0;
        int prev = Float.floatToRawIntBits(y[from - 1] - limit);
        for (int i = from; i < to; i++) {
            int cur = Float.floatToRawIntBits(y[i] - limit);
            count += (cur ^ prev) >>> 31;
            prev = cur;
        }
        return count;
    }

    /**
     * The smallest float above every float that is below -1e-10 in double arithmetic, so that
     * {@code x < NEG_LIMIT} is exactly {@code x < 0 && |x| > 1e-10} for float x.
     */
    static final float NEG_LIMIT;

    static {
        float f = (float) -THRESHOLD;
        float lastNegative = (double) f < -THRESHOLD ? f : Math.nextDown(f);
        NEG_LIMIT = Math.nextUp(lastNegative);
    }

    /** Sign bit after thresholding: values within 1e-10 of zero become +0 and count as positive. */
    static boolean negative(float x) {
        return x < 0 && Math.abs(x) > THRESHOLD;
    }
}
