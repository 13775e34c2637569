package org.ser4j.models;

import java.util.List;
import org.ser4j.core.Prediction;

/**
 * Per-window predictions of one clip and their aggregate.
 *
 * <p>A clip no longer than the model window has exactly one window starting at 0. The
 * {@link #overall()} prediction is the arithmetic mean of the window probability vectors.
 *
 * @param windows the windows in time order, never empty
 * @param overall the clip's prediction: the mean of the window probabilities
 * @param durationSeconds length of the clip, seconds
 */
public record Timeline(List<WindowPrediction> windows, Prediction overall, double durationSeconds) {
    /**
     * Checks and copies the arguments.
     *
     * @param windows the windows in time order (the order is not checked), at least one; copied
     *     with {@link List#copyOf}, so neither the list nor an element may be null
     * @param overall the clip's prediction; not null
     * @param durationSeconds length of the clip, seconds, {@code >= 0}
     * @throws IllegalArgumentException if {@code windows} is empty, or {@code durationSeconds} is
     *     negative or NaN
     * @throws NullPointerException if {@code windows} is null or holds null, or {@code overall} is
     *     null
     */
    public Timeline {
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a timeline has at least one window");
        }
        java.util.Objects.requireNonNull(overall, "overall");
        if (!(durationSeconds >= 0)) {
            throw new IllegalArgumentException("duration must be non-negative, got " + durationSeconds);
        }
    }
}
