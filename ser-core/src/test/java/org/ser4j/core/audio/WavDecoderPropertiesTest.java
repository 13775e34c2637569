package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class WavDecoderPropertiesTest {

    /** Arbitrary bytes: the decoder returns a clip or throws its documented exception, nothing else. */
    @Property(tries = 500)
    void arbitraryBytesOnlyEverThrowAudioFormatException(@ForAll @Size(max = 200) byte[] bytes) {
        decodeOrReject(bytes);
    }

    /** Valid files with a few random byte changes (in the header, most likely): same guarantee. */
    @Property(tries = 1000)
    void corruptedHeadersOnlyEverThrowAudioFormatException(@ForAll("corrupted") byte[] bytes) {
        decodeOrReject(bytes);
    }

    /** Headers claiming huge sizes must not make the decoder allocate them. */
    @Property(tries = 200)
    void hugeDeclaredSizesDoNotAllocate(@ForAll @IntRange(min = 0, max = 60) int offset, @ForAll int value) {
        byte[] wav = WavWriter.encode(new float[][] {{0.5f, -0.5f}}, 16000, WavFormat.Encoding.PCM, 16, false);
        if (offset + 4 <= wav.length) {
            wav[offset] = (byte) value;
            wav[offset + 1] = (byte) (value >> 8);
            wav[offset + 2] = (byte) (value >> 16);
            wav[offset + 3] = (byte) (value >> 24);
        }
        decodeOrReject(wav);
    }

    @Property(tries = 200)
    void pcm16RoundTrips(@ForAll @Size(min = 1, max = 300) short[] values, @ForAll @IntRange(min = 1, max = 4) int channels,
            @ForAll @IntRange(min = 1000, max = 192000) int rate) throws AudioFormatException {
        int frames = values.length / channels;
        if (frames == 0) {
            return;
        }
        float[][] ch = new float[channels][frames];
        for (int i = 0; i < frames * channels; i++) {
            ch[i % channels][i / channels] = values[i] / 32768f;
        }
        AudioClip clip = WavDecoder.decode(WavWriter.encode(ch, rate, WavFormat.Encoding.PCM, 16, channels > 2), "p");
        float[] expected = new float[frames];
        for (int f = 0; f < frames; f++) {
            double s = 0;
            for (float[] c : ch) {
                s += c[f];
            }
            expected[f] = (float) (s / channels);
        }
        assertEquals(rate, clip.sampleRate());
        assertArrayEquals(expected, clip.samples(), 1e-7f);
    }

    @Provide
    Arbitrary<byte[]> corrupted() {
        Arbitrary<Integer> encodingIndex = Arbitraries.integers().between(0, 5);
        return encodingIndex.flatMap(e -> {
            WavFormat.Encoding enc = e < 4 ? WavFormat.Encoding.PCM : WavFormat.Encoding.IEEE_FLOAT;
            int bits = new int[] {8, 16, 24, 32, 32, 64}[e];
            byte[] base = WavWriter.encode(new float[][] {{0.25f, -0.5f, 0.75f}, {0f, 0.5f, -1f}}, 44100, enc, bits, e % 2 == 0);
            return Arbitraries.integers().between(0, Math.min(base.length, 80) - 1).list().ofMinSize(1).ofMaxSize(4)
                    .flatMap(positions -> Arbitraries.bytes().list().ofSize(positions.size()).map(vals -> {
                        byte[] b = base.clone();
                        for (int i = 0; i < positions.size(); i++) {
                            b[positions.get(i)] = vals.get(i);
                        }
                        return b;
                    }));
        });
    }

    private static void decodeOrReject(byte[] bytes) {
        try {
            AudioClip clip = WavDecoder.decode(bytes, "fuzz");
            // Anything accepted must be a sane clip no larger than the data present.
            if (clip.length() <= 0 || clip.length() > bytes.length || clip.sampleRate() <= 0) {
                throw new AssertionError("implausible clip " + clip.length() + " @ " + clip.sampleRate());
            }
        } catch (AudioFormatException e) {
            if (!e.getMessage().startsWith("fuzz: ")) {
                throw new AssertionError("message does not name the source: " + e.getMessage());
            }
        }
    }
}
