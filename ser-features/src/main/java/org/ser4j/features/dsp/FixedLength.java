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
        // Branch-free scan: (bits & exponent) + one exponent step carries into the sign bit
        // exactly when the exponent is all ones (infinity or NaN).
        int acc = 0;
        int n = samples.length;
        for (int i = 0; i < n; i++) {
            acc |= (Float.floatToRawIntBits(samples[i]) & 0x7f800000) + 0x00800000;
        }
        if (acc >= 0) {
            return;
        }
        for (int j = 0; j < n; j++) {
            if (!Float.isFinite(samples[j])) {
                throw new IllegalArgumentException("sample " + j + " is not finite: " + samples[j]);
            }
        }
    }
}
