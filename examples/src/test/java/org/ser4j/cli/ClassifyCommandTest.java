package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;
import org.ser4j.models.Timeline;

/** {@code ser4j classify} with a tiny model given by path, on generated WAV files. */
class ClassifyCommandTest {
    @TempDir
    static Path dir;
    static Path model;
    static Path shortWav;
    static Path longStereo;

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyOnnxModel.writeTimeDomain(dir.resolve("tiny.onnx"), 42);
        shortWav = TinyOnnxModel.writeWav(dir.resolve("short.wav"), 40_000, 16_000, 1, 1);
        longStereo = TinyOnnxModel.writeWav(dir.resolve("long stereo.wav"), 44_100 * 12, 44_100, 2, 2);
    }

    private static Prediction library(Path wav) throws IOException {
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            return c.classify(wav);
        }
    }

    @Test
    void printsOneLinePerFileWithEmotionConfidenceAndAllSixProbabilities() throws IOException {
        CliRun r = CliRun.ser4j("classify", "--model", model.toString(), shortWav.toString(), longStereo.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.outLines();
        assertEquals(2, lines.size(), r.out());
        Prediction p = library(shortWav);
        String line = lines.get(0);
        assertTrue(line.startsWith(shortWav + "  " + p.emotion().label()), line);
        for (Emotion e : Emotion.values()) {
            assertTrue(line.contains(String.format(java.util.Locale.ROOT, "%s=%.4f", e.label(), p.probability(e))), line);
        }
        assertTrue(lines.get(1).startsWith(longStereo + "  " + library(longStereo).emotion().label()), lines.get(1));
    }

    @Test
    void dashReadsStandardInputAsTheSameFile() throws IOException {
        ClassifyCommand command = new ClassifyCommand();
        command.stdin = new java.io.ByteArrayInputStream(java.nio.file.Files.readAllBytes(shortWav));
        CliRun r = CliRun.of(command, "--model", model.toString(), "-");
        assertEquals(0, r.exitCode(), r.err());
        Prediction p = library(shortWav);
        List<String> lines = r.outLines();
        assertEquals(1, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("-  " + p.emotion().label()), lines.get(0));
        for (Emotion e : Emotion.values()) {
            assertTrue(lines.get(0).contains(String.format(java.util.Locale.ROOT, "%s=%.4f", e.label(), p.probability(e))), lines.get(0));
        }
        ClassifyCommand junk = new ClassifyCommand();
        junk.stdin = new java.io.ByteArrayInputStream("not audio".getBytes());
        CliRun bad = CliRun.of(junk, "--model", model.toString(), "-");
        assertEquals(1, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("<stream>") || bad.err().contains("-"), bad.err());
    }

    @Test
    void jsonLinesCarryTheSameNumbersAsTheLibrary() throws IOException {
        CliRun r = CliRun.ser4j("classify", "--json", "--model", model.toString(), shortWav.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.outLines().get(0));
        Prediction p = library(shortWav);
        assertEquals(shortWav.toString(), o.get("file").asText());
        assertEquals(p.emotion().label(), o.get("emotion").asText());
        assertEquals(p.probability(p.emotion()), o.get("confidence").floatValue(), 1e-6);
        for (Emotion e : Emotion.values()) {
            assertEquals(p.probability(e), o.get("probabilities").get(e.label()).floatValue(), 1e-6);
        }
        assertTrue(!o.has("windows"));
    }

    @Test
    void timelineShowsEveryWindowOfALongFile() throws IOException {
        Timeline t;
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            t = c.classifyTimeline(longStereo);
        }
        assertEquals(4, t.windows().size()); // 12 s at 16 kHz = 192,000 samples: windows at 0, 2.5, 5.0, 7.5 s
        CliRun text = CliRun.ser4j("classify", "--timeline", "--model", model.toString(), longStereo.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertEquals(1 + 4, text.outLines().size(), text.out());
        String second = String.format(java.util.Locale.ROOT, "%.3f-%8.3fs", 40_040 / 16000.0, 120_120 / 16000.0);
        assertTrue(text.outLines().get(2).trim().startsWith(second), text.outLines().get(2) + " vs " + second);
        CliRun json = CliRun.ser4j("classify", "--json", "--timeline", "--model", model.toString(), longStereo.toString());
        JsonNode windows = new ObjectMapper().readTree(json.outLines().get(0)).get("windows");
        assertEquals(4, windows.size());
        assertEquals(7.5075, windows.get(3).get("startSeconds").asDouble(), 1e-9);
        assertEquals(12.0, windows.get(3).get("endSeconds").asDouble(), 1e-3);
        assertEquals(t.windows().get(3).prediction().emotion().label(), windows.get(3).get("emotion").asText());
    }

    @Test
    void badFilesGiveOneErrorLineEachAndTheRestIsClassified() throws IOException {
        Path corrupt = Files.writeString(dir.resolve("corrupt.wav"), "RIFF....WAVEjunk");
        Path missing = dir.resolve("missing.wav");
        CliRun r = CliRun.ser4j("classify", "--model", model.toString(), corrupt.toString(), shortWav.toString(),
                missing.toString());
        assertEquals(1, r.exitCode());
        assertEquals(1, r.outLines().size(), r.out());
        assertTrue(r.outLines().get(0).startsWith(shortWav.toString()));
        List<String> errors = r.errLines();
        assertEquals(2, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("ser4j classify: ") && errors.get(0).contains(corrupt.toString()), errors.get(0));
        assertTrue(errors.get(1).contains(missing.toString()), errors.get(1));
        assertTrue(!r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void unusableModelIsOneErrorLineAndExitCodeTwo() throws IOException {
        CliRun missing = CliRun.ser4j("classify", "--model", dir.resolve("nope.onnx").toString(), shortWav.toString());
        assertEquals(2, missing.exitCode());
        assertEquals(1, missing.errLines().size(), missing.err());
        assertTrue(missing.err().contains("nope.onnx"));
        Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
        CliRun bad = CliRun.ser4j("classify", "--model", garbage.toString(), shortWav.toString());
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().contains("garbage.onnx"));
    }

    @Test
    void hopMustFitTheWindow() {
        CliRun r = CliRun.ser4j("classify", "--hop-samples", "0", "--model", model.toString(), shortWav.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--hop-samples"), r.err());
    }
}
