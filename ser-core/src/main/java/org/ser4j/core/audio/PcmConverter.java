package org.ser4j.core.audio;

import java.util.Objects;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;

/**
 * Converts interleaved PCM bytes to mono float samples: the one conversion ser4j has, used by
 * {@link WavDecoder} for WAV data and by the streaming classifier for raw PCM chunks.
 *
 * <p>Supported ({@link #forFormat(AudioFormat)}): {@link AudioFormat.Encoding#PCM_SIGNED} and
 * {@link AudioFormat.Encoding#PCM_UNSIGNED} of 8, 16, 24 and 32 bits, and
 * {@link AudioFormat.Encoding#PCM_FLOAT} of 32 and 64 bits, little- or big-endian, 1 to
 * {@value AudioLimits#MAX_CHANNELS} channels. Scaling is soundfile's (as librosa loads audio):
 * integers divided by 2<sup>bits-1</sup> (unsigned values first shifted by half their range, so
 * 8-bit unsigned {@code b} becomes {@code (b - 128) / 128}; 32-bit values rounded to float before
 * the power-of-two scale), floats as stored (64-bit rounded to float). Channels are averaged per
 * frame by a float32 sum in channel order and one division, which is {@code librosa.to_mono} bit
 * for bit. Non-finite float samples are converted as they are; callers that refuse them check.
 *
 * <p>Not thread-safe: an instance keeps a small scratch buffer (at most 64 KiB) for multi-channel
 * audio, so use one per thread or per stream. Converting allocates nothing.
 */
public final class PcmConverter {
    /** Frames converted per block of multi-channel audio (bounds the scratch buffer). */
    private static final int BLOCK_SAMPLES = 16 * 1024;
    private final boolean isFloat;
    private final boolean unsigned;
    private final boolean bigEndian;
    private final int bits;
    private final int channels;
    private float[] scratch;

    PcmConverter(boolean isFloat, boolean unsigned, boolean bigEndian, int bits, int channels) {
        this.isFloat = isFloat;
        this.unsigned = unsigned;
        this.bigEndian = bigEndian && bits > 8;
        this.bits = bits;
        this.channels = channels;
    }

