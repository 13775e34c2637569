package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavWriterTest {

    @TempDir
    Path dir;

    @Test
    void quantisesWithRoundingAndClipping() throws Exception {
        float[] x = {1.0f, -1.0f, 1.5f, -2f, 0.49f / 32768, 0.51f / 32768, -0.51f / 32768};
        float[] y = WavDecoder.decode(WavWriter.encode(new float[][] {x}, 8000, WavFormat.Encoding.PCM, 16, false), "w").samples();
        assertArrayEquals(new float[] {32767f / 32768, -1f, 32767f / 32768, -1f, 0f, 1f / 32768, -1f / 32768}, y, 0f);
        float[] y8 = WavDecoder.decode(WavWriter.encode(new float[][] {{1f, -1f, 0.5f}}, 8000, WavFormat.Encoding.PCM, 8, false), "w").samples();
        assertArrayEquals(new float[] {127f / 128, -1f, 0.5f}, y8, 0f);
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[0][], 8000, WavFormat.Encoding.PCM, 16, false));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[][] {{0f}, {0f, 1f}}, 8000, WavFormat.Encoding.PCM, 16, false));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[][] {{0f}}, 0, WavFormat.Encoding.PCM, 16, false));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[][] {{0f}}, 8000, WavFormat.Encoding.PCM, 12, false));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[][] {{0f}}, 8000, WavFormat.Encoding.IEEE_FLOAT, 16, false));
        assertThrows(IllegalArgumentException.class, () -> WavWriter.encode(new float[][] {{Float.NaN}}, 8000, WavFormat.Encoding.PCM, 16, false));
    }

    @Test
    void failedWriteLeavesTheTargetUntouchedAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("keep.wav");
        WavWriter.writePcm16(target, new AudioClip(new float[] {0.25f}, 16000));
        byte[] before = Files.readAllBytes(target);
        assertThrows(IllegalArgumentException.class,
                () -> WavWriter.writePcm16(target, new AudioClip(new float[] {Float.POSITIVE_INFINITY}, 16000)));
        assertArrayEquals(before, Files.readAllBytes(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void writesMultiChannelFloat() throws Exception {
        Path p = dir.resolve("sub/stereo.wav");
        WavWriter.write(p, new float[][] {{0.5f, 0.25f}, {-0.5f, 0.75f}}, 48000, WavFormat.Encoding.IEEE_FLOAT, 32, false);
        assertEquals(new WavFormat(WavFormat.Encoding.IEEE_FLOAT, 32, 2, 48000, 2), WavDecoder.readFormat(p));
        assertArrayEquals(new float[] {0f, 0.5f}, WavDecoder.read(p).samples(), 0f);
        assertFalse(Files.exists(dir.resolve("stereo.wav")));
    }
}
