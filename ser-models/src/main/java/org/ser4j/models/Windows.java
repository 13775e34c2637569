package org.ser4j.models;

import java.util.Arrays;

/**
 * Where the analysis windows of a clip start. A clip of {@code length} samples with window
 * {@code window} and hop {@code hop} gets windows at 0, hop, 2*hop, ... up to the first start
 * whose window reaches the end of the clip; that last window is zero-padded. A clip no longer
 * than one window gets a single window at 0. With {@code hop <= window} every sample is covered,
 * and the last window holds at least {@code window - hop} samples of audio.
 */
final class Windows {
    private Windows() {
    }

    /** Number of windows for a clip of {@code length} samples (at least 1). */
    static int count(long length, int window, int hop) {
        if (length <= window) {
            return 1;
        }
        long n = 1 + ceilDiv(length - window, hop);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("clip of " + length + " samples has too many windows");
        }
        return (int) n;
    }

    /** Start sample of window {@code index}. */
    static long start(int index, int hop) {
        return (long) index * hop;
    }

    /**
     * The samples of window {@code index}, cut at the end of the clip (the extractor zero-pads a
     * short window to the model's clip length, as in training).
     */
    static float[] slice(float[] samples, int index, int window, int hop) {
        long start = start(index, hop);
        int from = (int) Math.min(start, samples.length);
        int to = (int) Math.min(start + window, samples.length);
        return Arrays.copyOfRange(samples, from, to);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
