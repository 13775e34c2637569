package org.ser4j.features.dsp;

/**
 * Centred framing as librosa does it with {@code center=True}: the signal is padded by
 * {@code frameLength / 2} on both sides and frame {@code t} starts at padded sample
 * {@code t * hopLength}, i.e. it is centred on original sample {@code t * hopLength}.
 *
 * <p>Defaults (librosa): frame length 2048 samples, hop 512 samples.
 */
final class Framing {
    /** librosa's default frame length (and n_fft), samples. */
    public static final int DEFAULT_FRAME_LENGTH = 2048;
    /** librosa's default hop, samples. */
    public static final int DEFAULT_HOP_LENGTH = 512;

    private Framing() {
    }

    /**
     * Number of centred frames for a signal: {@code 1 + length / hopLength} (157 for 80,080
     * samples at hop 512).
     *
     * @param length signal length in samples, {@code >= 0}
     * @param hopLength hop in samples, {@code > 0}
     * @return frame count
     */
    public static int centeredFrameCount(int length, int hopLength) {
        if (length < 0 || hopLength <= 0) {
            throw new IllegalArgumentException("need length >= 0 and hopLength > 0, got " + length + ", " + hopLength);
        }
        return 1 + length / hopLength;
    }

    /**
     * The frames of a zero-padded centred STFT that can hold a non-zero sample: frames outside
     * {@code [first, last]} see only zeros, so their spectrum is exactly zero and need not be
     * transformed. Clips padded to a fixed length (the usual case: 80,080 samples for clips of
     * 2-4 s) end in many such frames.
     *
     * @param signal the samples
     * @param nFft frame length in samples
     * @param hopLength hop in samples
     * @return {@code {first, last}} frame indices, inclusive; {@code first > last} when every
     *     sample is zero
     */
    public static int[] audibleFrameRange(float[] signal, int nFft, int hopLength) {
        int firstSample = 0;
        while (firstSample < signal.length && signal[firstSample] == 0f) {
            firstSample++;
        }
        if (firstSample == signal.length) {
            return new int[] {1, 0};
        }
        int lastSample = signal.length - 1;
        while (signal[lastSample] == 0f) {
            lastSample--;
        }
        int frames = centeredFrameCount(signal.length, hopLength);
        int half = nFft / 2;
        // frame t covers samples [t*hop - half, t*hop - half + nFft)
        int first = Math.max(0, Math.floorDiv(firstSample + half - nFft, hopLength) + 1);
        int last = Math.min(frames - 1, Math.floorDiv(lastSample + half, hopLength));
        return new int[] {first, last};
    }

    /** How the centred padding is filled. */
    public enum PadMode {
        /** Zeros (librosa's {@code pad_mode="constant"}, used by the STFT and RMS). */
        CONSTANT,
        /** Repeat the first / last sample (numpy's {@code "edge"}, used by zero-crossing rate). */
        EDGE
    }

    /**
     * Copies frame {@code frame} of the centred, padded signal into {@code out[0..frameLength)}
     * without materialising the padded signal.
     *
     * @param signal unpadded signal, length {@code >= 1} for {@link PadMode#EDGE}
     * @param frame frame index, {@code 0 <= frame < centeredFrameCount}
     * @param frameLength frame length in samples (even)
     * @param hopLength hop in samples
     * @param mode padding mode
     * @param out destination, at least {@code frameLength} long
     */
    public static void copyFrame(float[] signal, int frame, int frameLength, int hopLength, PadMode mode, double[] out) {
        int n = signal.length;
        int start = frame * hopLength - frameLength / 2;
        for (int i = 0; i < frameLength; i++) {
            int j = start + i;
            double v;
            if (j < 0) {
                v = mode == PadMode.EDGE && n > 0 ? signal[0] : 0.0;
            } else if (j >= n) {
                v = mode == PadMode.EDGE && n > 0 ? signal[n - 1] : 0.0;
            } else {
                v = signal[j];
            }
            out[i] = v;
        }
    }
}