    /**
     * A converter for audio in {@code format}.
     *
     * @param format the PCM layout of the bytes; its sample rate is not used here
     * @return a new converter (not thread-safe)
     * @throws NullPointerException if {@code format} is null
     * @throws IllegalArgumentException if the encoding is not PCM signed, unsigned or float, the
     *     sample size is not 8/16/24/32 bits (integers) or 32/64 bits (floats), the channel count
     *     is outside 1 .. {@value AudioLimits#MAX_CHANNELS}, or a frame size given in the format is
     *     not {@code channels * bits / 8}
     */
    public static PcmConverter forFormat(AudioFormat format) {
        Objects.requireNonNull(format, "format");
        AudioFormat.Encoding e = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        int channels = format.getChannels();
        boolean isFloat;
        boolean unsigned;
        if (AudioFormat.Encoding.PCM_SIGNED.equals(e) || AudioFormat.Encoding.PCM_UNSIGNED.equals(e)) {
            isFloat = false;
            unsigned = AudioFormat.Encoding.PCM_UNSIGNED.equals(e);
            if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                throw new IllegalArgumentException("unsupported PCM sample size " + bits + " bits (supported: 8, 16, 24, 32) in " + format);
            }
        } else if (AudioFormat.Encoding.PCM_FLOAT.equals(e)) {
            isFloat = true;
            unsigned = false;
            if (bits != 32 && bits != 64) {
                throw new IllegalArgumentException("unsupported float sample size " + bits + " bits (supported: 32, 64) in " + format);
            }
        } else {
            throw new IllegalArgumentException("unsupported encoding " + e + " (supported: PCM_SIGNED, PCM_UNSIGNED, PCM_FLOAT)");
        }
        if (channels < 1 || channels > AudioLimits.MAX_CHANNELS) {
            throw new IllegalArgumentException("channel count must be 1 to " + AudioLimits.MAX_CHANNELS + ", got "
                    + channels + " in " + format);
        }
        int frameSize = format.getFrameSize();
        if (frameSize != AudioSystem.NOT_SPECIFIED && frameSize != channels * bits / 8) {
            throw new IllegalArgumentException("frame size " + frameSize + " bytes does not match " + channels + " channels of "
                    + bits + " bits in " + format);
        }
        return new PcmConverter(isFloat, unsigned, format.isBigEndian(), bits, channels);
    }

    /**
     * Channels per frame.
     *
     * @return the channel count, 1 to {@value AudioLimits#MAX_CHANNELS}
     */
    public int channels() {
        return channels;
    }

    /**
     * Bytes per frame: {@code channels * bits / 8}.
     *
     * @return the frame size in bytes, 1 to 512
     */
    public int frameBytes() {
        return channels * (bits / 8);
    }

    /**
     * Converts whole frames to mono samples.
     *
     * @param in the interleaved PCM bytes
     * @param offset index in {@code in} of the first frame's first byte
     * @param frames number of frames to convert, non-negative
     * @param out receives one mono sample per frame
     * @param outOffset index in {@code out} of the first frame's sample
     * @throws NullPointerException if {@code in} or {@code out} is null
     * @throws IndexOutOfBoundsException if a range lies outside its array
     */
    public void toMono(byte[] in, int offset, int frames, float[] out, int outOffset) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        long bytes = (long) frames * frameBytes();
        if (frames < 0 || offset < 0 || offset + bytes > in.length) {
            throw new IndexOutOfBoundsException("frames " + frames + " of " + frameBytes() + " bytes from offset " + offset
                    + " do not fit in " + in.length + " bytes");
        }
        Objects.checkFromIndexSize(outOffset, frames, out.length);
        if (channels == 1) {
            toInterleaved(in, offset, frames, out, outOffset);
            return;
        }
        int block = Math.max(1, BLOCK_SAMPLES / channels);
        if (scratch == null) {
            scratch = new float[block * channels];
        }
        int frameBytes = frameBytes();
        for (int done = 0; done < frames; done += block) {
            int n = Math.min(block, frames - done);
            toInterleaved(in, offset + done * frameBytes, n * channels, scratch, 0);
            mixDown(scratch, n, channels, out, outOffset + done);
        }
    }

    /** Converts {@code count} interleaved samples of {@code b} from {@code off} to floats at {@code out[dst...]}. */
    void toInterleaved(byte[] b, int off, int count, float[] out, int dst) {
        if (isFloat) {
            if (bits == 32) {
                for (int i = 0, p = off; i < count; i++, p += 4) {
                    out[dst + i] = Float.intBitsToFloat(int32(b, p));
                }
            } else {
                for (int i = 0, p = off; i < count; i++, p += 8) {
                    long first = int32(b, p) & 0xFFFFFFFFL;
                    long second = int32(b, p + 4) & 0xFFFFFFFFL;
                    long raw = bigEndian ? (first << 32) | second : (second << 32) | first;
                    out[dst + i] = (float) Double.longBitsToDouble(raw);
                }
            }
            return;
        }
        switch (bits) {
            case 8 -> {
                if (unsigned) {
                    for (int i = 0; i < count; i++) {
                        out[dst + i] = ((b[off + i] & 0xFF) - 128) * (1.0f / 128);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        out[dst + i] = b[off + i] * (1.0f / 128);
                    }
                }
            }
            case 16 -> {
                if (!bigEndian && !unsigned) {
                    for (int i = 0, p = off; i < count; i++, p += 2) {
                        out[dst + i] = (short) ((b[p] & 0xFF) | (b[p + 1] << 8)) * (1.0f / 32768);
                    }
                } else {
                    int flip = unsigned ? 0x8000 : 0;
                    for (int i = 0, p = off; i < count; i++, p += 2) {
                        int raw = bigEndian ? ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF) : (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8);
                        out[dst + i] = (short) (raw ^ flip) * (1.0f / 32768);
                    }
                }
            }
            case 24 -> {
                if (!bigEndian && !unsigned) {
                    for (int i = 0, p = off; i < count; i++, p += 3) {
                        out[dst + i] = ((b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] << 16)) * (1.0f / 8388608);
                    }
                } else {
                    int flip = unsigned ? 0x800000 : 0;
                    for (int i = 0, p = off; i < count; i++, p += 3) {
                        int raw = bigEndian ? ((b[p] & 0xFF) << 16) | ((b[p + 1] & 0xFF) << 8) | (b[p + 2] & 0xFF)
                                : (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16);
                        out[dst + i] = (((raw ^ flip) << 8) >> 8) * (1.0f / 8388608);
                    }
                }
            }
            default -> {
                int flip = unsigned ? 0x80000000 : 0;
                // Rounding to float before scaling, as libsndfile does; the scale is a power of two.
                for (int i = 0, p = off; i < count; i++, p += 4) {
                    out[dst + i] = (float) (int32(b, p) ^ flip) * (1.0f / 2147483648.0f);
                }
            }
        }
    }

    private int int32(byte[] b, int p) {
        return bigEndian
                ? (b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)
                : (b[p] & 0xFF) | ((b[p + 1] & 0xFF) << 8) | ((b[p + 2] & 0xFF) << 16) | (b[p + 3] << 24);
    }

    /**
     * Averages each frame's channels: a float32 sum in channel order, then one division, which is
     * numpy's float32 mean as librosa.to_mono computes it, bit for bit.
     */
    static void mixDown(float[] interleaved, int frames, int channels, float[] out, int dst) {
        float divisor = channels;
        if (channels == 2) {
            for (int i = 0, p = 0; i < frames; i++, p += 2) {
                out[dst + i] = (interleaved[p] + interleaved[p + 1]) / divisor;
            }
            return;
        }
        for (int i = 0, p = 0; i < frames; i++) {
            float sum = interleaved[p++];
            for (int c = 1; c < channels; c++) {
                sum += interleaved[p++];
            }
            out[dst + i] = sum / divisor;
        }
    }
}
