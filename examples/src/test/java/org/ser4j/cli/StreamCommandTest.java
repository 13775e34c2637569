package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.core.audio.WavWriter;

/** {@code ser4j stream} prints the window lines of {@code classify --timeline}, from a file or standard input. */
class StreamCommandTest {
    @TempDir
    static Path dir;
    private static Path minute;
    private static List<String> timelineWindows;

    /** About a minute of speech-like sound whose pitch, loudness and noise change every few seconds (so windows differ). */
    static float[] recording(int n, int rate, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n];
        double f0 = 150;
        double amp = 0.3;
        double noise = 0.02;
        for (int i = 0; i < n; i++) {
            if (i % (3 * rate) == 0) {
                f0 = 90 + r.nextInt(300);
                amp = 0.05 + 0.5 * r.nextDouble();
                noise = 0.002 + 0.08 * r.nextDouble();
            }
            double t = i / (double) rate;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * (2 + f0 / 100) * t);
            x[i] = (float) (amp * env * (Math.sin(2 * Math.PI * f0 * t) + 0.3 * Math.sin(2 * Math.PI * 2.7 * f0 * t))
                    + noise * r.nextGaussian());
        }
        return x;
    }

    @BeforeAll
    static void writeMinute() throws IOException {
        int rate = 44_100;
        float[] left = recording(rate * 61, rate, 1);
        float[] right = recording(rate * 61, rate, 2);
        minute = dir.resolve("minute.wav");
        WavWriter.write(minute, new float[][] {left, right}, rate, WavFormat.Encoding.PCM, 24, false);
        CliRun r = CliRun.ser4j("classify", "--timeline", minute.toString());
        assertEquals(0, r.exitCode(), r.err());
        timelineWindows = r.outLines().subList(1, r.outLines().size());
        assertEquals(1 + (int) Math.ceil((61 * 16_000 - 80_080) / 40_040.0), timelineWindows.size());
    }

    /** The same window times and emotions, and every probability within rounding of the timeline's. */
    static void assertSameLines(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), String.join("\n", actual));
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i).trim().split("\\s+");
            String[] a = actual.get(i).trim().split("\\s+");
            assertEquals(e.length, a.length, actual.get(i));
            for (int k = 0; k < e.length; k++) {
                if (k < 3) { // start, end, emotion
                    assertEquals(e[k], a[k], "window " + i + ": " + actual.get(i));
                } else {
                    double ev = Double.parseDouble(e[k].substring(e[k].indexOf('=') + 1));
                    double av = Double.parseDouble(a[k].substring(a[k].indexOf('=') + 1));
                    assertEquals(ev, av, 1.01e-4, "window " + i + ": " + actual.get(i));
                }
            }
        }
    }

    @Test
    void aMinuteLongRecordingGivesTheTimelinesWindows() {
        CliRun r = CliRun.ser4j("stream", minute.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertSameLines(timelineWindows, r.outLines());
        CliRun odd = CliRun.ser4j("stream", "--chunk-ms", "7", minute.toString());
        assertSameLines(timelineWindows, odd.outLines());
    }

    @Test
    void standardInputIsStreamedAsTheFile() throws IOException {
        StreamCommand command = new StreamCommand();
        command.stdin = new ByteArrayInputStream(Files.readAllBytes(minute));
        CliRun r = CliRun.of(command, "--chunk-ms", "250", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertSameLines(timelineWindows, r.outLines());
    }

    @Test
    void aWavOfUnknownLengthAsArecordWritesItIsReadToItsEnd() throws IOException {
        float[] x = recording(16_000 * 12, 16_000, 5);
        Path clip = dir.resolve("twelve.wav");
        byte[] wav = TestWavs.pcm16(x, 16_000);
        Files.write(clip, wav);
        CliRun expected = CliRun.ser4j("classify", "--timeline", clip.toString());
        byte[] live = wav.clone();
        for (int i = 40; i < 44; i++) {
            live[i] = (byte) 0xFF; // data size unknown
        }
        StreamCommand command = new StreamCommand();
        command.stdin = new ByteArrayInputStream(live);
        CliRun r = CliRun.of(command, "-");
        assertEquals(0, r.exitCode(), r.err());
        assertSameLines(expected.outLines().subList(1, expected.outLines().size()), r.outLines());
    }

    @Test
    void arecordsTwoGibibyteLengthIsUnknownButACutFileIsNamed() throws IOException {
        byte[] wav = TestWavs.pcm16(recording(16_000 * 6, 16_000, 6), 16_000);
        byte[] arecord = wav.clone();
        arecord[40] = 0;
        arecord[41] = 0;
        arecord[42] = 0;
        arecord[43] = (byte) 0x80; // 0x80000000: what arecord declares on a pipe
        StreamCommand live = new StreamCommand();
        live.stdin = new ByteArrayInputStream(arecord);
        CliRun r = CliRun.of(live, "-");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(2, r.outLines().size());
        assertFalse(r.err().contains("warning"), r.err());

        StreamCommand cut = new StreamCommand();
        cut.stdin = new ByteArrayInputStream(java.util.Arrays.copyOf(wav, wav.length - 16_001)); // ends inside a frame
        CliRun c = CliRun.of(cut, "-");
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(2, c.outLines().size());
        assertTrue(c.err().contains("data chunk declares " + (wav.length - 44) + " bytes but the input ended after "
                + (wav.length - 44 - 16_001)), c.err());
    }

    @Test
    void realtimePacesTheChunksAtTheAudiosSpeed() throws IOException {
        Path clip = dir.resolve("short.wav");
        TestWavs.write(clip, recording(16_000 * 3 / 2, 16_000, 9), 16_000);
        long t0 = System.nanoTime();
        CliRun r = CliRun.ser4j("stream", "--realtime", clip.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.outLines().size());
        assertTrue(seconds >= 1.4, "1.5 s of audio streamed in real time took " + seconds + " s");
    }

    @Test
    void failuresAreOneLineWithTheUsualExitCodes() throws IOException {
        CliRun missing = CliRun.ser4j("stream", dir.resolve("nope.wav").toString());
        assertEquals(1, missing.exitCode());
        assertEquals(List.of("ser4j stream: " + dir.resolve("nope.wav") + ": no such file"), missing.errLines());

        StreamCommand junk = new StreamCommand();
        junk.stdin = new ByteArrayInputStream("certainly not audio".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        CliRun bad = CliRun.of(junk, "-");
        assertEquals(1, bad.exitCode());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.errLines().get(0).startsWith("stream: standard input: "), bad.err());

        StreamCommand truncated = new StreamCommand();
        truncated.stdin = new ByteArrayInputStream(java.util.Arrays.copyOf(Files.readAllBytes(minute), 30));
        CliRun cut = CliRun.of(truncated, "-");
        assertEquals(1, cut.exitCode());
        assertTrue(cut.err().contains("ended inside the WAV header"), cut.err());

        Path empty = dir.resolve("empty.wav");
        byte[] header = TestWavs.pcm16(new float[0], 16_000);
        for (int i = 40; i < 44; i++) {
            header[i] = (byte) 0xFF;
        }
        Files.write(empty, header);
        CliRun none = CliRun.ser4j("stream", empty.toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("holds no audio samples"), none.err());

        assertEquals(2, CliRun.ser4j("stream", "--chunk-ms", "0", minute.toString()).exitCode());
        CliRun threads = CliRun.ser4j("stream", "--inference-threads", "-1", minute.toString());
        assertEquals(2, threads.exitCode());
        assertTrue(threads.err().startsWith("ser4j stream: --inference-threads: "), threads.err());
        assertEquals(2, CliRun.ser4j("stream", "--model", dir.resolve("missing.onnx").toString(), minute.toString()).exitCode());
        assertEquals(2, CliRun.ser4j("stream").exitCode());
    }
}
