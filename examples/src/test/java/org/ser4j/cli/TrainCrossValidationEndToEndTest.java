package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavWriter;
import org.ser4j.training.corpus.CremaDConvention;

/**
 * {@code ser4j train --cv} end to end on a tiny CREMA-D-named folder of generated audio: real WAV
 * decoding, time-domain features, the real engine with speaker weighting, the CV reports, and the
 * final model exported and opened in ONNX Runtime with its temperature.
 */
class TrainCrossValidationEndToEndTest {
    @TempDir
    Path tmp;

    /** Four actors, every emotion twice, as tones whose pitch and loudness follow the emotion. */
    private Path cremaD() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("CREMA-D").resolve("AudioWAV"));
        SplittableRandom r = new SplittableRandom(11);
        String[] sentences = {"DFA", "ITH"};
        for (int actor = 1001; actor <= 1004; actor++) {
            for (Emotion e : Emotion.values()) {
                for (String sentence : sentences) {
                    float[] s = new float[6000 + r.nextInt(4000)];
                    double f = 150 + 120 * e.ordinal() + 10 * (actor - 1001);
                    double amp = 0.1 + 0.12 * e.ordinal();
                    for (int k = 0; k < s.length; k++) {
                        s[k] = (float) (amp * Math.sin(2 * Math.PI * f * k / 16000) + 0.01 * r.nextGaussian());
                    }
                    WavWriter.writePcm16(dir.resolve(CremaDConvention.fileName(actor, sentence, e, "XX")), new AudioClip(s, 16000));
                }
            }
        }
        return dir;
    }

    @Test
    void crossValidatesTheTimeModelAndExportsTheFinalModelWithItsTemperature() throws Exception {
        Path data = cremaD();
        Path out = tmp.resolve("cv");
        CliRun r = CliRun.of(new TrainCommand(), "--model", "time", "--epochs", "2", "--batch", "8", "--threads", "1",
                "--balance", "speaker", "--label-smoothing", "0.1", "--mixup", "0.3", "--lr-schedule", "cosine",
                "--augment-copies", "2", "--augment-speeds", "0.9,1.1", "--augment-shift-ms", "100", "--augment-gain-db", "6",
                "--augment-noise-snr", "15:35", "--ema-decay", "0.99", "--data", data.toString(), "--out", out.toString(),
                "--cache", tmp.resolve("cache").toString(), "--cv", "4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("fold 4/4") && r.out().contains("chosen epoch"), r.out());
        for (String f : List.of("report.json", "report.md", "confusion.png", "f1.png", "reliability.png", "cv-epochs.png",
                "oof-predictions.csv", "model.onnx")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(ImageIO.read(out.resolve("reliability.png").toFile()).getWidth() > 0);
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(4, j.get("folds").size());
        assertEquals("speaker", j.get("config").get("balance").asText());
        assertEquals(0.1, j.get("config").get("labelSmoothing").asDouble());
        assertEquals(0.3, j.get("config").get("mixupAlpha").asDouble());
        assertEquals("cosine over 2 epochs", j.get("config").get("learningRateSchedule").asText());
        assertEquals("2 copies; speeds 0.9,1.1; shift <= 0.1 s; gain <= 6.0 dB; noise 15.0..35.0 dB SNR",
                j.get("config").get("waveformAugmentation").asText());
        assertTrue(r.out().contains("(108 with waveform copies)"), r.out());
        assertEquals("exponential moving average, decay 0.99 per step", j.get("config").get("weightAveraging").asText());
        assertEquals(2, j.get("epochs").size());
        assertEquals(48, j.get("pooled").get("clips").asInt());
        assertEquals(49, Files.readAllLines(out.resolve("oof-predictions.csv")).size());
        double temperature = j.get("calibration").get("temperature").asDouble();
        try (OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession s = env.createSession(out.resolve("model.onnx").toString())) {
            Map<String, String> props = s.getMetadata().getCustomMetadata();
            assertEquals(temperature, Double.parseDouble(props.get("ser4j.temperature")), 1e-12);
        }

        // the exported model is a normal ser4j model: evaluate reads it
        CliRun e = CliRun.of(new EvaluateCommand(), "--model", out.resolve("model.onnx").toString(), "--data", data.toString(),
                "--out", tmp.resolve("eval").toString());
        assertEquals(0, e.exitCode(), e.err());
    }

    @Test
    void badCvAndBalanceValuesAreUsageErrors() throws IOException {
        Path data = cremaD();
        CliRun r = CliRun.of(new TrainCommand(), "--model", "time", "--cv", "1", "--data", data.toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("at least 2 folds"), r.err());
        r = CliRun.of(new TrainCommand(), "--model", "time", "--cv", "--balance", "speakers", "--data", data.toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("unknown balance 'speakers'"), r.err());
        r = CliRun.of(new TrainCommand(), "--model", "time", "--cv", "--time-masks", "2", "--data", data.toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("log-mel model's input only"), r.err());
        for (String[] bad : new String[][] {{"--augment-copies", "2", "--augment-noise-snr", "loud"}, {"--augment-copies", "2", "--augment-noise-snr", "1:2:3"},
            {"--augment-copies", "2", "--augment-speeds", "0.1"}, {"--augment-copies", "99"}, {"--augment-gain-db", "6"}, {"--augment-copies", "1", "--augment-per-epoch", "some"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("--model", "time", "--cv", "--data", data.toString(), "--out", tmp.resolve("o").toString()));
            args.addAll(List.of(bad));
            r = CliRun.of(new TrainCommand(), args.toArray(String[]::new));
            assertEquals(2, r.exitCode(), String.join(" ", bad));
            assertTrue(r.err().contains("augment") || r.err().contains("speed") || r.err().contains("copies"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
        r = CliRun.of(new TrainCommand(), "--model", "time", "--cv", "--ema-decay", "1", "--data", data.toString(), "--out",
                tmp.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("weight-average decay must be in [0, 1), got 1.0"), r.err());
        // a bare --cv means 5 folds
        r = CliRun.of(new TrainCommand(), "--model", "time", "--data", data.toString(), "--out",
                tmp.resolve("o").toString(), "--cache", tmp.resolve("cache").toString(), "--cv");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("5 folds need at least 5 speakers"), r.err());
    }
}
