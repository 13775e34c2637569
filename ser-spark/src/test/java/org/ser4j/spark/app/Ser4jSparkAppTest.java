package org.ser4j.spark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.models.ClassificationResult;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;
import org.ser4j.spark.ResultColumns;
import org.ser4j.spark.TestClips;

/** The application's command line, in process on {@code local[2]}: CSV with a header, one row per file, no overwrite by default. */
class Ser4jSparkAppTest {
    @TempDir
    Path dir;

    @Test
    void csvOutputHasAHeaderAndOneRowPerFileMatchingClassifyAll() throws IOException {
        Path in = dir.resolve("in");
        List<Path> clips = TestClips.write(in.resolve("sub"), 5, 11);
        TestClips.writeCorrupt(in, clips.get(1));
        Path out = dir.resolve("out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        String[] args = {"--master", "local[2]", "--input", in.toString(), "--output", out.toString(), "--format", "csv", "--model", "time"};
        int code = Ser4jSparkApp.run(args, new PrintWriter(stdout), new PrintWriter(stderr));
        assertEquals(1, code, stderr.toString());
        assertTrue(stdout.toString().contains("classified 5 of 7 files (2 with an error)"), stdout.toString());
        assertTrue(Files.exists(out.resolve("_SUCCESS")));

        List<String[]> rows = new ArrayList<>();
        try (Stream<Path> parts = Files.list(out)) {
            for (Path part : parts.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                List<String> lines = Files.readAllLines(part);
                assertEquals(String.join(",", ResultColumns.names()), lines.get(0), part.toString());
                for (String line : lines.subList(1, lines.size())) {
                    rows.add(line.split(",", -1));
                }
            }
        }
        assertEquals(7, rows.size());
        Map<String, Prediction> expected = new HashMap<>();
        try (WindowedEmotionClassifier c = EmotionClassifiers.bundled("time", ClassifierOptions.defaults())) {
            for (ClassificationResult r : c.classifyAll(clips)) {
                expected.put(r.path().getFileName().toString(), r.prediction().orElseThrow());
            }
        }
        int checked = 0;
        for (String[] row : rows) {
            String name = row[0].substring(row[0].lastIndexOf('/') + 1);
            Prediction want = expected.get(name);
            if (want == null) {
                assertTrue(row[1].isEmpty() && !row[row.length - 1].isEmpty(), String.join(",", row));
                continue;
            }
            assertEquals(want.emotion().label(), row[1]);
            for (Emotion e : Emotion.values()) {
                assertEquals(want.probability(e), Float.parseFloat(row[3 + e.ordinal()]), 1e-6, name + " " + e);
            }
            checked++;
        }
        assertEquals(5, checked);

        StringWriter again = new StringWriter();
        assertEquals(2, Ser4jSparkApp.run(args, new PrintWriter(new StringWriter()), new PrintWriter(again)));
        assertTrue(again.toString().contains("exists; give --overwrite"), again.toString());
    }

    @Test
    void anUnknownModelIsOneClearMessageAndExitCode2() throws IOException {
        Path in = dir.resolve("in");
        TestClips.write(in, 1, 3);
        StringWriter stderr = new StringWriter();
        String[] args = {"--master", "local[1]", "--input", in.toString(), "--output", dir.resolve("o").toString(),
            "--model", dir.resolve("nope.onnx").toString()};
        int code = Ser4jSparkApp.run(args, new PrintWriter(new StringWriter()), new PrintWriter(stderr));
        assertEquals(2, code, stderr.toString());
        // refused on the driver before any task runs: one line, not a failed job's stack of causes
        assertTrue(stderr.toString().contains("nope.onnx: no such file"), stderr.toString());
        assertEquals(1, stderr.toString().strip().lines().count(), stderr.toString());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void partitionsSpreadTheFilesAndOverwriteReplacesTheOutput() throws IOException {
        Path in = dir.resolve("in");
        TestClips.write(in, 6, 5);
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("stale"));
        String[] args = {"--master", "local[2]", "--input", in.toString(), "--output", out.toString(),
            "--model", "time", "--partitions", "3", "--overwrite"};
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        assertEquals(0, Ser4jSparkApp.run(args, new PrintWriter(stdout), new PrintWriter(stderr)), stderr.toString());
        assertTrue(stdout.toString().contains("classified 6 of 6 files (0 with an error)"), stdout.toString());
        assertFalse(Files.exists(out.resolve("stale")));
        try (Stream<Path> parts = Files.list(out)) {
            // Parquet is the default; one part file per non-empty partition
            assertEquals(3, parts.filter(p -> p.getFileName().toString().endsWith(".parquet")).count());
        }

        StringWriter bad = new StringWriter();
        String[] zero = {"--master", "local[1]", "--input", in.toString(), "--output", dir.resolve("z").toString(),
            "--partitions", "0"};
        assertEquals(2, Ser4jSparkApp.run(zero, new PrintWriter(new StringWriter()), new PrintWriter(bad)));
        assertTrue(bad.toString().contains("--partitions must be at least 1, got 0"), bad.toString());
    }

    @Test
    void aModelNameIsFoundAmongTheJobsFiles() {
        assertTrue(Ser4jSparkApp.amongJobFiles("file:/a/b/m.onnx,hdfs://nn/x/other.onnx", "m.onnx"));
        assertTrue(Ser4jSparkApp.amongJobFiles(",hdfs://nn/x/other.onnx#mine.onnx,", "mine.onnx"));
        // the executors look the model's file name up in SparkFiles, so a path ending in it is found too
        assertTrue(Ser4jSparkApp.amongJobFiles("file:/a/b/m.onnx", "hdfs://nn/a/b/m.onnx"));
        assertTrue(Ser4jSparkApp.amongJobFiles("file:/a/my%20model.onnx", "my model.onnx"));
        assertFalse(Ser4jSparkApp.amongJobFiles("file:/a/b/m.onnx", "n.onnx"));
        assertFalse(Ser4jSparkApp.amongJobFiles("", "m.onnx"));
    }
}
