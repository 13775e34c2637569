package org.ser4j.core.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one entry point for reading an audio file: the format is found from the file's first bytes,
 * never from its name. WAV (RIFF/WAVE) is decoded by {@link WavDecoder}; FLAC, MP3 and Ogg Vorbis
 * by an {@link AudioDecoderProvider} found on the class path (the optional ser-audio-codecs
 * module). Content of a known compressed format without its provider is refused with a message
 * that says which module is missing.
 *
 * <p>Every path applies the same {@link AudioLimits} and throws one {@link AudioFormatException}
 * naming the file for any malformed content. This class is stateless and thread-safe.
 */
public final class AudioFiles {
    /** How many leading bytes identify a format. */
    public static final int HEAD_BYTES = 64;
    /** The file name extensions (lower case, without the dot) that folder scans offer for decoding. */
    public static final List<String> EXTENSIONS = List.of("wav", "flac", "mp3", "ogg");

    private AudioFiles() {
    }

    /**
     * Whether a file's name ends in one of {@link #EXTENSIONS} (any case); used only to choose which
     * files of a folder to look at, never to choose the decoder.
     *
     * @param file the file
     * @return true for {@code a.wav}, {@code b.FLAC}, {@code c.mp3}, {@code d.ogg}
     */
    public static boolean hasAudioExtension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(n.substring(dot + 1));
    }

    /**
     * Reads an audio file with the default limits.
     *
     * @param path the file
     * @return the mono samples at the file's own sample rate, Hz
     * @throws AudioFormatException if the content is not audio ser4j decodes (naming the file)
     * @throws IOException if the file is missing, a directory or cannot be read
     */
    public static AudioClip read(Path path) throws IOException {
        return read(path, AudioLimits.DEFAULT);
    }

    /**
     * Reads an audio file of any supported format, found from its content.
     *
     * @param path the file
     * @param limits what the file may declare and hold (rate, channels, duration)
     * @return the mono samples at the file's own sample rate, Hz
     * @throws EmptyAudioException if the file holds no audio
     * @throws AudioFormatException if the content is not audio ser4j decodes, is damaged, or is
     *     outside {@code limits} (naming the file)
     * @throws IOException if the file is missing, a directory or cannot be read
     */
    public static AudioClip read(Path path, AudioLimits limits) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(limits, "limits");
        if (Files.isDirectory(path)) {
            throw new FileSystemException(path.toString(), null, "is a directory, not an audio file");
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such file");
        }
        String src = path.toString();
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(HEAD_BYTES);
        }
        if (AudioDecoders.isWav(head)) {
            return WavDecoder.read(path, limits);
        }
        AudioDecoderProvider provider = AudioDecoders.providerFor(head, src);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 64 * 1024)) {
            return AudioDecoders.decode(provider, in, src, limits);
        }
    }

    /**
     * Names the format of content from its first bytes, whether or not its decoder is present.
     *
     * @param head the first bytes (up to {@link #HEAD_BYTES})
     * @return {@code "WAV"}, {@code "FLAC"}, {@code "MP3"}, {@code "Ogg"}, or null if unknown
     */
    public static String formatOf(byte[] head) {
        return AudioDecoders.knownFormat(head);
    }
}
