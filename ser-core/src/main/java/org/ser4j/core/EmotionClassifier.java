package org.ser4j.core;

import java.io.IOException;
import java.io.InputStream;
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

    /**
     * Classifies audio read from a stream (an upload, a socket, a class-path resource), whose
     * format is found from its content, not from a name. The stream is read to its end and not
     * closed; memory follows the stream's size (see {@link org.ser4j.core.audio.AudioStreams}).
     *
     * @param audio the encoded audio (WAV today)
     * @return the predicted emotion and all six probabilities
     * @throws IOException if the stream cannot be read, or its content is not audio this
     *     classifier decodes ({@link org.ser4j.core.audio.AudioFormatException})
     * @throws NullPointerException if {@code audio} is null
     */
    Prediction classify(InputStream audio) throws IOException;

    /** Releases the classifier's resources. Further calls to {@code classify} fail. */
    @Override
    void close();
}
