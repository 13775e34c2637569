package org.ser4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The live example's sliding window, and its behaviour on a machine without a microphone. */
class LiveMicrophoneTest {
    @Property(tries = 200)
    void windowHoldsTheLastSamplesOldestFirst(@ForAll @IntRange(min = 1, max = 50) int capacity,
            @ForAll @Size(max = 20) int[] chunkSizes) {
        LiveMicrophone.SlidingWindow w = new LiveMicrophone.SlidingWindow(capacity);
        int total = 0;
        for (int size : chunkSizes) {
            int n = Math.floorMod(size, 40);
            byte[] pcm = new byte[2 * n];
            for (int i = 0; i < n; i++) {
                short v = (short) (total + i);
                pcm[2 * i] = (byte) v;
                pcm[2 * i + 1] = (byte) (v >> 8);
            }
            w.append(pcm, pcm.length);
            total += n;
        }
        float[] expected = new float[Math.min(capacity, total)];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (short) (total - expected.length + i) / 32768f;
        }
        assertArrayEquals(expected, w.snapshot(), Arrays.toString(w.snapshot()));
    }

    @Test
    void withoutACaptureDeviceItSaysSoAndExitsWithOne() {
        assumeFalse(AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, LiveMicrophone.FORMAT)),
                "this machine has a microphone");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LiveMicrophone.run(new String[] {"1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("no audio capture device") || message.contains("cannot be opened"), message);
        assertEquals(1, message.strip().lines().count(), message);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badArgumentIsUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, LiveMicrophone.run(new String[] {"soon"}, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage"));
    }
}
