package org.ser4j.codecs;

import java.util.Arrays;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.AudioFormatException;
import org.ser4j.core.audio.AudioLimits;
import org.ser4j.core.audio.EmptyAudioException;

/**
 * Decoded audio mixed to mono as it arrives, refused as soon as it passes the maximum duration (so
 * a stream that decodes forever, or to far more than its header says, costs at most the limit).
 */
final class MonoBuffer {
    /** Largest float array the JVM will allocate. */
    private static final long MAX_FRAMES = Integer.MAX_VALUE - 16L;
    private final String src;
    private final String format;
    private final AudioLimits limits;
    private final int rate;
    private final long maxFrames;
    private float[] out;
    private long frames;

    MonoBuffer(String src, String format, AudioLimits limits, int rate) {
        this.src = src;
        this.format = format;
        this.limits = limits;
        this.rate = rate;
        this.maxFrames = Math.min(MAX_FRAMES, (long) Math.floor(limits.maxDuration().toMillis() / 1000.0 * rate));
        this.out = new float[(int) Math.min(maxFrames + 1, 64 * 1024)];
    }

    long frames() {
        return frames;
    }

    /** Appends whole frames of interleaved little-endian signed PCM ({@code bits} 8, 16 or 24), averaging the channels. */
    void addInterleaved(byte[] b, int length, int channels, int bits) throws AudioFormatException {
        int bytes = bits / 8;
        int whole = length / (bytes * channels);
        if (frames + whole > maxFrames) {
            limits.checkDuration(src, format + " decoded length", frames + whole, rate);
            throw new AudioFormatException(src, format + " decodes to more than " + maxFrames + " frames");
        }
        if (frames + whole > out.length) {
            long grown = Math.max(frames + whole, Math.min(maxFrames + 1, (long) out.length * 2));
            out = Arrays.copyOf(out, (int) Math.min(grown, MAX_FRAMES));
        }
        double scale = 1.0 / (1L << (bits - 1)) / channels;
        int p = 0;
        int dst = (int) frames;
        for (int i = 0; i < whole; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                int v;
                if (bytes == 2) {
                    v = (short) ((b[p] & 0xff) | (b[p + 1] << 8));
                } else if (bytes == 3) {
                    v = (b[p] & 0xff) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] << 16);
                } else {
                    v = b[p];
                }
                sum += v;
                p += bytes;
            }
            out[dst + i] = (float) (sum * scale);
        }
        frames += whole;
    }

    /** The samples after dropping {@code head} and keeping at most {@code length} (all when negative). */
    AudioClip toClip(long head, long length) throws AudioFormatException {
        long start = Math.min(head, frames);
        long n = length < 0 ? frames - start : Math.min(length, frames - start);
        if (n <= 0) {
            throw new EmptyAudioException(src, "the " + format + " content holds no samples");
        }
        return new AudioClip(Arrays.copyOfRange(out, (int) start, (int) (start + n)), rate);
    }
}
