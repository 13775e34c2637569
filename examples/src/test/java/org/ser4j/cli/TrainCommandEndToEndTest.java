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
 * A tiny real run of {@code ser4j train} then {@code ser4j evaluate}: real WAV decoding, real
 * time-domain features, the real engine and ONNX export, and ONNX Runtime inference, on a few
 * synthetic tone clips for two epochs.
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
        CliRun r = CliRun.of(cmd, "--model", "time", "--data", data.toString(), "--out", out.toString(), "--epochs", "2",
                "--batch", "8", "--threads", "1", "--cache", tmp.resolve("cache").toString(), "--val-fraction", "0.25",
                "--test-fraction", "0.25", "--standardize", "global");
        assertEquals(1, r.exitCode(), "one broken file makes the exit code non-zero: " + r.err());
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

        // The exported model opens in ONNX Runtime and evaluate writes the same reports for it.
        Path evalOut = tmp.resolve("eval");
        CliRun e = CliRun.of(new EvaluateCommand(), "--model", out.resolve("model.onnx").toString(), "--data", data.toString(),
                "--out", evalOut.toString());
        assertEquals(1, e.exitCode(), "the broken clip cannot be classified: " + e.err());
        assertTrue(e.err().contains("broken.wav"), e.err());
        JsonNode ev = new ObjectMapper().readTree(evalOut.resolve("report.json").toFile());
        assertEquals("evaluate", ev.get("command").asText());
        assertEquals(24, ev.get("metrics").get("evaluation").get("clips").asInt());
        for (String f : new String[] {"report.md", "confusion.png", "f1.png"}) {
            assertTrue(Files.size(evalOut.resolve(f)) > 0, f);
        }
    }

    @Test
    void utteranceNormalisationTravelsInTheModelAndBadValuesAreRefused() throws IOException {
        Path data = toneCorpus();
        Path out = tmp.resolve("cmvn");
        CliRun r = CliRun.of(new TrainCommand(), "--model", "time", "--data", data.toString(), "--out", out.toString(),
                "--epochs", "1", "--batch", "8", "--threads", "1", "--cache", tmp.resolve("cache").toString(),
                "--val-fraction", "0.25", "--test-fraction", "0.25", "--utterance-norm", "cmvn");
        assertEquals(1, r.exitCode(), "one broken file: " + r.err());
        try (org.ser4j.models.WindowedEmotionClassifier c = org.ser4j.models.EmotionClassifiers.fromOnnx(out.resolve("model.onnx"))) {
            assertEquals(org.ser4j.core.model.UtteranceNormalization.CMVN, c.metadata().get(0).utteranceNormalization());
        }
        CliRun bad = CliRun.of(new TrainCommand(), "--model", "time", "--data", data.toString(), "--out",
                tmp.resolve("bad").toString(), "--utterance-norm", "zscore");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--utterance-norm must be none or cmvn, got 'zscore'"), bad.err());
        assertTrue(!Files.exists(tmp.resolve("bad")), "nothing is written for bad input");
    }
}
