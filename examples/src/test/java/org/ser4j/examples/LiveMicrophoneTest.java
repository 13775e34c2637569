package org.ser4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Test;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.EmotionStream;
import org.ser4j.models.Timeline;
import org.ser4j.models.WindowPrediction;
import org.ser4j.models.WindowedEmotionClassifier;

/** The live example on the streaming API: captured bytes give the timeline's windows; and its behaviour without a microphone. */
class LiveMicrophoneTest {
    @Test
    void capturedBytesGiveTheTimelinesWindows() {
        int n = 16_000 * 12 + 123;
        float[] x = new float[n];
        byte[] pcm = new byte[2 * n];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < n; i++) {
            short v = (short) (9_000 * Math.sin(2 * Math.PI * 180 * i / 16_000.0) * (0.5 + 0.5 * Math.sin(i / 3_000.0))
                    + r.nextInt(600) - 300);
            x[i] = v / 32768f;
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        java.io.ByteArrayInputStream capture = new java.io.ByteArrayInputStream(pcm);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WindowedEmotionClassifier c = EmotionClassifiers.defaultClassifier();
                EmotionStream stream = c.openStream(LiveMicrophone.FORMAT)) {
            // the source hands out odd sizes, as a capture line may, and ends early: all of it is classified
            boolean complete = LiveMicrophone.listen((b, off, len) -> capture.read(b, off, Math.min(len, 777)), stream,
                    pcm.length + 10_000L, new PrintStream(out, true, StandardCharsets.UTF_8));
            assertFalse(complete);
            Timeline t = c.classifyTimeline(new AudioClip(x, 16_000));
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(t.windows().size(), lines.size(), out.toString(StandardCharsets.UTF_8));
            for (int w = 0; w < lines.size(); w++) {
                WindowPrediction e = t.windows().get(w);
                assertTrue(lines.get(w).contains(e.prediction().emotion().label()), lines.get(w));
                assertTrue(lines.get(w).startsWith(String.format(Locale.ROOT, "%6.1f-%6.1f s", e.startSeconds(), e.endSeconds())),
                        lines.get(w));
            }
        }
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
        for (String notPositive : new String[] {"0", "-5"}) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            assertEquals(2, LiveMicrophone.run(new String[] {notPositive}, System.out, new PrintStream(e, true, StandardCharsets.UTF_8)));
            assertTrue(e.toString(StandardCharsets.UTF_8).contains("usage"), notPositive);
        }
    }
}
