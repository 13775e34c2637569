package org.ser4j.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.EpochRecord;
import org.ser4j.training.TrainingConfig;
import org.ser4j.training.charts.Charts;

class ReportWriterTest {
    @TempDir
    Path tmp;

    static RunReport sample() {
        long[][] c = new long[6][6];
        for (int i = 0; i < 6; i++) {
            c[i][i] = 10 + i;
        }
        c[4][5] = 7;
        c[2][1] = 4;
        c[3][0] = 1;
        Map<String, ClassMetrics> metrics = new LinkedHashMap<>();
        metrics.put("validation", ClassMetrics.of(c));
        c[4][5] = 2;
        metrics.put("test", ClassMetrics.of(c));
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        counts.put("train", Map.of("anger", 50, "disgust", 40, "fear", 40, "happy", 40, "neutral", 30, "sad", 40));
        List<EpochRecord> history = List.of(new EpochRecord(1, 1.8, 0.3, 0.25, 1.7, 100, 2.0),
                new EpochRecord(2, 1.5, 0.4, 0.35, 1.6, 210, 1.1), new EpochRecord(3, 1.4, 0.45, 0.33, 1.65, 190, 1.2));
        return new RunReport("train", RunReport.SER4J_VERSION, "2026-11-26T10:00:00Z", "mel", List.of("/data/ravdess"),
                TrainingConfig.recipe(FeatureKind.LOG_MEL).asMap(), 42L, "speaker", counts,
                List.of(new RunReport.SkippedEntry("/data/x.wav", "truncated data chunk")), 1_175_174L, history, 2, false,
                200.0, 123L << 20, metrics);
    }

    @Test
    void writesAllFilesAtomically() throws IOException {
        Path out = tmp.resolve("out");
        ReportWriter.write(sample(), out);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("confusion.png", "f1.png", "history.png", "report.json", "report.md"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files are left");
        }
        for (String png : List.of("confusion.png", "f1.png", "history.png")) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(out.resolve(png))));
            assertTrue(img != null && img.getWidth() == Charts.WIDTH && img.getHeight() == Charts.HEIGHT, png);
        }
    }

    @Test
    void anEvaluationReportReplacesATrainingReportWhole() throws IOException {
        Path out = tmp.resolve("out");
        RunReport training = sample();
        ReportWriter.write(training, out);
        RunReport evaluation = new RunReport("evaluate", RunReport.SER4J_VERSION, training.createdAt(), "mel",
                training.dataDirectories(), Map.of(), null, null, training.dataCounts(), List.of(), null, List.of(),
                null, null, null, null, training.metrics());
        ReportWriter.write(evaluation, out);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("confusion.png", "f1.png", "report.json", "report.md"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "the training curves do not stay behind");
        }
        assertTrue(!Files.readString(out.resolve("report.md")).contains("\r"), "one line ending throughout");
    }

    @Test
    void jsonHoldsEverythingTheIssueAsksFor() throws IOException {
        Path out = tmp.resolve("out");
        ReportWriter.write(sample(), out);
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("train", j.get("command").asText());
        assertEquals(42, j.get("seed").asInt());
        assertEquals("mel", j.get("config").get("model").asText());
        assertEquals(1e-3, j.get("config").get("learningRate").asDouble());
        assertEquals(50, j.get("dataCounts").get("train").get("anger").asInt());
        assertEquals(3, j.get("history").size());
        assertEquals(210.0, j.get("history").get(1).get("samplesPerSecond").asDouble());
        assertEquals(200.0, j.get("trainSamplesPerSecond").asDouble());
        assertEquals(123L << 20, j.get("peakHeapBytes").asLong());
        JsonNode test = j.get("metrics").get("test");
        assertTrue(test.get("accuracy").asDouble() > 0.8);
        assertTrue(test.has("macroF1"));
        assertEquals(6, test.get("perClass").size());
        assertEquals("anger", test.get("perClass").get(0).get("label").asText());
        assertTrue(test.get("perClass").get(0).has("precision") && test.get("perClass").get(0).has("recall"));
        assertEquals(14, test.get("confusionMatrix").get(4).get(4).asInt());
        assertEquals(2, test.get("mostConfused").size());
        assertEquals("fear", test.get("mostConfused").get(0).get("actual").asText());
        assertEquals("disgust", test.get("mostConfused").get(0).get("predicted").asText());
        assertEquals(7, j.get("metrics").get("validation").get("mostConfused").get(0).get("count").asInt());
        assertEquals("truncated data chunk", j.get("skippedFiles").get(0).get("reason").asText());
    }

    @Test
    void markdownIsReadable() {
        String md = ReportWriter.toMarkdown(sample());
        assertTrue(md.startsWith("# ser4j training report"));
        assertTrue(md.contains("| test | "), md);
        assertTrue(md.contains("Most confused: fear taken for disgust (4)"), md);
        assertTrue(md.contains("| 2 * | 1.5000 |"), md);
        assertTrue(md.contains("200.0 samples/s"), md);
        assertTrue(md.contains("Peak heap: 123 MiB"), md);
        assertTrue(md.contains("![confusion matrix](confusion.png)"));
        assertTrue(md.contains("trainable parameters: 1,175,174"));
    }
}
