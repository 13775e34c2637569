package org.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.AudioFiles;

/** Reads a file into mono audio. A seam so tests can substitute one; production uses {@link AudioFiles}. */
@FunctionalInterface
interface AudioSource {
    /**
     * ser-core's one entry point for files: the format (WAV, and FLAC, MP3 or Ogg Vorbis when
     * ser-audio-codecs is on the class path) is found from the content. The name is kept for its callers.
     */
    AudioSource WAV = AudioFiles::read;

    /** The file's audio, refused (before allocating it) when its header is outside {@code limits}; the exception message names the file. */
    AudioClip read(Path path, AudioLimits limits) throws IOException;
}
