package org.ser4j.core.audio;

/**
 * A well-formed WAV file whose data chunk holds no whole frame of audio (zero-length data, or
 * fewer bytes than one frame). A subclass of {@link AudioFormatException}, so callers that treat
 * every undecodable file alike need not know it; callers that count empty clips separately (e.g.
 * corpus statistics) can catch it. The message names the file.
 */
public class EmptyAudioException extends AudioFormatException {
    private static final long serialVersionUID = 1L;

    /**
     * An error about the named source.
     *
     * @param source the file path, or a description of the stream such as a URL; the message is
     *     {@code source + ": " + problem}
     * @param problem why there is no whole frame, e.g. {@code "data chunk is empty (zero-length audio)"}
     */
    public EmptyAudioException(String source, String problem) {
        super(source, problem);
    }
}
