package org.ser4j.features.dsp;

/**
 * Root-mean-square energy as {@code librosa.feature.rms(y, frame_length=2048, hop_length=512,
 * center=True, pad_mode="constant")}: {@code sqrt(mean(x^2))} over each centred frame of the
 * signal padded with {@code frameLength/2} zeros on both sides. Units: those of the samples.
 *
 * <p>Computed incrementally: sums of squares are accumulated in double per hop-sized block and
 * each frame adds its blocks (no subtraction, so no cancellation), one pass over the signal.
 */
public final class Rms {
    private Rms() {
    }

    /**
     * With librosa's defaults: frame 2048 samples, hop 512 samples.
     *
     * @param signal the samples; not modified
     * @return the RMS per frame, in the signal's units, {@code 1 + signal.length / 512} frames
     */
    public static float[] compute(float[] signal) {
        return compute(signal, Framing.DEFAULT_FRAME_LENGTH, Framing.DEFAULT_HOP_LENGTH);
    }

    /**
     * RMS per centred frame.
     *
     * @param signal the signal
     * @param frameLength frame length in samples, even and {@code > 0}
     * @param hopLength hop in samples, {@code > 0}
     * @return {@code 1 + signal.length / hopLength} values
     * @throws IllegalArgumentException if a sample is NaN or infinite (detected for free: squares
     *     of finite floats summed in double stay finite)
     */
    public static float[] compute(float[] signal, int frameLength, int hopLength) {
        if (frameLength <= 0 || frameLength % 2 != 0 || hopLength <= 0) {
            throw new IllegalArgumentException("need an even frameLength > 0 and hopLength > 0, got " + frameLength + ", " + hopLength);
        }
        int n = signal.length;
        int half = frameLength / 2;
        int frames = Framing.centeredFrameCount(n, hopLength);
        // prefix over padded positions in double; frames are differences of prefix sums only when
        // the hop divides the frame (exact block sums); otherwise summed directly.
        if (frameLength % hopLength == 0) {
            int blocksPerFrame = frameLength / hopLength;
            int blocks = frames + blocksPerFrame - 1;
            double[] blockSum = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                int from = Math.max(0, b * hopLength - half);
                int to = Math.min(n, (b + 1) * hopLength - half);
                // four independent chains hide the add latency
                double acc0 = 0;
                double acc1 = 0;
                double acc2 = 0;
                double acc3 = 0;
                int i = from;
                for (; i + 3 < to; i += 4) {
                    double a0 = signal[i];
                    double a1 = signal[i + 1];
                    double a2 = signal[i + 2];
                    double a3 = signal[i + 3];
                    acc0 += a0 * a0;
                    acc1 += a1 * a1;
                    acc2 += a2 * a2;
                    acc3 += a3 * a3;
                }
                for (; i < to; i++) {
                    double a = signal[i];
                    acc0 += a * a;
                }
                blockSum[b] = (acc0 + acc1) + (acc2 + acc3);
            }
            double total = 0;
            for (double b : blockSum) {
                total += b;
            }
            if (!Double.isFinite(total)) {
                FixedLength.requireFinite(signal);
            }
            float[] out = new float[frames];
            for (int t = 0; t < frames; t++) {
                double s = 0;
                for (int j = 0; j < blocksPerFrame; j++) {
                    s += blockSum[t + j];
                }
                out[t] = (float) Math.sqrt(s / frameLength);
            }
            return out;
        }
        float[] out = new float[frames];
        for (int t = 0; t < frames; t++) {
            int from = Math.max(0, t * hopLength - half);
            int to = Math.min(n, t * hopLength - half + frameLength);
            double s = 0;
            for (int i = from; i < to; i++) {
                double a = signal[i];
                s += a * a;
            }
            if (!Double.isFinite(s)) {
                FixedLength.requireFinite(signal);
            }
            out[t] = (float) Math.sqrt(s / frameLength);
        }
        return out;
    }
}
