package org.ser4j.models;

import org.ser4j.core.Prediction;

/**
 * The prediction for one analysis window of a clip.
 *
 * @param startSeconds where the window starts in the clip, seconds
 * @param endSeconds where the window's audio ends, seconds: the start plus the window length, or
 *     the end of the clip for a last window that was zero-padded
 * @param prediction what the model (or ensemble) says about this window alone
 */
public record WindowPrediction(double startSeconds, double endSeconds, Prediction prediction) {
    /**
     * Checks the arguments.
     *
     * @param startSeconds where the window starts in the clip, seconds, {@code >= 0}
     * @param endSeconds where the window's audio ends, seconds, {@code >= startSeconds}
     * @param prediction the model's (or ensemble's) prediction for this window; not null
     * @throws IllegalArgumentException if {@code startSeconds} is negative or NaN, {@code endSeconds} is
     *     below {@code startSeconds} or NaN, or {@code prediction} is null
     */
    public WindowPrediction {
        if (!(startSeconds >= 0) || !(endSeconds >= startSeconds)) {
            throw new IllegalArgumentException("window must satisfy 0 <= start <= end, got " + startSeconds + ".." + endSeconds);
        }
        if (prediction == null) {
            throw new IllegalArgumentException("prediction must not be null");
        }
    }
}
