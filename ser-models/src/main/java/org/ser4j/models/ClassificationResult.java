package org.ser4j.models;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.ser4j.core.Prediction;

/**
 * The outcome for one file of {@link OnnxEmotionClassifier#classifyEach} and
 * {@link OnnxEmotionClassifier#classifyAll(java.util.List)}: either a timeline (and so a
 * prediction) or an error, never both. A failure carries a one-line message naming the file and,
 * when it came from one, the exception itself, so callers can tell kinds of failure apart
 * ({@link org.ser4j.core.audio.AudioFormatException}, {@link NoSuchFileException}, ...) without
 * parsing messages.
 *
 * @param path the file, as given
 * @param timeline the per-window predictions when the file was classified
 * @param error why the file could not be classified (the message names the file)
 * @param exception the exception that made the file fail, when there was one; present only
 *     together with {@code error}
 */
public record ClassificationResult(Path path, Optional<Timeline> timeline, Optional<String> error,
        Optional<Exception> exception) {
    /**
     * Checks that exactly one of {@code timeline} and {@code error} is present, and
     * {@code exception} only with {@code error}.
     *
     * @param path the file, as given; not null
     * @param timeline the per-window predictions, present exactly when {@code error} is empty; not
     *     null (use {@link Optional#empty()})
     * @param error why the file could not be classified, present exactly when {@code timeline} is
     *     empty; not null (use {@link Optional#empty()})
     * @param exception what made the file fail, if anything; may be present only when
     *     {@code error} is; not null (use {@link Optional#empty()})
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if both or neither of {@code timeline} and {@code error}
     *     are present, or {@code exception} is present without {@code error}
     */
    public ClassificationResult {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeline, "timeline (use Optional.empty())");
        Objects.requireNonNull(error, "error (use Optional.empty())");
        Objects.requireNonNull(exception, "exception (use Optional.empty())");
        if (timeline.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of timeline and error must be present for " + path);
        }
        if (exception.isPresent() && error.isEmpty()) {
            throw new IllegalArgumentException("an exception needs an error message for " + path);
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
        return new ClassificationResult(path, Optional.of(timeline), Optional.empty(), Optional.empty());
    }

    /**
     * A failed result without an exception.
     *
     * @param path the file, as given; not null
     * @param error one line saying why the file failed; it should name the file, as the messages
     *     of {@link OnnxEmotionClassifier#classifyAll(java.util.List)} do (e.g.
     *     {@code "a.wav: no such file"}); not null
     * @return a result whose {@link #error()} is present and whose {@link #timeline()} and
     *     {@link #exception()} are empty
     * @throws NullPointerException if {@code path} or {@code error} is null
     */
    public static ClassificationResult failure(Path path, String error) {
        return new ClassificationResult(path, Optional.empty(), Optional.of(error), Optional.empty());
    }

    /**
     * A failed result caused by an exception.
     *
     * @param path the file, as given; not null
     * @param exception what made the file fail; not null
     * @return a result whose {@link #exception()} is {@code exception} and whose {@link #error()}
     *     is one line naming the file once: {@code "a.wav: no such file"},
     *     {@code "a.wav: permission denied"}, or the exception's message (prefixed with the file
     *     when it does not name it)
     * @throws NullPointerException if an argument is null
     */
    public static ClassificationResult failure(Path path, Exception exception) {
        Objects.requireNonNull(exception, "exception");
        return new ClassificationResult(path, Optional.empty(), Optional.of(describe(path, exception)),
                Optional.of(exception));
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

    /** One line saying why a file failed, naming the file once. */
    static String describe(Path path, Throwable e) {
        String file = path.toString();
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains(file) ? message : file + ": " + message;
    }
}
