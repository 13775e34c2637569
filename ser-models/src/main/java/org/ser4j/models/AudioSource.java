package org.ser4j.models;

import java.io.IOException;
import java.nio.file.Path;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.WavDecoder;

/** Reads a file into mono audio. A seam so tests can substitute one; production uses {@link WavDecoder}. */
@FunctionalInterface
interface AudioSource {
    /** ser-core's WAV decoder. */
    AudioSource WAV = WavDecoder::read;

    /** The file's audio, refused (before allocating it) when its header is outside {@code limits}; the exception message names the file. */
    AudioClip read(Path path, AudioLimits limits) throws IOException;
}
