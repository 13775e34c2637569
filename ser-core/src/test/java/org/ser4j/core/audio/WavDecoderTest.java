package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavDecoderTest {

    @TempDir
    Path dir;

    /** Samples of the form k / 2^(bits-1) that every encoding of that depth stores exactly. */
    private static float[] exactRamp(int n, int bits, int seed) {
        float[] x = new float[n];
        long scale = 1L << (Math.min(bits, 24) - 1);
        java.util.Random r = new java.util.Random(seed);
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextInt((int) (2 * scale)) - scale) / (double) scale);
        }
        x[0] = -1f;
        x[1] = (scale - 1) / (float) scale;
        return x;
    }

    @ParameterizedTest
    @CsvSource({"PCM,8", "PCM,16", "PCM,24", "PCM,32", "IEEE_FLOAT,32", "IEEE_FLOAT,64"})
    void monoRoundTripsExactlyPlainAndExtensible(WavFormat.Encoding enc, int bits) throws Exception {
        float[] x = exactRamp(1001, bits, bits);
        for (boolean ext : new boolean[] {false, true}) {
            byte[] wav = WavWriter.encode(new float[][] {x}, 22050, enc, bits, ext);
            AudioClip clip = WavDecoder.decode(wav, "t.wav");
            assertEquals(22050, clip.sampleRate());
            assertArrayEquals(x, clip.samples(), 0f, enc + "/" + bits + " ext=" + ext);
            WavFormat f = WavDecoder.decodeFormat(wav, "t.wav");
            assertEquals(new WavFormat(enc, bits, 1, 22050, 1001), f);
        }
    }

    @ParameterizedTest
    @CsvSource({"PCM,16,2", "PCM,24,3", "IEEE_FLOAT,32,6", "PCM,8,2"})
    void multiChannelIsAveraged(WavFormat.Encoding enc, int bits, int channels) throws Exception {
        float[][] ch = new float[channels][];
        for (int c = 0; c < channels; c++) {
            ch[c] = exactRamp(500, bits, 17 * c + 1);
        }
        byte[] wav = WavWriter.encode(ch, 48000, enc, bits, channels > 2);
        AudioClip clip = WavDecoder.decode(wav, "multi.wav");
        for (int i = 0; i < 500; i++) {
            double sum = 0;
            for (float[] c : ch) {
                sum += c[i];
            }
            assertEquals(sum / channels, clip.samples()[i], 1e-7, "frame " + i);
        }
        assertEquals(channels, WavDecoder.decodeFormat(wav, "multi.wav").channels());
    }

    @Test
    void scalingMatchesSoundfile() throws Exception {
        // 16-bit: int16 / 32768
        byte[] w16 = raw(1, 1, 8000, 16, le16(-32768, 16384, 32767, 0, -1));
        assertArrayEquals(new float[] {-1f, 0.5f, 32767f / 32768, 0f, -1f / 32768},
                WavDecoder.decode(w16, "a").samples(), 0f);
        // 8-bit unsigned: (b - 128) / 128
        byte[] w8 = raw(1, 1, 8000, 8, new byte[] {0, (byte) 128, (byte) 255, 64});
        assertArrayEquals(new float[] {-1f, 0f, 127f / 128, -0.5f}, WavDecoder.decode(w8, "a").samples(), 0f);
        // 24-bit: int24 / 2^23
        byte[] w24 = raw(1, 1, 8000, 24, new byte[] {0, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0x7F, 1, 0, 0});
        assertArrayEquals(new float[] {-1f, 8388607f / 8388608, 1f / 8388608},
                WavDecoder.decode(w24, "a").samples(), 0f);
        // 32-bit: int32 / 2^31
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        assertArrayEquals(new float[] {-1f, 0.5f}, WavDecoder.decode(raw(1, 1, 8000, 32, b.array()), "a").samples(), 0f);
    }

    @Test
    void skipsUnknownChunksWithPadByte() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("RIFF".getBytes());
        o.writeBytes(le32(0));
        o.writeBytes("WAVE".getBytes());
        o.writeBytes(chunk("LIST", new byte[] {1, 2, 3})); // odd: followed by a pad byte
        o.writeBytes(chunk("fmt ", fmt(1, 1, 16000, 16)));
        o.writeBytes(chunk("junk", new byte[5]));
        o.writeBytes(chunk("data", le16(100, -100)));
        AudioClip clip = WavDecoder.decode(o.toByteArray(), "chunks.wav");
        assertArrayEquals(new float[] {100f / 32768, -100f / 32768}, clip.samples(), 0f);
    }

    @Test
    void overlongDataChunkUsesWholeFramesPresent() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes("RIFF".getBytes());
        o.writeBytes(le32(-1));
        o.writeBytes("WAVE".getBytes());
        o.writeBytes(chunk("fmt ", fmt(1, 2, 16000, 16)));
        o.writeBytes("data".getBytes());
        o.writeBytes(le32(-1)); // 0xFFFFFFFF, as streaming writers leave it
        o.writeBytes(le16(1000, 3000, -2000, -4000, 7)); // two whole stereo frames and half a frame
        AudioClip clip = WavDecoder.decode(o.toByteArray(), "stream.wav");
        assertArrayEquals(new float[] {2000f / 32768, -3000f / 32768}, clip.samples(), 0f);
        assertEquals(2, WavDecoder.decodeFormat(o.toByteArray(), "stream.wav").frames());
    }

    @Test
    void readsFilesAndHeaders() throws Exception {
        Path p = dir.resolve("x.wav");
        float[] x = exactRamp(3000, 16, 3);
        WavWriter.writePcm16(p, new AudioClip(x, 44100));
        assertArrayEquals(x, WavDecoder.read(p).samples(), 0f);
        assertEquals(new WavFormat(WavFormat.Encoding.PCM, 16, 1, 44100, 3000), WavDecoder.readFormat(p));
        Path f = dir.resolve("f.wav");
        float[] y = {0.1f, -0.7f, 3.5f};
        WavWriter.writeFloat32(f, new AudioClip(y, 16000));
        assertArrayEquals(y, WavDecoder.read(f).samples(), 0f);
    }

    @Test
    void missingFileAndDirectoryAreNamed() {
        Path missing = dir.resolve("nope.wav");
        IOException e = assertThrows(IOException.class, () -> WavDecoder.read(missing));
        assertTrue(e.getMessage().contains("nope.wav"), e.getMessage());
        IOException d = assertThrows(IOException.class, () -> WavDecoder.readFormat(dir));
        assertTrue(d.getMessage().contains(dir.toString()), d.getMessage());
    }

    @Test
    void truncatedFileOnDiskIsReported() throws Exception {
        Path p = dir.resolve("cut.wav");
        Files.write(p, Arrays.copyOf(raw(1, 1, 16000, 16, le16(1, 2)), 30));
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavDecoder.read(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void badInputsNameTheSourceAndTheProblem() {
        byte[] good = raw(1, 1, 16000, 16, le16(1, 2, 3));
        expectError(new byte[5], "too short");
        expectError(Arrays.copyOf(good, 10), "too short");
        expectError(Arrays.copyOf(good, 30), "truncated");
        byte[] notRiff = good.clone();
        notRiff[0] = 'X';
        expectError(notRiff, "not a WAV file");
        byte[] notWave = good.clone();
        notWave[8] = 'A';
        expectError(notWave, "not WAVE");
        expectError(riff(chunk("data", le16(1, 2))), "no fmt chunk");
        expectError(riff(chunk("fmt ", fmt(1, 1, 16000, 16))), "no data chunk");
        expectError(raw(1, 1, 16000, 16, new byte[0]), "empty");
        expectError(raw(1, 2, 16000, 16, new byte[2]), "less than one frame");
        assertThrows(EmptyAudioException.class, () -> WavDecoder.decode(raw(1, 1, 16000, 16, new byte[0]), "e.wav"));
        assertThrows(EmptyAudioException.class, () -> WavDecoder.decodeFormat(raw(1, 2, 16000, 24, new byte[5]), "e.wav"));
        expectError(raw(1, 0, 16000, 16, new byte[4]), "zero channels");
        expectError(raw(1, 1, 0, 16, new byte[4]), "sample rate of 0");
        expectError(raw(6, 1, 8000, 8, new byte[4]), "A-law");
        expectError(raw(0x55, 1, 8000, 16, new byte[4]), "unsupported encoding");
        expectError(raw(1, 1, 8000, 12, new byte[4]), "bit depth 12");
        expectError(raw(3, 1, 8000, 16, new byte[4]), "bit depth 16");
        expectError(riff(chunk("fmt ", Arrays.copyOf(fmt(1, 1, 8000, 16), 14)), chunk("data", new byte[2])),
                "expected at least 16");
        byte[] ext = WavWriter.encode(new float[][] {{0f}}, 8000, WavFormat.Encoding.PCM, 16, true);
        ext[20 + 8 + 24 + 2] = 0x42; // corrupt the sub-format GUID
        expectError(ext, "sub-format GUID");
    }

    private static void expectError(byte[] bytes, String fragment) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> WavDecoder.decode(bytes, "bad.wav"));
        assertTrue(e.getMessage().startsWith("bad.wav: "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
        AudioFormatException h = assertThrows(AudioFormatException.class, () -> WavDecoder.decodeFormat(bytes, "bad.wav"));
        assertEquals(e.getMessage(), h.getMessage());
    }

    static byte[] raw(int tag, int channels, int rate, int bits, byte[] data) {
        return riff(chunk("fmt ", fmt(tag, channels, rate, bits)), chunk("data", data));
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8))
                .putShort((short) bits).array();
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        o.writeBytes("RIFF".getBytes());
        o.writeBytes(le32(size));
        o.writeBytes("WAVE".getBytes());
        for (byte[] c : chunks) {
            o.writeBytes(c);
        }
        return o.toByteArray();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(id.getBytes());
        o.writeBytes(le32(body.length));
        o.writeBytes(body);
        if ((body.length & 1) == 1) {
            o.write(0);
        }
        return o.toByteArray();
    }

    static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    static byte[] le16(int... v) {
        ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : v) {
            b.putShort((short) s);
        }
        return b.array();
    }
}
