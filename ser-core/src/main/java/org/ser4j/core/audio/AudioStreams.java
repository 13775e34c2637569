package org.ser4j.core.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Decodes audio from an {@link InputStream} (an upload, a socket, a resource in a jar) by its
 * content, not by a name: the stream is read to its end into memory, its first bytes identify the
 * format, and the format's decoder applies the same {@link AudioLimits} as for files: WAV (RIFF
 * {@code WAVE}: PCM 8/16/24/32-bit, IEEE float 32/64, any channel layout) by {@link WavDecoder},
 * FLAC, MP3 and Ogg Vorbis by the {@link AudioDecoderProvider}s on the class path (the optional
 * ser-audio-codecs module), exactly as {@link AudioFiles} does for files.
 *
 * <p>Memory: the stream's own size, about twice while it is read, and at most
 * {@link #MAX_STREAM_BYTES}; a longer stream is refused as soon as it passes that size, before
 * anything else is allocated. The stream is not closed.
 */
public final class AudioStreams {
    /** The longest stream read, in bytes: the largest Java byte array. */
    public static final int MAX_STREAM_BYTES = Integer.MAX_VALUE - 8;
    /** Consecutive reads returning no bytes after which a stream counts as stuck. */
    private static final int MAX_IDLE_READS = 10_000;

    private AudioStreams() {
    }

    /**
     * Reads and decodes a stream to mono samples at its own rate.
     *
     * @param in the audio; read to its end, not closed
     * @param source a name for the stream in error messages (for example an upload's file name);
     *     {@code <stream>} when null
     * @param limits what the header may declare (rate, channels, duration)
     * @return the mono samples (scaled as librosa loads them) at the stream's own sample rate, Hz
     * @throws AudioFormatException if the content is not a format ser4j decodes, is longer than
     *     {@link #MAX_STREAM_BYTES}, or its header is outside {@code limits} (naming the source)
     * @throws IOException if reading the stream fails
     * @throws NullPointerException if {@code in} or {@code limits} is null
     */
    public static AudioClip read(InputStream in, String source, AudioLimits limits) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(limits, "limits");
        String src = source == null ? "<stream>" : source;
        byte[] bytes = readAll(in, src, MAX_STREAM_BYTES);
        return decode(bytes, src, limits);
    }

    /**
     * Decodes bytes by their content.
     *
     * @param bytes the whole encoded file
     * @param source a name for the bytes in error messages
     * @param limits what the header may declare
     * @return the mono samples at the file's own rate
     * @throws AudioFormatException if the content is not a format ser4j decodes or is outside the limits
     */
    static AudioClip decode(byte[] bytes, String source, AudioLimits limits) throws IOException {
        if (AudioDecoders.isWav(bytes)) {
            return WavDecoder.decode(bytes, source, limits);
        }
        byte[] head = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, AudioFiles.HEAD_BYTES));
        AudioDecoderProvider provider = AudioDecoders.providerFor(head, source);
        return AudioDecoders.decode(provider, new java.io.ByteArrayInputStream(bytes), source, limits);
    }

    /** The stream's bytes; refused once they pass {@code max}. */
    static byte[] readAll(InputStream in, String source, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        long total = 0;
        int idle = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            // read(byte[]) blocks until it has a byte; one that keeps returning 0 is broken
            if (n == 0 && ++idle > MAX_IDLE_READS) {
                throw new AudioFormatException(source, "the stream makes no progress (" + MAX_IDLE_READS
                        + " reads returned no bytes and no end of stream)");
            }
            if (n > 0) {
                idle = 0;
            }
            total += n;
            if (total > max) {
                throw new AudioFormatException(source, "the stream holds more than " + max + " bytes, the most ser4j reads from a stream");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
