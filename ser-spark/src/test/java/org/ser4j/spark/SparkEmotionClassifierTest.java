package org.ser4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.models.ClassificationResult;
import org.ser4j.models.ClassifierOptions;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;

/**
 * {@link SparkEmotionClassifier} on a {@code local[2]} session: the same probabilities as
 * {@code classifyAll} on the same files, one row per input row, error rows for corrupt files.
 */
class SparkEmotionClassifierTest {
    private static final String MODEL = "time";
    private static final double TOLERANCE = 1e-6;

    @TempDir
    static Path dir;

    static SparkSession spark;
    static List<Path> clips;
    static List<Path> corrupt;
    static Map<String, Prediction> expected = new HashMap<>();

    @BeforeAll
    static void setUp() throws IOException {
        clips = TestClips.write(dir, 14, 7);
        corrupt = TestClips.writeCorrupt(dir, clips.get(0));
        try (WindowedEmotionClassifier c = EmotionClassifiers.bundled(MODEL, ClassifierOptions.defaults())) {
            List<ClassificationResult> all = c.classifyAll(clips);
            for (ClassificationResult r : all) {
                expected.put(r.path().getFileName().toString(), r.prediction().orElseThrow());
            }
        }
        spark = TestClips.localSpark();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Every intact clip's row against classifyAll; corrupt files' rows carry only the path and an error. */
    private static void check(List<Row> rows, int expectedRows) {
        assertEquals(expectedRows, rows.size());
        int classified = 0;
        for (Row row : rows) {
            assertEquals(ResultColumns.names(), List.of(row.schema().fieldNames()));
            String name = fileName(row.getString(0));
            Prediction want = expected.get(name);
            if (want == null) {
                assertNotNull(row.getAs(ResultColumns.ERROR), name);
                assertNull(row.getAs(ResultColumns.EMOTION), name);
                assertNull(row.getAs(ResultColumns.CONFIDENCE), name);
                continue;
            }
            assertNull(row.getAs(ResultColumns.ERROR), () -> name + ": " + row.getAs(ResultColumns.ERROR));
            assertEquals(want.emotion().label(), row.getAs(ResultColumns.EMOTION), name);
            assertEquals(want.probability(want.emotion()), (float) row.getAs(ResultColumns.CONFIDENCE), TOLERANCE, name);
            for (Emotion e : Emotion.values()) {
                assertEquals(want.probability(e), (float) row.getAs(ResultColumns.probability(e)), TOLERANCE, name + " " + e);
            }
            classified++;
        }
        assertEquals(clips.size(), classified);
    }

    @Test
    void binaryFileContentGivesClassifyAllsProbabilitiesAndErrorRowsForCorruptFiles() {
        Dataset<Row> files = spark.read().format("binaryFile").option("pathGlobFilter", "*.wav").load(dir.toString())
                .repartition(3);
        List<Row> rows = SparkEmotionClassifier.forModel(MODEL).classifyContent(files).collectAsList();
        check(rows, clips.size() + corrupt.size());
        Map<String, String> errors = new HashMap<>();
        for (Row row : rows) {
            if (row.getAs(ResultColumns.ERROR) != null) {
                errors.put(fileName(row.getString(0)), row.getAs(ResultColumns.ERROR));
            }
        }
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get("garbage.wav").contains("unrecognised audio content"), errors.toString());
        // The reason alone: the path is its own column.
        assertTrue(!errors.get("truncated.wav").contains("truncated.wav"), errors.toString());
    }

    @Test
    void localPathsAndFileUrisAreClassifiedAndUnusablePathsGetErrorRows() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            paths.add(i % 2 == 0 ? clips.get(i).toString() : clips.get(i).toUri().toString());
        }
        paths.add(corrupt.get(0).toString());
        paths.add(dir.resolve("missing.wav").toString());
        paths.add("hdfs://namenode/audio/x.wav");
        Dataset<Row> input = spark.createDataset(paths, Encoders.STRING()).toDF(ResultColumns.PATH).repartition(2);
        List<Row> rows = SparkEmotionClassifier.forModel(MODEL).classifyPaths(input).collectAsList();
        check(rows, paths.size());
        for (Row row : rows) {
            String path = row.getString(0);
            if (path.endsWith("missing.wav")) {
                assertEquals("no such file", row.getAs(ResultColumns.ERROR));
            } else if (path.startsWith("hdfs:")) {
                assertTrue(((String) row.getAs(ResultColumns.ERROR)).contains("not a local file"), path);
            }
        }
    }

    @Test
    void anInputWithoutTheNeededColumnsIsRefusedOnTheDriver() {
        Dataset<Row> noContent = spark.createDataset(List.of("a.wav"), Encoders.STRING()).toDF(ResultColumns.PATH);
        SparkEmotionClassifier c = SparkEmotionClassifier.forModel(MODEL);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.classifyContent(noContent));
        assertTrue(e.getMessage().contains("content"), e.getMessage());
        Dataset<Row> wrongType = spark.createDataset(List.of(1), Encoders.INT()).toDF(ResultColumns.PATH);
        assertThrows(IllegalArgumentException.class, () -> c.classifyPaths(wrongType));
        assertThrows(IllegalArgumentException.class, () -> SparkEmotionClassifier.forModel(" "));
    }
}
