package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;

/** {@code ser4j classify-dir} with a tiny model on a generated folder. */
class ClassifyDirCommandTest {
    @TempDir
    static Path root;
    static Path model;
    static Path audio;

    @BeforeAll
    static void setUp() throws IOException {
        model = TinyOnnxModel.writeTimeDomain(root.resolve("tiny.onnx"), 7);
        audio = Files.createDirectories(root.resolve("audio"));
        Files.createDirectories(audio.resolve("sub"));
        for (int i = 0; i < 4; i++) {
            TinyOnnxModel.writeWav(audio.resolve("clip" + i + ".wav"), 20_000 + 30_000 * i, 16_000, 1, i);
        }
        TinyOnnxModel.writeWav(audio.resolve("sub").resolve("deep, \"quoted\".WAV"), 50_000, 22_050, 2, 9);
        Files.writeString(audio.resolve("notes.txt"), "not audio, ignored");
        Files.write(audio.resolve("sub").resolve("broken.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2});
    }

    @Test
    void writesOneCsvRowPerWavAndSummarises() throws IOException {
        Path csv = root.resolve("out").resolve("results.csv");
        CliRun r = CliRun.ser4j("classify-dir", audio.toString(), "--out", csv.toString(), "--model", model.toString());
        assertEquals(1, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals("file,emotion,confidence,anger,disgust,fear,happy,neutral,sad,error", rows.get(0));
        assertEquals(1 + 6, rows.size(), String.join("\n", rows));
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            Prediction p = c.classify(audio.resolve("clip2.wav"));
            String row = rows.stream().filter(l -> l.startsWith("clip2.wav,")).findFirst().orElseThrow();
            String[] cols = row.split(",", -1);
            assertEquals(10, cols.length, row);
            assertEquals(p.emotion().label(), cols[1]);
            for (Emotion e : Emotion.values()) {
                assertEquals(p.probability(e), Float.parseFloat(cols[3 + e.ordinal()]), 1e-6);
            }
            assertEquals("", cols[9]);
        }
        String broken = rows.stream().filter(l -> l.startsWith("sub/broken.wav,")).findFirst().orElseThrow();
        assertTrue(broken.startsWith("sub/broken.wav,,,,,,,,,"), broken);
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("\"sub/deep, \"\"quoted\"\".WAV\",")), String.join("\n", rows));
        List<String> errors = r.errLines().stream().filter(l -> l.startsWith("ser4j classify-dir: ")).toList();
        assertEquals(1, errors.size(), r.err());
        assertTrue(errors.get(0).contains("broken.wav"));
        assertTrue(r.err().contains("6/6 files"), "progress bar reaches the end: " + r.err());
        String summary = r.outLines().get(r.outLines().size() - 1);
        assertTrue(summary.startsWith("classified 5 of 6 files"), summary);
        assertTrue(summary.endsWith("failed 1"), summary);
        int counted = 0;
        for (Emotion e : Emotion.values()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(" " + e.label() + " (\\d+),").matcher(summary);
            assertTrue(m.find(), summary);
            counted += Integer.parseInt(m.group(1));
        }
        assertEquals(5, counted);
        try (Stream<Path> s = Files.list(csv.getParent())) {
            assertEquals(List.of(csv), s.toList(), "no temporary file left behind");
        }
    }

    @Test
    void allGoodFilesExitZero() throws IOException {
        Path good = Files.createDirectories(root.resolve("good"));
        TinyOnnxModel.writeWav(good.resolve("a.wav"), 16_000, 16_000, 1, 3);
        Path csv = root.resolve("good.csv");
        CliRun r = CliRun.ser4j("classify-dir", good.toString(), "-o", csv.toString(), "--model", model.toString(), "--no-progress");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.err());
        assertEquals(2, Files.readAllLines(csv).size());
    }

    @Test
    void notADirectoryAndEmptyDirectoryAreReported() throws IOException {
        CliRun notDir = CliRun.ser4j("classify-dir", model.toString(), "--out", root.resolve("x.csv").toString(),
                "--model", model.toString());
        assertEquals(2, notDir.exitCode());
        assertTrue(notDir.err().contains("not a directory"));
        Path empty = Files.createDirectories(root.resolve("empty"));
        CliRun none = CliRun.ser4j("classify-dir", empty.toString(), "--out", root.resolve("y.csv").toString(),
                "--model", model.toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("no audio files (.wav, .flac, .mp3, .ogg)"));
        assertTrue(!Files.exists(root.resolve("y.csv")));
    }
    @Test
    void findsAndClassifiesAllFourFormats() throws IOException {
        // the codec module's own small generated fixtures (made with ffmpeg from generated WAVs)
        Path fixtures = Path.of("..", "ser-audio-codecs", "src", "test", "resources", "org", "ser4j", "codecs");
        Path mixed = Files.createDirectories(root.resolve("mixed"));
        for (String name : List.of("mono16k.flac", "mono16k.mp3", "mono16k.ogg")) {
            Files.copy(fixtures.resolve(name), mixed.resolve(name));
        }
        // a FLAC file under a misleading name is still found by its extension and decoded by its content
        Files.copy(fixtures.resolve("stereo32k.flac"), mixed.resolve("really-flac.OGG"));
        TinyOnnxModel.writeWav(mixed.resolve("clip.wav"), 30_000, 16_000, 1, 3);
        Path csv = root.resolve("mixed-out").resolve("results.csv");
        CliRun r = CliRun.ser4j("classify-dir", mixed.toString(), "--out", csv.toString(), "--model", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + 5, rows.size(), String.join("\n", rows));
        try (WindowedEmotionClassifier c = EmotionClassifiers.fromOnnx(model)) {
            for (String name : List.of("mono16k.flac", "mono16k.mp3", "mono16k.ogg", "really-flac.OGG", "clip.wav")) {
                String row = rows.stream().filter(l -> l.startsWith(name + ",")).findFirst().orElseThrow(() -> new AssertionError(name));
                String[] cols = row.split(",", -1);
                assertEquals("", cols[9], row);
                Prediction p = c.classify(mixed.resolve(name));
                assertEquals(p.emotion().label(), cols[1], row);
                assertEquals(p.probability(p.emotion()), Float.parseFloat(cols[2]), 1e-6, row);
            }
            // classify(InputStream) on a FLAC stream: the format found from the bytes, the file's result
            try (java.io.InputStream flac = Files.newInputStream(mixed.resolve("mono16k.flac"))) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(c.classify(mixed.resolve("mono16k.flac")).probabilities(),
                        c.classify(flac).probabilities());
            }
        }
    }
}
