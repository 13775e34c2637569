package org.ser4j.features.dsp;

import java.util.Arrays;

/**
 * Fixed-length pad or trim, like {@code librosa.util.fix_length(y, size=n)} and the reference
 * notebook's "zero-pad at the end or cut" step.
 */
public final class FixedLength {
    private FixedLength() {
    }

    /**
     * A copy of {@code samples} zero-padded at the end, or trimmed at the end, to exactly
     * {@code length} samples. The input is never modified.
     *
     * @param samples input signal (any units)
     * @param length target length in samples, {@code >= 0}
     * @return a new array of {@code length} samples
     * @throws IllegalArgumentException if {@code samples} is null or {@code length} negative
     */
    public static float[] padOrTrim(float[] samples, int length) {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        return Arrays.copyOf(samples, length);
    }

    /**
     * Checks that every sample is finite; DSP on NaN or infinity would give silent garbage.
     *
     * @param samples the signal
     * @throws IllegalArgumentException naming the first offending index
     */
    public static void requireFinite(float[] samples) {
        // Four independent max chains: NaN propagates through Math.max, infinity is the max.
        float m0 = 0f;
        float m1 = 0f;
        float m2 = 0f;
        float m3 = 0f;
        int n = samples.length;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            m0 = Math.max(m0, Math.abs(samples[i]));
            m1 = Math.max(m1, Math.abs(samples[i + 1]));
            m2 = Math.max(m2, Math.abs(samples[i + 2]));
            m3 = Math.max(m3, Math.abs(samples[i + 3]));
        }
        for (; i < n; i++) {
            m0 = Math.max(m0, Math.abs(samples[i]));
        }
        if (Math.max(Math.max(m0, m1), Math.max(m2, m3)) <= Float.MAX_VALUE) {
            return;
        }
        for (int j = 0; j < n; j++) {
            if (!Float.isFinite(samples[j])) {
                throw new IllegalArgumentException("sample " + j + " is not finite: " + samples[j]);
            }
        }
    }
}
