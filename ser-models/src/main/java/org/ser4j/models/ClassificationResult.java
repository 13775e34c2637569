package org.ser4j.models;

import java.nio.file.Path;
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
    /** Checks that exactly one of {@code timeline} and {@code error} is present. */
    public ClassificationResult {
        if (path == null || timeline == null || error == null) {
            throw new IllegalArgumentException("path, timeline and error must not be null (use Optional.empty())");
        }
        if (timeline.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of timeline and error must be present for " + path);
        }
    }

    /** A successful result. */
    public static ClassificationResult success(Path path, Timeline timeline) {
        return new ClassificationResult(path, Optional.of(timeline), Optional.empty());
    }

    /** A failed result. */
    public static ClassificationResult failure(Path path, String error) {
        return new ClassificationResult(path, Optional.empty(), Optional.of(error));
    }

    /** The clip's prediction, when it was classified. */
    public Optional<Prediction> prediction() {
        return timeline.map(Timeline::overall);
    }

    /** Whether the file was classified. */
    public boolean isSuccess() {
        return timeline.isPresent();
    }
}
