package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

/** A WAV header read from a stream leaves the stream at the audio, whose bytes convert as the file decodes. */
class WavStreamHeaderTest {
    private static float[] tone(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.6 * Math.sin(i * 0.07));
        }
        return x;
    }

    @Test
    void everyLayoutStreamsTheSamplesTheDecoderGives() throws IOException {
        float[] a = tone(1_001);
        float[] b = tone(1_001);
        for (int i = 0; i < b.length; i++) {
            b[i] *= -0.5f;
        }
        int[][] layouts = {{8, 0}, {16, 0}, {24, 0}, {32, 0}, {32, 1}, {64, 1}};
        for (int[] l : layouts) {
            for (boolean extensible : new boolean[] {false, true}) {
                WavFormat.Encoding enc = l[1] == 1 ? WavFormat.Encoding.IEEE_FLOAT : WavFormat.Encoding.PCM;
                byte[] wav = WavWriter.encode(new float[][] {a, b}, 22_050, enc, l[0], extensible);
                InputStream in = new ByteArrayInputStream(wav);
                WavStreamHeader h = WavDecoder.readStreamHeader(in, "x.wav", AudioLimits.DEFAULT);
                AudioFormat f = h.format();
                assertEquals(22_050f, f.getSampleRate());
                assertEquals(2, f.getChannels());
                assertEquals(l[0], f.getSampleSizeInBits());
                assertEquals(1_001L * 2 * l[0] / 8, h.declaredDataBytes());
                byte[] data = in.readNBytes((int) h.declaredDataBytes());
                PcmConverter c = PcmConverter.forFormat(f);
                float[] mono = new float[1_001];
                c.toMono(data, 0, 1_001, mono, 0);
                assertArrayEquals(WavDecoder.decode(wav, "x.wav").samples(), mono, l[0] + "-bit " + enc);
            }
        }
    }

    @Test
    void chunksBeforeTheAudioAreSkippedAndAnUnknownLengthIsMinusOne() throws IOException {
        byte[] wav = WavWriter.encode(new float[][] {tone(100)}, 16_000, WavFormat.Encoding.PCM, 16, false);
        // RIFF header, a LIST chunk of odd size (padded), then the rest; data size 0xFFFFFFFF as arecord writes
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] withList = new byte[wav.length + list.length];
        System.arraycopy(wav, 0, withList, 0, 12);
        System.arraycopy(list, 0, withList, 12, list.length);
        System.arraycopy(wav, 12, withList, 12 + list.length, wav.length - 12);
        int data = indexOf(withList, "data");
        Arrays.fill(withList, data + 4, data + 8, (byte) 0xFF);
        InputStream in = new ByteArrayInputStream(withList);
        WavStreamHeader h = WavDecoder.readStreamHeader(in, "live", AudioLimits.DEFAULT);
        assertEquals(-1, h.declaredDataBytes());
        assertEquals(200, in.readAllBytes().length);
    }

    @Test
    void badStreamsAreOneClearError() {
        byte[] wav = WavWriter.encode(new float[][] {tone(100)}, 16_000, WavFormat.Encoding.PCM, 16, false);
        AudioFormatException truncated = assertThrows(AudioFormatException.class,
                () -> WavDecoder.readStreamHeader(new ByteArrayInputStream(Arrays.copyOf(wav, 30)), "t", AudioLimits.DEFAULT));
        assertTrue(truncated.getMessage().contains("ended inside the WAV header"), truncated.getMessage());
        AudioFormatException notWav = assertThrows(AudioFormatException.class, () -> WavDecoder.readStreamHeader(
                new ByteArrayInputStream("hello, this is not audio".getBytes(StandardCharsets.US_ASCII)), "t", AudioLimits.DEFAULT));
        assertTrue(notWav.getMessage().contains("not a WAV file"), notWav.getMessage());
        byte[] dataFirst = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 'd', 'a', 't', 'a', 0, 0, 0, 0};
        AudioFormatException order = assertThrows(AudioFormatException.class,
                () -> WavDecoder.readStreamHeader(new ByteArrayInputStream(dataFirst), "t", AudioLimits.DEFAULT));
        assertTrue(order.getMessage().contains("before the fmt chunk"), order.getMessage());
        byte[] fast = wav.clone();
        fast[24] = 5;
        fast[25] = 0;
        fast[26] = 0;
        fast[27] = 0;
        AudioFormatException rate = assertThrows(AudioFormatException.class,
                () -> WavDecoder.readStreamHeader(new ByteArrayInputStream(fast), "t", AudioLimits.DEFAULT));
        assertTrue(rate.getMessage().contains("5 Hz"), rate.getMessage());
    }

    /** Over the WAV mutants: a header, or one AudioFormatException naming the stream; never another exception. */
    @net.jqwik.api.Property(tries = 500)
    void mutantsGiveAHeaderOrAnAudioFormatException(@net.jqwik.api.ForAll long seed) throws IOException {
        WavMutants.Mutant m = WavMutants.next(new java.util.Random(seed));
        try {
            WavStreamHeader h = WavDecoder.readStreamHeader(new ByteArrayInputStream(m.bytes()), "mutant", AudioLimits.DEFAULT);
            AudioFormat f = h.format();
            assertTrue(f.getChannels() >= 1 && f.getChannels() <= AudioLimits.MAX_CHANNELS, m.kind() + ": " + f);
            PcmConverter.forFormat(f); // every header read is a layout the converter takes
        } catch (AudioFormatException e) {
            assertTrue(e.getMessage().startsWith("mutant: "), e.getMessage());
        }
    }

    private static int indexOf(byte[] b, String id) {
        byte[] needle = id.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + 4 <= b.length; i++) {
            for (int k = 0; k < 4; k++) {
                if (b[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
