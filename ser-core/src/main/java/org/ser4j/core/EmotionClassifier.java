package org.ser4j.core;

import java.io.IOException;
import java.nio.file.Path;
import org.ser4j.core.audio.AudioClip;

/**
 * Classifies speech audio into one of the six {@link Emotion}s.
 *
 * <p>Implementations hold native or otherwise costly resources, so they are {@link AutoCloseable};
 * unless an implementation says otherwise, one instance may be shared by many threads.
 */
public interface EmotionClassifier extends AutoCloseable {

    /**
     * Decodes a WAV file (any sample rate, any channel count) and classifies it.
     *
     * @param wav the WAV file
     * @return the emotion probabilities of the clip
     * @throws IOException if the file cannot be read or is not a supported WAV file; the message
     *     names the file
     */
    Prediction classify(Path wav) throws IOException;

    /**
     * Classifies decoded audio; it is resampled and padded or trimmed as the model requires.
     *
     * @param clip mono samples in [-1, 1] at any sample rate
     * @return the emotion probabilities of the clip
     */
    Prediction classify(AudioClip clip);

    /** Releases the classifier's resources. Further calls to {@code classify} fail. */
    @Override
    void close();
}
