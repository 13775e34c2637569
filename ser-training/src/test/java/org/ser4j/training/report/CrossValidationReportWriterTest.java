package org.ser4j.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;

class CrossValidationReportWriterTest {
    @TempDir
    Path dir;

    @Test
    void predictionsCsvQuotesFieldsThatNeedIt() throws IOException {
        List<LabelledClip> clips = List.of(
                new LabelledClip(Path.of("a, b", "x.wav"), Emotion.SAD, "s\"1", "folder", ""),
                new LabelledClip(Path.of("plain.wav"), Emotion.ANGER, "1001", "crema-d", "XX"));
        float[] p = {0, 0, 0, 0, 0.25f, 0.75f, 1, 0, 0, 0, 0, 0};
        Path out = dir.resolve("oof.csv");
        CrossValidationReportWriter.writePredictions(out, clips, new int[] {1, 0}, p);
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        assertEquals("\"" + Path.of("a, b", "x.wav") + "\",\"s\"\"1\",folder,2,sad,0.0,0.0,0.0,0.0,0.25,0.75", lines.get(1));
        assertEquals("plain.wav,1001,crema-d,1,anger,1.0,0.0,0.0,0.0,0.0,0.0", lines.get(2));
        assertThrows(IllegalArgumentException.class,
                () -> CrossValidationReportWriter.writePredictions(out, clips, new int[] {0}, p));
    }
}
