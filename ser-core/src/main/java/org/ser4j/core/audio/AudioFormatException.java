package org.ser4j.core.audio;

import java.io.IOException;

/**
 * A file is not audio ser4j can decode: not RIFF/WAVE, truncated, empty, or an unsupported
 * encoding. The message always names the file and says what is wrong.
 */
public class AudioFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * An error about the named source (a path or a description of the stream).
     *
     * @param source the file path, or a description of the stream such as a URL; the message is
     *     {@code source + ": " + problem}
     * @param problem what is wrong, e.g. {@code "no data chunk found"}
     */
    public AudioFormatException(String source, String problem) {
        super(source + ": " + problem);
    }

    /**
     * An error with an underlying cause.
     *
     * @param source the file path, or a description of the stream such as a URL; the message is
     *     {@code source + ": " + problem}
     * @param problem what is wrong, e.g. {@code "cannot decode: ..."}
     * @param cause the underlying failure, returned by {@link #getCause()}; may be null
     */
    public AudioFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
