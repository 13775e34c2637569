package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.Resampler;
import org.ser4j.core.audio.WavDecoder;
import org.ser4j.core.audio.WavMutants;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureCsv;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;

/**
 * The commands over a folder of mutated WAVs mixed with good clips (the bundled ensemble): one
 * CSV row per file, good clips classified as when alone, exit code 1, no stack trace; and
 * {@code --resume} after a killed run.
 */
class HostileInputCliTest {
    @TempDir
    static Path root;
    static Path mixed;
    static List<Path> good = new ArrayList<>();
    static int fileCount;

    @BeforeAll
    static void setUp() throws IOException {
        mixed = Files.createDirectories(root.resolve("mixed"));
        Random r = new Random(777);
        for (int i = 0; i < 330; i++) {
            boolean isGood = i % 11 == 0;
            Path f = mixed.resolve(String.format("f%03d.wav", i));
            Files.write(f, isGood ? WavMutants.goodClip(r) : WavMutants.next(r).bytes());
            if (isGood) {
                good.add(f);
            }
        }
        fileCount = 330;
    }

    /** The CSV's rows (after the header) by their file column; fails on a duplicate. */
    static Map<String, String[]> rowsByFile(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(String.join(",", ClassifyDirCommand.header()), lines.get(0));
        Map<String, String[]> rows = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split(",", 10);
            assertEquals(10, cols.length, line);
            assertFalse(rows.containsKey(cols[0]), "two rows for " + cols[0]);
            rows.put(cols[0], cols);
        }
        return rows;
    }

    static void assertNoStackTrace(CliRun r, String command) {
        for (String line : r.errLines()) {
            assertTrue(line.startsWith("ser4j " + command + ": "), "every stderr line is an error line: " + line);
        }
        assertFalse(r.err().contains("Exception in thread") || r.err().contains("\tat ") || r.err().contains("OutOfMemoryError"),
                r.err());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // hang guard only
    void classifyDirGivesEveryMutantOneRowAndGoodClipsTheirOwnResult() throws IOException {
        Path csv = root.resolve("mixed.csv");
        CliRun r = CliRun.ser4j("classify-dir", mixed.toString(), "--out", csv.toString(), "--no-progress");
        assertEquals(1, r.exitCode(), r.err());
        assertNoStackTrace(r, "classify-dir");
        Map<String, String[]> rows = rowsByFile(csv);
        assertEquals(fileCount, rows.size());
        int failed = (int) rows.values().stream().filter(c -> !c[9].isEmpty()).count();
        assertTrue(failed >= 150, failed + " failures");
        assertEquals(failed, r.errLines().size(), "one error line per failed file");
        try (WindowedEmotionClassifier c = EmotionClassifiers.defaultClassifier()) {
            for (Path g : good) {
                String[] cols = rows.get(g.getFileName().toString());
                assertEquals("", cols[9], g + ": " + cols[9]);
                float[] alone = c.classify(g).probabilities();
                for (Emotion e : Emotion.values()) {
                    assertEquals(alone[e.ordinal()], Float.parseFloat(cols[3 + e.ordinal()]), 2e-5, g + " " + e);
                }
            }
        }
        assertFalse(Files.exists(ClassifyDirCommand.partialFile(csv)), "the partial CSV was moved into place");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // hang guard only
    void classifyAndExtractFeaturesSurviveTheMutantsToo() throws IOException {
        List<String> args = new ArrayList<>(List.of("classify"));
        try (var s = Files.list(mixed)) {
            s.sorted().limit(120).forEach(p -> args.add(p.toString()));
        }
        CliRun r = CliRun.ser4j(args.toArray(String[]::new));
        assertEquals(1, r.exitCode());
        assertNoStackTrace(r, "classify");
        assertEquals(120, r.outLines().size() + r.errLines().size(), "one line per file");
        args.set(0, "extract-features");
        args.add(1, "--out");
        args.add(2, root.resolve("features").toString());
        CliRun x = CliRun.ser4j(args.toArray(String[]::new));
        assertEquals(1, x.exitCode());
        assertNoStackTrace(x, "extract-features");
    }

    @Test
    void resumeKeepsTheCompleteRowsOfAKilledRunAndClassifiesTheRest() throws IOException {
        Path small = Files.createDirectories(root.resolve("small"));
        for (int i = 0; i < 6; i++) {
            Files.write(small.resolve("c" + i + ".wav"), WavMutants.goodClip(new Random(i)));
        }
        Path csv = root.resolve("small.csv");
        Path partial = ClassifyDirCommand.partialFile(csv);
        // What a run killed after two rows, in the middle of the third, leaves behind; the kept rows are
        // marked (a confidence no model gives) so that we see they were not classified again.
        String header = String.join(",", ClassifyDirCommand.header());
        Files.writeString(partial, header + "\n"
                + "c0.wav,sad,0.123456,0,0,0,0,0,1,\n"
                + "c1.wav,,,,,,,,,c1.wav: earlier failure\n"
                + "c2.wav,hap");
        CliRun r = CliRun.ser4j("classify-dir", small.toString(), "--out", csv.toString(), "--resume", "--no-progress");
        assertEquals(1, r.exitCode(), "the kept failure still counts: " + r.err());
        assertTrue(r.err().contains("resuming: 2 rows kept"), r.err());
        Map<String, String[]> rows = rowsByFile(csv);
        assertEquals(6, rows.size());
        assertEquals("0.123456", rows.get("c0.wav")[2]);
        assertEquals("c1.wav: earlier failure", rows.get("c1.wav")[9]);
        for (int i = 2; i < 6; i++) {
            assertEquals("", rows.get("c" + i + ".wav")[9]);
        }
        assertFalse(Files.exists(partial));
        assertTrue(r.outLines().get(r.outLines().size() - 1).startsWith("classified 5 of 6 files"), r.out());

        // Without --resume a stale partial file is replaced, and the run says so.
        Files.writeString(partial, header + "\nc0.wav,sad,0.123456,0,0,0,0,0,1,\n");
        CliRun fresh = CliRun.ser4j("classify-dir", small.toString(), "--out", csv.toString(), "--no-progress");
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.err().contains("replacing"), fresh.err());
        assertFalse("0.123456".equals(rowsByFile(csv).get("c0.wav")[2]));

        // A file that is not a classify-dir CSV is left alone.
        Files.writeString(partial, "something else\n");
        CliRun refused = CliRun.ser4j("classify-dir", small.toString(), "--out", csv.toString(), "--resume", "--no-progress");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("cannot resume from"), refused.err());
        assertEquals("something else\n", Files.readString(partial));
    }

    @Test
    void maxDurationRefusesLongFilesFromTheirHeader() throws IOException {
        Path f = root.resolve("three-seconds.wav");
        Files.write(f, WavMutants.build(1, 1, 16000, 16, false, 3.0, new Random(4)));
        CliRun r = CliRun.ser4j("classify", "--max-duration", "2s", f.toString());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("longer than the limit of 2.0 s"), r.err());
        assertEquals(0, CliRun.ser4j("classify", "--max-duration", "1m", f.toString()).exitCode());
        assertEquals(2, CliRun.ser4j("classify", "--max-duration", "soon", f.toString()).exitCode());
    }

    /** extract-features cuts a long file before resampling; the kept samples are the same as with the whole file. */
    @Test
    void extractFeaturesOfALongFileEqualsResamplingTheWholeFile() throws IOException {
        Path f = root.resolve("long44k.wav");
        Files.write(f, WavMutants.build(1, 2, 44100, 16, false, 20.0, new Random(5)));
        Path out = root.resolve("long-features");
        CliRun r = CliRun.ser4j("extract-features", "--out", out.toString(), f.toString());
        assertEquals(0, r.exitCode(), r.err());
        AudioClip whole = Resampler.resample(WavDecoder.read(f), 16000);
        LogMelSpectrogram mel = new LogMelSpectrogram(FeatureConfig.DEFAULT);
        float[] db = mel.powerToDb(mel.melPower(whole.samples()));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        FeatureCsv.write(db, FeatureConfig.DEFAULT.nMels(), FeatureConfig.DEFAULT.frames(), expected);
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(out.resolve("long44k.db.csv")));
    }
}
