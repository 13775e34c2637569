package org.ser4j.training.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.core.audio.WavWriter;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.ScanResult;

class CorpusExplorerTest {
    private static LabelledClip labelled(Path p) {
        return new LabelledClip(p, Emotion.ANGER, "1", "folder", "");
    }

    @Test
    void everyKindOfDamageIsRecordedAndTheRestIsExplored(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.wav");
        WavWriter.writePcm16(good, new AudioClip(QualityChecksTest.sine(16000, 0.3, 0), 16000));
        Path stereo24 = dir.resolve("stereo24.wav");
        float[] ch = QualityChecksTest.sine(22050, 0.3, 0);
        WavWriter.write(stereo24, new float[][] {ch, ch}, 22050, WavFormat.Encoding.PCM, 24, false);
        Path zeroBytes = Files.write(dir.resolve("zero.wav"), new byte[0]);
        Path emptyData = dir.resolve("emptydata.wav");
        WavWriter.writePcm16(emptyData, new AudioClip(new float[0], 16000));
        byte[] oneSample = WavWriter.encode(new float[][] {{0.5f}}, 16000, WavFormat.Encoding.PCM, 16, false);
        Path partialFrame = Files.write(dir.resolve("partial.wav"), Arrays.copyOf(oneSample, oneSample.length - 1));
        Path headerCut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(Files.readAllBytes(good), 30));
        Path notWav = Files.writeString(dir.resolve("text.wav"), "this is not audio at all, just text");
        Path missing = dir.resolve("gone.wav");

        List<LabelledClip> clips = new ArrayList<>();
        for (Path p : List.of(good, stereo24, zeroBytes, emptyData, partialFrame, headerCut, notWav, missing)) {
            clips.add(labelled(p));
        }
        List<String> problems = new ArrayList<>();
        ExploreResult r = CorpusExplorer.explore(List.of(dir), new ScanResult(clips, List.of()), ExploreOptions.DEFAULT,
                new FakeLogMel(), (done, total, file, problem) -> {
                    assertEquals(8, total);
                    if (problem != null) {
                        problems.add(problem);
                    }
                });
        ExploreSummary s = r.summary();
        assertEquals(List.of("zero.wav", "emptydata.wav", "partial.wav"), names(CorpusStatisticsTest.findings(s, "empty")));
        assertEquals(List.of("cut.wav", "text.wav", "gone.wav"), names(CorpusStatisticsTest.findings(s, "unreadable")));
        assertEquals(3, problems.size());
        assertTrue(problems.get(0).startsWith(headerCut + ": "), problems.get(0));
        for (ExploreSummary.Finding f : CorpusStatisticsTest.findings(s, "unreadable")) {
            assertTrue(!f.detail().startsWith(f.path()), "the reason does not repeat the path: " + f.detail());
        }
        assertEquals(new ExploreSummary.FileCounts(8, 8, 0, 5, 3, 2), s.files());
        assertEquals(1L, s.formats().combined().get("22050 Hz, 24-bit PCM, 2 channels"));
        assertEquals(22050 * 16000 / 22050, s.padding().longestSamples());
    }

    @Test
    void overlongFilesAreRefusedBeforeDecoding(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("long.wav");
        WavWriter.writePcm16(p, new AudioClip(new float[32000], 16000));
        ExploreOptions tight = new ExploreOptions(1, QualityThresholds.DEFAULT, ExploreOptions.DEFAULT.featureConfig(),
                ExploreOptions.DEFAULT.scanOptions(), 1.0);
        ExploreResult r = CorpusExplorer.explore(List.of(dir), new ScanResult(List.of(labelled(p)), List.of()), tight,
                new FakeLogMel(), ExploreProgress.NONE);
        List<ExploreSummary.Finding> f = CorpusStatisticsTest.findings(r.summary(), "unreadable");
        assertEquals(1, f.size());
        assertTrue(f.get(0).detail().contains("2.0 s"), f.get(0).detail());
        assertNull(r.summary().padding().longestClip());
    }

    @Test
    void emptyDataChunksAreEmptyFindingsWithTheDecoderReason(@TempDir Path dir) throws IOException {
        Path emptyData = dir.resolve("emptydata.wav");
        WavWriter.writePcm16(emptyData, new AudioClip(new float[0], 16000));
        ExploreResult r = CorpusExplorer.explore(List.of(dir), new ScanResult(List.of(labelled(emptyData)), List.of()),
                ExploreOptions.DEFAULT, new FakeLogMel(), ExploreProgress.NONE);
        List<ExploreSummary.Finding> empty = CorpusStatisticsTest.findings(r.summary(), "empty");
        assertEquals(1, empty.size());
        assertTrue(empty.get(0).detail().startsWith("0 samples: data chunk is empty"), empty.get(0).detail());
        assertTrue(CorpusStatisticsTest.findings(r.summary(), "unreadable").isEmpty());
    }

    @Test
    void theReasonDropsTheLeadingPath() {
        assertEquals("bad", CorpusExplorer.withoutPath(Path.of("a", "b.wav"), Path.of("a", "b.wav") + ": bad"));
    }

    private static List<String> names(List<ExploreSummary.Finding> f) {
        return f.stream().map(x -> Path.of(x.path()).getFileName().toString()).toList();
    }
}
