package org.ser4j.core.audio;

import java.io.IOException;
import java.io.InputStream;

/**
 * A decoder for one compressed audio format, found at run time with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/org.ser4j.core.audio.AudioDecoderProvider} entry in an optional jar such
 * as ser-audio-codecs). ser-core decodes WAV itself and hands any other content to the first
 * provider that {@linkplain #recognizes(byte[]) recognises} its first bytes, for files
 * ({@link AudioFiles}) and streams ({@link AudioStreams}) alike.
 *
 * <p>A provider's contract is ser-core's: the same {@link AudioLimits} (rate and channels checked
 * from the header, duration checked while decoding, before the decoded samples outgrow it) and one
 * {@link AudioFormatException} naming the source for any malformed input, never another exception.
 * Implementations must be stateless and thread-safe.
 */
public interface AudioDecoderProvider {
    /**
     * The format's name, for messages.
     *
     * @return for example {@code "FLAC"}
     */
    String formatName();

    /**
     * Whether content starting with these bytes is this provider's format.
     *
     * @param head the first bytes of the content (up to {@link AudioFiles#HEAD_BYTES}; fewer when
     *     the content is shorter); not modified
     * @return true if this provider decodes it
     */
    boolean recognizes(byte[] head);

    /**
     * Decodes the content to mono samples at its own rate.
     *
     * @param in the whole content from its first byte; read incrementally, not closed
     * @param source names the content in error messages (a path or a stream description)
     * @param limits what the content may declare and hold (rate, channels, duration)
     * @return the mono samples in [-1, 1) at the content's own rate, Hz
     * @throws AudioFormatException if the content is malformed, not decodable, or outside
     *     {@code limits} (naming {@code source})
     * @throws IOException if reading {@code in} fails
     */
    AudioClip decode(InputStream in, String source, AudioLimits limits) throws IOException;
}
