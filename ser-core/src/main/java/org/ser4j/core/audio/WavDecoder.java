package org.ser4j.core.audio;

import java.io.IOException;
import java.nio.file.Path;

/** Decodes RIFF/WAVE files to mono {@link AudioClip}s. (Contract stub: implementation pending.) */
public final class WavDecoder {
    private WavDecoder() {
    }

    /** Reads a WAV file, mixing channels down by averaging. */
    public static AudioClip read(Path path) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Reads only the header of a WAV file. */
    public static WavFormat readFormat(Path path) throws IOException {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Decodes WAV bytes; {@code source} names them in error messages. */
    public static AudioClip decode(byte[] bytes, String source) throws AudioFormatException {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
