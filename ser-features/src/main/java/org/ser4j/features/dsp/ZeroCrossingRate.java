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

    /** With librosa's defaults: frame 2048 samples, hop 512 samples. */
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
        int padded = n + frameLength;
        // crossing[p] = 1 if padded sample p has another sign than padded sample p - 1 (p >= 1).
        // prefix[p] = sum of crossing[1..p]; frame t (start s = t*hop) counts crossing[s+1 .. s+L-1].
        int[] prefix = new int[padded];
        boolean prevNeg = negative(signal[0]);
        int count = 0;
        for (int p = 1; p < padded; p++) {
            int j = p - half;
            boolean neg = negative(signal[j < 0 ? 0 : (j >= n ? n - 1 : j)]);
            if (neg != prevNeg) {
                count++;
            }
            prevNeg = neg;
            prefix[p] = count;
        }
        float[] out = new float[frames];
        for (int t = 0; t < frames; t++) {
            int s = t * hopLength;
            int last = Math.min(s + frameLength - 1, padded - 1);
            out[t] = (float) ((prefix[last] - prefix[s]) / (double) frameLength);
        }
        return out;
    }

    /** Sign bit after thresholding: values within 1e-10 of zero become +0 and count as positive. */
    static boolean negative(float x) {
        return x < 0 && Math.abs(x) > THRESHOLD;
    }
}
