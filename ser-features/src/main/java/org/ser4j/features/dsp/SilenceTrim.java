package org.ser4j.features.dsp;

import java.util.Arrays;

/**
 * Leading and trailing silence removal as {@code librosa.effects.trim(y, top_db=60, ref=np.max,
 * frame_length=2048, hop_length=512)} (librosa 0.10).
 *
 * <p>A frame is non-silent when its RMS ({@link Rms}: centred frames, zero padding) is less than
 * {@code topDb} below the loudest frame's: {@code 20 log10(max(1e-5, rms)) - 20 log10(max(1e-5,
 * max rms)) > -topDb}. The kept range runs from sample {@code first * hop} to
 * {@code min(n, (last + 1) * hop)}, {@code first} and {@code last} the first and last non-silent
 * frames. The loudest frame is always non-silent, so only an empty signal gives an empty range; an
 * all-zero signal is kept whole, as librosa keeps it (every frame is at the 1e-5 floor, 0 dB below
 * the reference). Silence inside the speech is kept. Stateless.
 */
public final class SilenceTrim {
    /** librosa's default threshold, in dB below the loudest frame. */
    public static final double DEFAULT_TOP_DB = 60;
    /** librosa's amplitude floor of {@code amplitude_to_db}. */
    static final double AMIN = 1e-5;

    private SilenceTrim() {
    }

    /**
     * The kept sample range {@code [start, end)} with librosa's defaults (60 dB, frame 2048, hop 512).
     *
     * @param signal the samples; not modified
     * @return {@code {start, end}} with {@code 0 <= start <= end <= signal.length}
     * @throws IllegalArgumentException if a sample is not finite
     * @throws NullPointerException if {@code signal} is null
     */
    public static int[] range(float[] signal) {
        return range(signal, DEFAULT_TOP_DB, Framing.DEFAULT_FRAME_LENGTH, Framing.DEFAULT_HOP_LENGTH);
    }

    /**
     * The kept sample range {@code [start, end)}.
     *
     * @param signal the samples; not modified
     * @param topDb threshold in dB below the loudest frame, positive and finite
     * @param frameLength RMS frame length in samples, even and positive
     * @param hopLength hop in samples, positive
     * @return {@code {start, end}} with {@code 0 <= start < end <= signal.length}, or
     *     {@code {0, 0}} for an empty signal
     * @throws IllegalArgumentException if a sample is not finite, {@code topDb} is not positive
     *     and finite, or the frame or hop length is invalid
     * @throws NullPointerException if {@code signal} is null
     */
    public static int[] range(float[] signal, double topDb, int frameLength, int hopLength) {
        if (!(topDb > 0) || Double.isInfinite(topDb)) {
            throw new IllegalArgumentException("top_db must be positive and finite, got " + topDb);
        }
        if (signal.length == 0) {
            return new int[] {0, 0};
        }
        float[] rms = Rms.compute(signal, frameLength, hopLength);
        double max = 0;
        for (float v : rms) {
            max = Math.max(max, v);
        }
        double refDb = 20 * Math.log10(Math.max(AMIN, max));
        int first = -1;
        int last = -1;
        for (int f = 0; f < rms.length; f++) {
            double db = 20 * Math.log10(Math.max(AMIN, rms[f])) - refDb;
            if (db > -topDb) {
                if (first < 0) {
                    first = f;
                }
                last = f;
            }
        }
        if (first < 0) {
            return new int[] {0, 0};
        }
        long start = (long) first * hopLength;
        long end = Math.min(signal.length, ((long) last + 1) * hopLength);
        return new int[] {(int) Math.min(start, signal.length), (int) end};
    }

    /**
     * The signal without its leading and trailing silence, with librosa's defaults.
     *
     * @param signal the samples; not modified
     * @return a new array, {@code signal[start, end)} of {@link #range(float[])}
     * @throws IllegalArgumentException if a sample is not finite
     * @throws NullPointerException if {@code signal} is null
     */
    public static float[] trim(float[] signal) {
        int[] r = range(signal);
        return Arrays.copyOfRange(signal, r[0], r[1]);
    }
}
