package org.ser4j.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;
import org.ser4j.core.io.AtomicFiles;

/**
 * Test support, shipped in ser-core's test jar rather than its API (only tests write WAV files).
 * Writes WAV files: integer PCM (8, 16, 24, 32 bits) or IEEE float (32, 64 bits), one or more
 * channels, optionally with a {@code WAVE_FORMAT_EXTENSIBLE} header. Files are written atomically
 * (see {@link AtomicFiles}).
 *
 * <p>Quantisation is the inverse of {@link WavDecoder}'s scaling: a sample {@code x} is stored as
 * {@code round(x * 2^(bits-1))}, clipped to the integer range (8-bit PCM adds the 128 offset).
 * Samples exactly of the form {@code k / 2^(bits-1)} therefore round-trip exactly. Float samples
 * are stored as they are.
 *
 * <p>Stateless and thread-safe.
 */
public final class WavWriter {
    private WavWriter() {
    }

    /**
     * Writes a mono clip as 16-bit PCM.
     *
     * @param target the file to write; replaced if it exists, missing parent folders are created
     * @param clip the audio, at its own sample rate; samples outside [-1, 1) are clipped
     * @throws NullPointerException if {@code target} or {@code clip} is null
     * @throws IllegalArgumentException if a sample is not finite or the audio is too long for a WAV
     *     file (about 2 GiB of data); nothing is written then
     * @throws IOException if the file or its folder cannot be written; the target is then untouched
     */
    public static void writePcm16(Path target, AudioClip clip) throws IOException {
        write(target, new float[][] {clip.samples()}, clip.sampleRate(), WavFormat.Encoding.PCM, 16, false);
    }

    /**
     * Writes a mono clip as 32-bit IEEE float.
     *
     * @param target the file to write; replaced if it exists, missing parent folders are created
     * @param clip the audio, at its own sample rate; samples are stored as they are (not clipped)
     * @throws NullPointerException if {@code target} or {@code clip} is null
     * @throws IllegalArgumentException if a sample is not finite or the audio is too long for a WAV
     *     file (about 2 GiB of data); nothing is written then
     * @throws IOException if the file or its folder cannot be written; the target is then untouched
     */
    public static void writeFloat32(Path target, AudioClip clip) throws IOException {
        write(target, new float[][] {clip.samples()}, clip.sampleRate(), WavFormat.Encoding.IEEE_FLOAT, 32, false);
    }

    /**
     * Writes channels (each array one channel, all of the same length) in the given encoding.
     *
     * @param target the file to write; replaced if it exists, missing parent folders are created
     * @param channels one array per channel, all of the same length (the frame count, may be 0),
     *     nominally in [-1, 1); at least 1 and at most {@code 65535 / (bitsPerSample / 8)} channels
     * @param sampleRate frames per second, Hz, positive
     * @param encoding {@link WavFormat.Encoding#PCM PCM} or {@link WavFormat.Encoding#IEEE_FLOAT
     *     IEEE_FLOAT}, not null
     * @param bitsPerSample 8, 16, 24 or 32 for PCM; 32 or 64 for IEEE float
     * @param extensible true for a 40-byte {@code WAVE_FORMAT_EXTENSIBLE} fmt chunk (channel mask of
     *     the first {@code channels.length} speakers, 0 from 32 channels on), false for a plain
     *     {@code WAVE_FORMAT_PCM} (1) or {@code WAVE_FORMAT_IEEE_FLOAT} (3) header
     * @throws NullPointerException if {@code target}, {@code channels}, a channel or
     *     {@code encoding} is null
     * @throws IllegalArgumentException on an unsupported encoding/bit depth, no channels or too
     *     many, channels of different lengths, a non-positive rate, a non-finite sample or data too
     *     long for WAV (about 2 GiB); nothing is written then
     * @throws IOException if the file or its folder cannot be written; the target is then untouched
     */
    public static void write(Path target, float[][] channels, int sampleRate, WavFormat.Encoding encoding,
            int bitsPerSample, boolean extensible) throws IOException {
        Objects.requireNonNull(target, "target");
        byte[] bytes = encode(channels, sampleRate, encoding, bitsPerSample, extensible);
        AtomicFiles.write(target, bytes);
    }

