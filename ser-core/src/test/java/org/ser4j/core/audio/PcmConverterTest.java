package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** PCM bytes of every supported layout convert to soundfile's scaling, channels averaged as librosa does. */
class PcmConverterTest {

    /** The expected float of integer sample {@code v} (signed, in range for {@code bits}). */
    private static float scaled(long v, int bits) {
        return bits == 32 ? (float) v * (1.0f / 2147483648.0f) : (float) v / (1L << (bits - 1));
    }

    @Property(tries = 200)
    void integerPcmOfEveryLayout(@ForAll("bits") int bits, @ForAll boolean bigEndian, @ForAll boolean unsigned,
            @ForAll @IntRange(min = 1, max = 6) int channels, @ForAll @IntRange(min = 0, max = 300) int frames,
            @ForAll long seed) {
        Random r = new Random(seed);
        int bytes = bits / 8;
        byte[] pcm = new byte[3 + frames * channels * bytes];
        float[] expected = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                long v = r.nextLong() >> (64 - bits); // signed, in range
                float x = scaled(v, bits);
                sum = c == 0 ? x : sum + x;
                long stored = unsigned ? v + (1L << (bits - 1)) : v;
                int p = 3 + (f * channels + c) * bytes;
                for (int k = 0; k < bytes; k++) {
                    int shift = 8 * (bigEndian ? bytes - 1 - k : k);
                    pcm[p + k] = (byte) (stored >> shift);
                }
            }
            expected[f] = channels == 1 ? sum : sum / channels;
        }
        AudioFormat format = new AudioFormat(unsigned ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                16_000f, bits, channels, channels * bytes, 16_000f, bigEndian);
        PcmConverter converter = PcmConverter.forFormat(format);
        assertEquals(channels * bytes, converter.frameBytes());
        float[] out = new float[frames + 1];
        converter.toMono(pcm, 3, frames, out, 1);
        float[] got = java.util.Arrays.copyOfRange(out, 1, frames + 1);
        assertArrayEquals(expected, got);
    }

    @Property(tries = 60)
    void floatPcmAsStored(@ForAll boolean wide, @ForAll boolean bigEndian, @ForAll @IntRange(min = 1, max = 3) int channels,
            @ForAll @IntRange(min = 0, max = 200) int frames, @ForAll long seed) {
        Random r = new Random(seed);
        int bytes = wide ? 8 : 4;
        ByteBuffer bb = ByteBuffer.allocate(frames * channels * bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] expected = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                double v = r.nextGaussian() * 0.3;
                float x;
                if (wide) {
                    bb.putDouble(v);
                    x = (float) v;
                } else {
                    bb.putFloat((float) v);
                    x = (float) v;
                }
                sum = c == 0 ? x : sum + x;
            }
            expected[f] = channels == 1 ? sum : sum / channels;
        }
        PcmConverter converter = PcmConverter.forFormat(new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 44_100f, bytes * 8,
                channels, channels * bytes, 44_100f, bigEndian));
        float[] out = new float[frames];
        converter.toMono(bb.array(), 0, frames, out, 0);
        assertArrayEquals(expected, out);
    }

    @Test
    void eightBitUnsignedIsWavsScaling() {
        PcmConverter c = PcmConverter.forFormat(new AudioFormat(AudioFormat.Encoding.PCM_UNSIGNED, 8_000f, 8, 1, 1, 8_000f, false));
        float[] out = new float[3];
        c.toMono(new byte[] {0, (byte) 128, (byte) 255}, 0, 3, out, 0);
        assertArrayEquals(new float[] {-1f, 0f, 127 / 128f}, out);
    }

    @Test
    void manyChannelsSpanSeveralScratchBlocks() {
        int channels = 64;
        int frames = 1_000; // 64,000 samples: four blocks of the 16 K scratch
        byte[] pcm = new byte[frames * channels * 2];
        float[] expected = new float[frames];
        for (int f = 0; f < frames; f++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                short v = (short) (f * 31 + c * 7);
                int p = 2 * (f * channels + c);
                pcm[p] = (byte) v;
                pcm[p + 1] = (byte) (v >> 8);
                sum = c == 0 ? v / 32768f : sum + v / 32768f;
            }
            expected[f] = sum / channels;
        }
        float[] out = new float[frames];
        PcmConverter.forFormat(new AudioFormat(16_000f, 16, channels, true, false)).toMono(pcm, 0, frames, out, 0);
        assertArrayEquals(expected, out);
    }

    @Test
    void unsupportedFormatsAreRefusedByName() {
        assertThrows(NullPointerException.class, () -> PcmConverter.forFormat(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PcmConverter.forFormat(new AudioFormat(AudioFormat.Encoding.ULAW, 8_000f, 8, 1, 1, 8_000f, false)));
        assertEquals(true, e.getMessage().contains("ULAW"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PcmConverter.forFormat(new AudioFormat(16_000f, 12, 1, true, false)));
        assertThrows(IllegalArgumentException.class, () -> PcmConverter.forFormat(new AudioFormat(16_000f, 16, 65, true, false)));
        assertThrows(IllegalArgumentException.class, () -> PcmConverter.forFormat(
                new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, 16_000f, 16, 1, 2, 16_000f, false)));
        assertThrows(IllegalArgumentException.class, () -> PcmConverter.forFormat(
                new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 16_000f, 16, 2, 3, 16_000f, false)));
        PcmConverter ok = PcmConverter.forFormat(new AudioFormat(16_000f, 16, 2, true, false));
        assertThrows(IndexOutOfBoundsException.class, () -> ok.toMono(new byte[8], 2, 2, new float[2], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> ok.toMono(new byte[8], 0, 2, new float[1], 0));
    }

    @Provide
    Arbitrary<Integer> bits() {
        return Arbitraries.of(8, 16, 24, 32);
    }
}
