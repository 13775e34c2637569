package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavWriter;

/**
 * A tiny real run of {@code ser4j train}: real WAV decoding, real time-domain features and the
 * real engine, on a few synthetic tone clips for two epochs.
 */
class TrainCommandEndToEndTest {
    @TempDir
    Path tmp;

    private Path toneCorpus() throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        Path data = tmp.resolve("data");
        for (Emotion e : new Emotion[] {Emotion.ANGER, Emotion.SAD, Emotion.NEUTRAL}) {
            Path dir = Files.createDirectories(data.resolve(e.label()));
            for (int i = 0; i < 8; i++) {
                float[] s = new float[8000 + 500 * i];
                double f = 200 + 400 * e.ordinal();
                double amp = e == Emotion.ANGER ? 0.8 : e == Emotion.SAD ? 0.1 : 0.4;
                for (int k = 0; k < s.length; k++) {
                    s[k] = (float) (amp * Math.sin(2 * Math.PI * f * k / 16000) + 0.01 * r.nextGaussian());
                }
                WavWriter.writePcm16(dir.resolve("c" + i + ".wav"), new AudioClip(s, 16000));
            }
        }
        Files.writeString(data.resolve("sad").resolve("broken.wav"), "RIFF but not really");
        return data;
    }

    @Test
    void trainsTheTimeModelAndWritesEverything() throws IOException {
        Path data = toneCorpus();
        Path out = tmp.resolve("out");
        TrainCommand cmd = new TrainCommand();
        cmd.exporter = (net, metadata, file) -> Files.writeString(file, metadata.toProperties().toString());
        CliRun r = CliRun.of(cmd, "--model", "time", "--data", data.toString(), "--out", out.toString(), "--epochs", "2",
                "--batch", "8", "--threads", "1", "--cache", tmp.resolve("cache").toString(), "--val-fraction", "0.25",
                "--test-fraction", "0.25", "--standardize", "global");
        assertEquals(1, r.exit(), "one broken file makes the exit code non-zero: " + r.err());
        assertTrue(r.err().contains("broken.wav"), r.err());
        assertTrue(r.out().contains("epoch 1/2") && r.out().contains("epoch 2/2"), r.out());
        assertTrue(r.out().contains("318,438 parameters"), r.out());
        for (String f : new String[] {"model.onnx", "report.json", "report.md", "confusion.png", "f1.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, j.get("history").size());
        assertEquals("time", j.get("config").get("model").asText());
        assertEquals(318_438, j.get("parameterCount").asLong());
        assertTrue(Files.readString(out.resolve("model.onnx")).contains("ser4j.standardize.mean"));
    }
}
