package org.ser4j.core.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Mutated WAV files for fuzzing: small valid clips in many encodings, and the damage real
 * archives and hostile inputs hold (truncations, lying chunk sizes, random bytes, absurd rates and
 * channel counts, zero channels, odd bit depths, {@code WAVE_FORMAT_EXTENSIBLE} with odd masks,
 * GUIDs and sizes, huge {@code fmt} chunks, odd-sized and countless chunks, NaN and infinite
 * float samples, headers declaring hours of audio). Everything is derived from one
 * {@link Random}, so a seed reproduces a mutant. Test code (shared with the other modules' tests
 * through ser-core's test jar); the CLI's done-when check uses its own, separate generator.
 */
public final class WavMutants {
    private WavMutants() {
    }

    /** The kinds of damage. */
    public enum Kind {
        /** The file cut at a random length. */
        TRUNCATED,
        /** The RIFF size field set to a random value. */
        LYING_RIFF_SIZE,
        /** The data chunk's size set to a random or extreme value. */
        LYING_DATA_SIZE,
        /** The fmt chunk's size set to a random or extreme value. */
        LYING_FMT_SIZE,
        /** Random bytes, sometimes behind a valid RIFF/WAVE preamble. */
        RANDOM_BYTES,
        /** A few bytes of the header or data overwritten at random. */
        FLIPPED_BYTES,
        /** An absurd sample rate (0, 1, 3 Hz, just outside the limits, 4 GHz, ...). */
        ABSURD_RATE,
        /** An absurd channel count (65, 255, 65535, ...). */
        ABSURD_CHANNELS,
        /** Zero channels. */
        ZERO_CHANNELS,
        /** A bit depth ser4j does not decode (0, 1, 12, 33, 65535, ...). */
        ODD_BITS,
        /** WAVE_FORMAT_EXTENSIBLE with an odd channel mask, valid bits, cbSize or GUID. */
        EXTENSIBLE_ODD,
        /** An fmt chunk of 64 KiB (present) or declaring 2 GiB (absent). */
        HUGE_FMT_CHUNK,
        /** An odd-sized unknown chunk before the data, with or without its pad byte. */
        ODD_SIZED_CHUNK,
        /** Thousands of tiny chunks before the data. */
        MANY_CHUNKS,
        /** A float file with NaN, infinities or (64-bit) values beyond float range. */
        NON_FINITE_FLOATS,
        /** A low rate and a data size declaring hours of audio, the file ending early. */
        HOURS_DECLARED,
        /** Two fmt chunks, or the data chunk before the fmt chunk. */
        REORDERED_CHUNKS,
    }

    /**
     * A mutant and how it was made.
     *
     * @param kind the damage
     * @param bytes the file
     */
    public record Mutant(Kind kind, byte[] bytes) {
    }

    /**
     * A random mutant.
     *
     * @param r the source of every choice
     * @return a good clip damaged in one of the {@link Kind}s
     */
    public static Mutant next(Random r) {
        Kind kind = Kind.values()[r.nextInt(Kind.values().length)];
        return new Mutant(kind, mutate(kind, r));
    }

    /** The encodings of the good clips: tag, channels, rate, bits. */
    private static final int[][] ENCODINGS = {
        {1, 1, 16000, 16}, {1, 2, 44100, 16}, {1, 1, 22050, 24}, {3, 1, 48000, 32}, {1, 1, 11025, 8},
        {3, 2, 16000, 64}, {1, 1, 8000, 32}, {0xFFFE, 2, 32000, 16}, {0xFFFE, 1, 16000, 32},
    };

    /**
     * A small valid clip (0.1 to 1.5 s of a noisy tone) in a random encoding.
     *
     * @param r the source of every choice
     * @return the WAV file
     */
    public static byte[] goodClip(Random r) {
        int[] e = ENCODINGS[r.nextInt(ENCODINGS.length)];
        boolean isFloat = e[0] == 3 || (e[0] == 0xFFFE && e[3] == 32 && r.nextBoolean());
        return build(e[0], e[1], e[2], e[3], isFloat, 0.1 + 1.4 * r.nextDouble(), r);
    }

    /**
     * A valid clip of the given encoding.
     *
     * @param tag format tag (1 PCM, 3 float, 0xFFFE extensible)
     * @param channels channel count
     * @param rate sample rate, Hz
     * @param bits bits per sample
     * @param isFloat samples are IEEE float (the sub-format, when extensible)
     * @param seconds duration
     * @param r noise and tone
     * @return the WAV file
     */
    public static byte[] build(int tag, int channels, int rate, int bits, boolean isFloat, double seconds, Random r) {
        int frames = Math.max(1, (int) (seconds * rate));
        double freq = 100 + 700 * r.nextDouble();
        ByteBuffer data = ByteBuffer.allocate(frames * channels * (bits / 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double env = Math.sin(Math.PI * i / frames);
            for (int c = 0; c < channels; c++) {
                double v = 0.5 * env * Math.sin(2 * Math.PI * freq * i / rate + c) + 0.01 * r.nextGaussian();
                putSample(data, v, bits, isFloat);
            }
        }
        return riff(fmt(tag, channels, rate, bits, isFloat, r.nextInt(4) == 0 ? 0x3F : (1 << channels) - 1), data.array(),
                r.nextInt(3) == 0);
    }

    private static void putSample(ByteBuffer b, double v, int bits, boolean isFloat) {
        if (isFloat) {
            if (bits == 64) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
            return;
        }
        switch (bits) {
            case 8 -> b.put((byte) (Math.round(v * 127) + 128));
            case 16 -> b.putShort((short) Math.round(v * 32767));
            case 24 -> {
                int x = (int) Math.round(v * 8388607);
                b.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
            }
            default -> b.putInt((int) Math.round(v * 2147483647.0));
        }
    }

    /** An fmt chunk body: 16 bytes, or 40 for extensible. */
    static byte[] fmt(int tag, int channels, long rate, int bits, boolean isFloat, int mask) {
        boolean ext = tag == 0xFFFE;
        ByteBuffer b = ByteBuffer.allocate(ext ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) channels).putInt((int) rate)
                .putInt((int) (rate * channels * bits / 8)).putShort((short) (channels * bits / 8)).putShort((short) bits);
        if (ext) {
            b.putShort((short) 22).putShort((short) bits).putInt(mask);
            b.putInt(isFloat ? 3 : 1).put(new byte[] {0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
                0x38, (byte) 0x9B, 0x71});
        }
        return b.array();
    }

    /** RIFF/WAVE with an fmt chunk, optionally a LIST chunk, and a data chunk. */
    static byte[] riff(byte[] fmt, byte[] data, boolean withList) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ascii("RIFF"));
        out.writeBytes(le32(0));
        out.writeBytes(ascii("WAVE"));
        chunk(out, "fmt ", fmt);
        if (withList) {
            chunk(out, "LIST", ascii("INFOISFT\u0005\u0000\u0000\u0000ser4j\u0000"));
        }
        chunk(out, "data", data);
        byte[] b = out.toByteArray();
        putLe32(b, 4, b.length - 8);
        return b;
    }

    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
        out.writeBytes(ascii(id));
        out.writeBytes(le32(body.length));
        out.writeBytes(body);
        if ((body.length & 1) == 1) {
            out.write(0);
        }
    }

    /**
     * A good clip damaged in the given way.
     *
     * @param kind the damage
     * @param r the source of every choice
     * @return the mutant's bytes
     */
    public static byte[] mutate(Kind kind, Random r) {
        byte[] good = goodClip(r);
        int fmt = find(good, "fmt ");
        int data = find(good, "data");
        switch (kind) {
            case TRUNCATED -> {
                return Arrays.copyOf(good, r.nextInt(good.length));
            }
            case LYING_RIFF_SIZE -> {
                putLe32(good, 4, r.nextInt());
                return good;
            }
            case LYING_DATA_SIZE -> {
                putLe32(good, data + 4, pick(r, 0, 1, 3, 0x7FFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE, r.nextInt(), r.nextInt(64)));
                return good;
            }
            case LYING_FMT_SIZE -> {
                putLe32(good, fmt + 4, pick(r, 0, 2, 14, 15, 17, 18, 39, 41, 0xFFFFFFFF, r.nextInt(), r.nextInt(200)));
                return good;
            }
            case RANDOM_BYTES -> {
                byte[] b = new byte[r.nextInt(4096)];
                r.nextBytes(b);
                if (b.length >= 12 && r.nextBoolean()) {
                    System.arraycopy(good, 0, b, 0, 12);
                }
                if (b.length >= 44 && r.nextBoolean()) {
                    System.arraycopy(good, 0, b, 0, 36); // a plausible fmt chunk, then garbage
                }
                return b;
            }
            case FLIPPED_BYTES -> {
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n; i++) {
                    int at = r.nextBoolean() ? r.nextInt(Math.min(good.length, 80)) : r.nextInt(good.length);
                    good[at] = (byte) r.nextInt(256);
                }
                return good;
            }
            case ABSURD_RATE -> {
                putLe32(good, fmt + 12, pick(r, 0, 1, 3, 7, 999, 384_001, 1_000_000, 0x7FFFFFFF, 0xFFFFFFFF, r.nextInt(),
                        1000 + r.nextInt(383_001)));
                return good;
            }
            case ABSURD_CHANNELS -> {
                putLe16(good, fmt + 10, pick(r, 65, 100, 255, 256, 4096, 65535, 3 + r.nextInt(62), r.nextInt(65536)));
                return good;
            }
            case ZERO_CHANNELS -> {
                putLe16(good, fmt + 10, 0);
                return good;
            }
            case ODD_BITS -> {
                putLe16(good, fmt + 22, pick(r, 0, 1, 4, 7, 12, 20, 33, 48, 65535, r.nextInt(65536)));
                return good;
            }
            case EXTENSIBLE_ODD -> {
                int channels = 1 + r.nextInt(8);
                int bits = r.nextBoolean() ? 16 : 32;
                boolean isFloat = bits == 32 && r.nextBoolean();
                byte[] f = fmt(0xFFFE, channels, 16000, bits, isFloat, pick(r, 0, 0xFFFFFFFF, 0x80000000, r.nextInt(), 1));
                switch (r.nextInt(4)) {
                    case 0 -> putLe16(f, 18, pick(r, 0, 1, 24, 33, 65535)); // valid bits
                    case 1 -> putLe16(f, 16, pick(r, 0, 21, 23, 65535)); // cbSize
                    case 2 -> f[24 + r.nextInt(16)] ^= (byte) (1 + r.nextInt(255)); // GUID
                    default -> {
                        // only the mask is odd
                    }
                }
                byte[] samples = new byte[channels * bits / 8 * (100 + r.nextInt(4000))];
                fillPlausible(samples, bits, isFloat, r);
                if (r.nextBoolean()) {
                    f = Arrays.copyOf(f, 16 + r.nextInt(24)); // an extensible tag in a short fmt chunk
                }
                return riff(f, samples, false);
            }
            case HUGE_FMT_CHUNK -> {
                if (r.nextBoolean()) {
                    byte[] f = Arrays.copyOf(Arrays.copyOfRange(good, fmt + 8, fmt + 8 + le32(good, fmt + 4)), 65536 + r.nextInt(3));
                    return riff(f, Arrays.copyOfRange(good, data + 8, good.length), false);
                }
                putLe32(good, fmt + 4, 0x7FFFFFF0 + r.nextInt(16));
                return good;
            }
            case ODD_SIZED_CHUNK -> {
                int n = 1 + 2 * r.nextInt(50);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(good, 0, data);
                out.writeBytes(ascii("junk"));
                out.writeBytes(le32(n));
                out.writeBytes(new byte[n]);
                if (r.nextBoolean()) {
                    out.write(0); // the pad byte; without it the data chunk is misaligned
                }
                out.write(good, data, good.length - data);
                byte[] b = out.toByteArray();
                putLe32(b, 4, b.length - 8);
                return b;
            }
            case MANY_CHUNKS -> {
                int n = AudioLimits.MAX_HEADER_CHUNKS + 1 + r.nextInt(3000);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(good, 0, data);
                for (int i = 0; i < n; i++) {
                    out.writeBytes(ascii("tiny"));
                    out.writeBytes(le32(0));
                }
                out.write(good, data, good.length - data);
                return out.toByteArray();
            }
            case NON_FINITE_FLOATS -> {
                boolean wide = r.nextBoolean();
                int channels = 1 + r.nextInt(2);
                byte[] clip = build(3, channels, 16000, wide ? 64 : 32, true, 0.1 + r.nextDouble(), r);
                int d = find(clip, "data") + 8;
                int width = wide ? 8 : 4;
                int count = (clip.length - d) / width;
                int bad = 1 + r.nextInt(4);
                for (int i = 0; i < bad; i++) {
                    int at = d + width * r.nextInt(count);
                    double v = pick(r, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, wide ? 1e300 : Double.NaN);
                    if (wide) {
                        ByteBuffer.wrap(clip, at, 8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v);
                    } else {
                        ByteBuffer.wrap(clip, at, 4).order(ByteOrder.LITTLE_ENDIAN).putFloat((float) v);
                    }
                }
                return clip;
            }
            case HOURS_DECLARED -> {
                putLe32(good, fmt + 12, pick(r, 1000, 1001, 8000));
                putLe32(good, data + 4, 0x7FFFFFFF - r.nextInt(1000));
                return good;
            }
            default -> {
                // REORDERED_CHUNKS
                byte[] fmtChunk = Arrays.copyOfRange(good, fmt, fmt + 8 + le32(good, fmt + 4));
                byte[] dataChunk = Arrays.copyOfRange(good, data, good.length);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(good, 0, 12);
                if (r.nextBoolean()) {
                    out.writeBytes(dataChunk);
                    out.writeBytes(fmtChunk);
                } else {
                    out.writeBytes(fmtChunk);
                    byte[] second = fmtChunk.clone();
                    putLe16(second, 10, pick(r, 0, 3, 65535));
                    out.writeBytes(second);
                    out.writeBytes(dataChunk);
                }
                byte[] b = out.toByteArray();
                putLe32(b, 4, b.length - 8);
                return b;
            }
        }
    }

    private static void fillPlausible(byte[] samples, int bits, boolean isFloat, Random r) {
        ByteBuffer b = ByteBuffer.wrap(samples).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= bits / 8) {
            putSample(b, 0.3 * r.nextGaussian(), bits, isFloat);
        }
    }

    /** Offset of the first chunk with this id after the RIFF preamble (the clips are built here, so it exists). */
    static int find(byte[] wav, String id) {
        int pos = 12;
        while (pos + 8 <= wav.length) {
            if (new String(wav, pos, 4, StandardCharsets.ISO_8859_1).equals(id)) {
                return pos;
            }
            int size = le32(wav, pos + 4);
            pos += 8 + size + (size & 1);
        }
        throw new IllegalStateException("no " + id + " chunk");
    }

    private static int pick(Random r, int... values) {
        return values[r.nextInt(values.length)];
    }

    private static double pick(Random r, double... values) {
        return values[r.nextInt(values.length)];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static int le32(byte[] b, int p) {
        return ByteBuffer.wrap(b, p, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private static void putLe32(byte[] b, int p, int v) {
        ByteBuffer.wrap(b, p, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
    }

    private static void putLe16(byte[] b, int p, int v) {
        ByteBuffer.wrap(b, p, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v);
    }
}
