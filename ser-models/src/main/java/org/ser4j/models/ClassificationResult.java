package org.ser4j.models;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.ser4j.core.Prediction;

/**
 * The outcome for one file of {@link OnnxEmotionClassifier#classifyAll(java.util.List)}: either a
 * timeline (and so a prediction) or an error message, never both.
 *
 * @param path the file, as given
 * @param timeline the per-window predictions when the file was classified
 * @param error why the file could not be classified (the message names the file)
 */
public record ClassificationResult(Path path, Optional<Timeline> timeline, Optional<String> error) {
    /**
     * Checks that exactly one of {@code timeline} and {@code error} is present.
     *
     * @param path the file, as given; not null
     * @param timeline the per-window predictions, present exactly when {@code error} is empty; not
     *     null (use {@link Optional#empty()})
     * @param error why the file could not be classified, present exactly when {@code timeline} is
     *     empty; not null (use {@link Optional#empty()})
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if both or neither of {@code timeline} and {@code error}
     *     are present
     */
    public ClassificationResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeline, "timeline (use Optional.empty())");
        Objects.requireNonNull(error, "error (use Optional.empty())");
        if (timeline.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of timeline and error must be present for " + path);
        }
    }

    /**
     * A successful result.
     *
     * @param path the file, as given; not null
     * @param timeline the file's per-window predictions and their mean; not null
     * @return a result whose {@link #timeline()} is present and whose {@link #error()} is empty
     * @throws NullPointerException if {@code path} or {@code timeline} is null
     */
    public static ClassificationResult success(Path path, Timeline timeline) {
        return new ClassificationResult(path, Optional.of(timeline), Optional.empty());
    }

    /**
     * A failed result.
     *
     * @param path the file, as given; not null
     * @param error one line saying why the file failed; it should name the file, as the messages
     *     of {@link OnnxEmotionClassifier#classifyAll(java.util.List)} do (e.g.
     *     {@code "a.wav: no such file"}); not null
     * @return a result whose {@link #error()} is present and whose {@link #timeline()} is empty
     * @throws NullPointerException if {@code path} or {@code error} is null
     */
    public static ClassificationResult failure(Path path, String error) {
        return new ClassificationResult(path, Optional.empty(), Optional.of(error));
    }

    /**
     * The clip's prediction, when it was classified.
     *
     * @return {@link Timeline#overall()}, the mean of the window probabilities; empty when the file
     *     failed
     */
    public Optional<Prediction> prediction() {
        return timeline.map(Timeline::overall);
    }

    /**
     * Whether the file was classified.
     *
     * @return true when {@link #timeline()} is present, false when {@link #error()} is
     */
    public boolean isSuccess() {
        return timeline.isPresent();
    }
}
