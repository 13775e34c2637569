package org.ser4j.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small 16-bit PCM mono WAV files for tests (test-only; the library's writer lives in ser-core). */
final class TestWavs {
    private TestWavs() {
    }

    /** The bytes of a canonical 44-byte-header 16-bit mono WAV of the samples, clamped to [-1, 1). */
    static byte[] pcm16(float[] samples, int rate) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * samples.length);
        for (float s : samples) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32768.0))));
        }
        return b.array();
    }

    static void write(Path p, float[] samples, int rate) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, pcm16(samples, rate));
    }

    /** A decaying tone with a little noise, like a short voiced sound. */
    static float[] tone(int n, int rate, double freq, double amplitude, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double env = Math.sin(Math.PI * i / n);
            x[i] = (float) (amplitude * env * Math.sin(2 * Math.PI * freq * i / rate) + 0.01 * r.nextGaussian());
        }
        return x;
    }
}
