package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Fed in any chunks, the streaming resampler gives the whole-signal resampler's output, bit for bit. */
class StreamingResamplerPropertiesTest {

    /** Everything the sink received, in order. */
    private static final class Collector implements StreamingResampler.Sink {
        float[] data = new float[16];
        int size;

        @Override
        public void accept(float[] samples, int offset, int length) {
            assertTrue(length >= 1);
            if (size + length > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, size + length));
            }
            System.arraycopy(samples, offset, data, size, length);
            size += length;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }

        private static void assertTrue(boolean b) {
            if (!b) {
                throw new AssertionError("empty sink call");
            }
        }
    }

    static float[] signal(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.5 * Math.sin(i * 0.05 + seed) + 0.3 * (r.nextFloat() - 0.5));
        }
        return x;
    }

    static float[] streamed(float[] x, int source, int target, List<Integer> chunks) {
        StreamingResampler s = new StreamingResampler(source, target);
        Collector c = new Collector();
        int pos = 0;
        int k = 0;
        while (pos < x.length) {
            int size = chunks.isEmpty() ? x.length : Math.min(x.length - pos, chunks.get(k++ % chunks.size()));
            // Each chunk in its own array at a random offset, so the resampler cannot lean on the caller's array.
            float[] holder = new float[size + 3];
            System.arraycopy(x, pos, holder, 2, size);
            s.push(holder, 2, size, c);
            pos += size;
        }
        s.finish(c);
        assertEquals(x.length, s.inputLength());
        assertEquals(c.size, s.outputLength());
        return c.toArray();
    }

    @Property(tries = 150)
    void anyChunkingGivesTheWholeSignalsOutputBitForBit(@ForAll("rate") int source, @ForAll("rate") int target,
            @ForAll @IntRange(min = 0, max = 30_000) int length,
            @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 5_000) Integer> chunks,
            @ForAll long seed) {
        float[] x = signal(length, seed);
        List<Integer> sizes = chunks.stream().map(c -> c == 0 ? 1 : c).toList();
        float[] whole = Resampler.resample(x, source, target);
        float[] parts = streamed(x, source, target, sizes);
        assertArrayEquals(whole, parts, source + " -> " + target + ", " + length + " samples, chunks " + sizes);
    }

    @Property(tries = 20)
    void oneSampleAtATimeAndOddRatios(@ForAll("oddRate") int source, @ForAll("oddRate") int target,
            @ForAll @IntRange(min = 1, max = 3_000) int length, @ForAll long seed) {
        float[] x = signal(length, seed);
        assertArrayEquals(Resampler.resample(x, source, target), streamed(x, source, target, List.of(1)));
    }

    @Test
    void longStreamsKeepBoundedState() {
        StreamingResampler s = new StreamingResampler(44_100, 16_000);
        long[] out = new long[1];
        float[] chunk = signal(4_410, 7);
        for (int i = 0; i < 2_000; i++) { // 200 s
            s.push(chunk, 0, chunk.length, (b, o, n) -> out[0] += n);
        }
        s.finish((b, o, n) -> out[0] += n);
        assertEquals(Resampler.outputLength(4_410 * 2_000, 44_100, 16_000), out[0]);
    }

    @Test
    void badUseIsRefusedClearly() {
        StreamingResampler s = new StreamingResampler(48_000, 16_000);
        StreamingResampler.Sink none = (b, o, n) -> { };
        assertThrows(NullPointerException.class, () -> s.push(null, 0, 0, none));
        assertThrows(NullPointerException.class, () -> s.push(new float[1], 0, 1, null));
        assertThrows(IndexOutOfBoundsException.class, () -> s.push(new float[4], -1, 2, none));
        assertThrows(IndexOutOfBoundsException.class, () -> s.push(new float[4], 3, 2, none));
        s.finish(none);
        s.finish(none);
        assertThrows(IllegalStateException.class, () -> s.push(new float[1], 0, 1, none));
        assertThrows(IllegalArgumentException.class, () -> new StreamingResampler(999, 16_000));
        assertThrows(IllegalArgumentException.class, () -> new StreamingResampler(16_000, 384_001));
    }

    @Provide
    Arbitrary<Integer> rate() {
        return Arbitraries.of(8_000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000);
    }

    @Provide
    Arbitrary<Integer> oddRate() {
        return Arbitraries.of(1_000, 7_919, 16_000, 17_123, 44_100, 192_000);
    }
}
