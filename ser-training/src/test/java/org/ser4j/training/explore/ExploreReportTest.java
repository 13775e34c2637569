package org.ser4j.training.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.SkippedFile;

class ExploreReportTest {
    private static final WavFormat PCM16 = new WavFormat(WavFormat.Encoding.PCM, 16, 1, 16000, 0);

    private static ExploreResult sixEmotions() {
        List<LabelledClip> clips = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            for (int i = 0; i < 3; i++) {
                clips.add(new LabelledClip(Path.of("data", e.cremaCode() + i + ".wav"), e, "spk" + i, "crema-d", "XX"));
            }
        }
        CorpusStatistics s = new CorpusStatistics(List.of(Path.of("data")), clips, ExploreOptions.DEFAULT, new FakeLogMel());
        int k = 0;
        for (LabelledClip c : clips) {
            if (c.path().getFileName().toString().equals("SAD2.wav")) {
                s.addUnreadable(c, null, "truncated RIFF header");
                continue;
            }
            s.addDecoded(c, PCM16, new AudioClip(QualityChecksTest.sine(8000 + 4000 * (k++ % 5), 0.2 + 0.01 * k, 0), 16000));
        }
        s.addSkipped(new SkippedFile(Path.of("data", "misnamed.wav"), "name does not follow any known corpus convention"));
        return new ExploreResult(s.summary(), s.figures());
    }

    @Test
    void writesReportSummaryAndFigures(@TempDir Path out) throws IOException {
        ExploreReport.write(out, sixEmotions());
        for (String png : List.of(ExploreReport.WAVEFORMS_PNG, ExploreReport.MEAN_LOG_MEL_PNG, ExploreReport.DURATIONS_PNG)) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(img, png + " must be a readable image");
        }
        BufferedImage waves = ImageIO.read(out.resolve(ExploreReport.WAVEFORMS_PNG).toFile());
        BufferedImage one = ImageIO.read(new java.io.ByteArrayInputStream(org.ser4j.training.charts.Charts.toPng(
                org.ser4j.training.charts.Charts.waveform("x", new float[10], 16000))));
        assertEquals(2 * one.getWidth(), waves.getWidth(), "two columns");
        assertEquals(3 * one.getHeight(), waves.getHeight(), "three rows for six emotions");

        JsonNode json = new ObjectMapper().readTree(out.resolve(ExploreReport.SUMMARY_JSON).toFile());
        assertEquals(18, json.at("/files/labelled").asInt());
        assertEquals(1, json.at("/files/unreadable").asInt());
        assertEquals(3, json.at("/counts/emotion/anger").asInt());
        assertEquals(80080, json.at("/padding/fixedSamples").asInt());
        assertEquals(6, json.at("/waveformClips").size());
        JsonNode quality = json.get("quality");
        assertEquals(QualityCheck.values().length, quality.size());
        assertEquals("unreadable", quality.get(5).get("check").asText());
        assertTrue(quality.get(5).get("files").get(0).get("path").asText().endsWith("SAD2.wav"));

        String md = Files.readString(out.resolve(ExploreReport.REPORT_MD));
        assertTrue(md.contains("## Clips per emotion"), md);
        assertTrue(md.contains("| anger | 3 | 16.7 % | 3 |"), md);
        assertTrue(md.contains("SAD2.wav`: truncated RIFF header"), md);
        assertTrue(md.contains("misnamed.wav`: name does not follow"), md);
        assertTrue(md.contains("80,080 samples"), md);
        assertTrue(md.contains("![Waveforms](waveforms.png)"), md);
        assertTrue(md.contains("### Clipped clips (0)"), md);
        try (var files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void anEmptyCorpusStillGivesAReport(@TempDir Path out) throws IOException {
        CorpusStatistics s = new CorpusStatistics(List.of(Path.of("nothing")), List.of(), ExploreOptions.DEFAULT,
                new FakeLogMel());
        ExploreReport.write(out, new ExploreResult(s.summary(), s.figures()));
        String md = Files.readString(out.resolve(ExploreReport.REPORT_MD));
        assertTrue(md.contains("No labelled clips were found."), md);
        assertTrue(md.contains("No usable clip, so no figure."), md);
        assertFalse(Files.exists(out.resolve(ExploreReport.WAVEFORMS_PNG)));
        assertTrue(Files.exists(out.resolve(ExploreReport.SUMMARY_JSON)));
    }
}
