package org.ser4j.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An encoded audio file held in memory (the bytes of a WAV file, or of FLAC, MP3 or Ogg Vorbis
 * when ser-audio-codecs is on the class path), for
 * {@link WindowedEmotionClassifier#classifyEachEncoded} when the audio does not come from the
 * local file system, such as the rows of a distributed table.
 *
 * <p>The array is not copied, so a batch of large files is not held twice; it must not be changed
 * while it is being classified. Equality is that of records: the array by identity.
 *
 * @param name how results and error messages name the audio (for example its original path or
 *     URI); it is not opened
 * @param content the encoded file's bytes; decoded by content, as files are
 */
public record EncodedAudio(Path name, byte[] content) {
    /**
     * Checks the arguments.
     *
     * @param name how results and error messages name the audio; not null
     * @param content the encoded file's bytes; not null
     * @throws NullPointerException if an argument is null
     */
    public EncodedAudio {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }
}