    /**
     * The bytes of a WAV file holding the given channels; see
     * {@link #write(Path, float[][], int, WavFormat.Encoding, int, boolean)}.
     *
     * @param channels one array per channel, all of the same length (the frame count, may be 0),
     *     nominally in [-1, 1); at least 1 and at most {@code 65535 / (bitsPerSample / 8)} channels
     * @param sampleRate frames per second, Hz, positive
     * @param encoding {@link WavFormat.Encoding#PCM PCM} or {@link WavFormat.Encoding#IEEE_FLOAT
     *     IEEE_FLOAT}, not null
     * @param bitsPerSample 8, 16, 24 or 32 for PCM; 32 or 64 for IEEE float
     * @param extensible true for a {@code WAVE_FORMAT_EXTENSIBLE} fmt chunk, false for a plain one
     * @return the whole file: RIFF header, {@code fmt } chunk, a {@code fact} chunk for float or
     *     extensible files, and the {@code data} chunk (padded to an even size), little-endian
     * @throws NullPointerException if {@code channels}, a channel or {@code encoding} is null
     * @throws IllegalArgumentException on an unsupported encoding/bit depth, no channels or too
     *     many, channels of different lengths, a non-positive rate, a non-finite sample or data too
     *     long for one array (about 2 GiB)
     */
    public static byte[] encode(float[][] channels, int sampleRate, WavFormat.Encoding encoding,
            int bitsPerSample, boolean extensible) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(encoding, "encoding");
        if (channels.length == 0 || channels.length > 65535) {
            throw new IllegalArgumentException("need 1 to 65535 channels, got " + channels.length);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        boolean pcm = encoding == WavFormat.Encoding.PCM;
        if (pcm ? bitsPerSample != 8 && bitsPerSample != 16 && bitsPerSample != 24 && bitsPerSample != 32
                : bitsPerSample != 32 && bitsPerSample != 64) {
            throw new IllegalArgumentException("unsupported " + encoding + " bit depth " + bitsPerSample);
        }
        int frames = Objects.requireNonNull(channels[0], "channel 0").length;
        for (int c = 1; c < channels.length; c++) {
            if (Objects.requireNonNull(channels[c], "channel " + c).length != frames) {
                throw new IllegalArgumentException("channel " + c + " has " + channels[c].length
                        + " samples, channel 0 has " + frames);
            }
        }
        int bytesPerSample = bitsPerSample / 8;
        int blockAlign = channels.length * bytesPerSample;
        if (blockAlign > 0xFFFF) {
            throw new IllegalArgumentException(channels.length + " channels of " + bitsPerSample
                    + " bits make a frame too large for a WAV header");
        }
        long dataBytes = (long) frames * blockAlign;
        int fmtSize = extensible ? 40 : pcm ? 16 : 18;
        boolean fact = !pcm || extensible;
        long total = 12 + 8 + fmtSize + (fact ? 12 : 0) + 8 + dataBytes + (dataBytes & 1);
        if (total > Integer.MAX_VALUE - 16 || total - 8 > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("audio too long for a WAV file: " + dataBytes + " data bytes");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (total - 8)).put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(fmtSize);
        int tag = pcm ? 1 : 3;
        b.putShort((short) (extensible ? 0xFFFE : tag)).putShort((short) channels.length).putInt(sampleRate)
                .putInt((int) Math.min(0xFFFFFFFFL, (long) sampleRate * blockAlign)).putShort((short) blockAlign).putShort((short) bitsPerSample);
        if (extensible) {
            b.putShort((short) 22).putShort((short) bitsPerSample).putInt(channelMask(channels.length));
            b.putShort((short) tag).put(new byte[] {
                0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        } else if (!pcm) {
            b.putShort((short) 0);
        }
        if (fact) {
            b.put(new byte[] {'f', 'a', 'c', 't'}).putInt(4).putInt(frames);
        }
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        for (int i = 0; i < frames; i++) {
            for (float[] channel : channels) {
                float x = channel[i];
                if (!Float.isFinite(x)) {
                    throw new IllegalArgumentException("non-finite sample " + x + " at frame " + i);
                }
                if (!pcm) {
                    if (bitsPerSample == 32) {
                        b.putFloat(x);
                    } else {
                        b.putDouble(x);
                    }
                    continue;
                }
                long scale = 1L << (bitsPerSample - 1);
                long v = Math.max(-scale, Math.min(scale - 1, Math.round((double) x * scale)));
                switch (bitsPerSample) {
                    case 8 -> b.put((byte) (v + 128));
                    case 16 -> b.putShort((short) v);
                    case 24 -> b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
                    default -> b.putInt((int) v);
                }
            }
        }
        return b.array();
    }

    private static int channelMask(int channels) {
        return channels >= 32 ? 0 : (1 << channels) - 1;
    }
}
