package org.ser4j.training.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ser4j.core.Emotion;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.audio.WavFormat;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.SkippedFile;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;

class CorpusStatisticsTest {
    private static final WavFormat PCM16_16K = new WavFormat(WavFormat.Encoding.PCM, 16, 1, 16000, 0);

    private static LabelledClip clip(String name, Emotion e, String speaker, String corpus, String intensity) {
        return new LabelledClip(Path.of("corpus", name), e, speaker, corpus, intensity);
    }

    private static AudioClip tone(int n, int rate, double amplitude) {
        return new AudioClip(QualityChecksTest.sine(n, amplitude, 0), rate);
    }

    private static WavFormat fmt(int rate, int channels) {
        return new WavFormat(WavFormat.Encoding.PCM, 16, channels, rate, 0);
    }

    @Test
    void countsDurationsPaddingAndFormats() {
        LabelledClip a = clip("a.wav", Emotion.ANGER, "1001", "crema-d", "HI");
        LabelledClip b = clip("b.wav", Emotion.ANGER, "1002", "crema-d", "LO");
        LabelledClip c = clip("c.wav", Emotion.SAD, "03", "emodb", "");
        LabelledClip d = clip("d.wav", Emotion.SAD, "03", "emodb", "");
        CorpusStatistics s = new CorpusStatistics(List.of(Path.of("corpus")), List.of(a, b, c, d),
                ExploreOptions.DEFAULT, new FakeLogMel());
        s.addDecoded(a, PCM16_16K, tone(16000, 16000, 0.3));          // 1 s
        s.addDecoded(b, PCM16_16K, tone(96000, 16000, 0.3));          // 6 s: cut
        // 22,050 Hz, 2 s = 44,100 samples -> exactly 32,000 at 16 kHz; stereo header
        s.addDecoded(c, fmt(22050, 2), tone(44100, 22050, 0.3));
        s.addUnreadable(d, null, "not a RIFF file");
        s.addSkipped(new SkippedFile(Path.of("corpus", "readme.wav"), "readme.wav: name does not follow any known corpus convention"));

        ExploreSummary sum = s.summary();
        assertEquals(new ExploreSummary.FileCounts(5, 4, 1, 3, 1, 3), sum.files());
        assertEquals(2L, sum.counts().emotion().get("anger"));
        assertEquals(2L, sum.counts().emotion().get("sad"));
        assertEquals(0L, sum.counts().emotion().get("fear"));
        assertEquals(1L, sum.counts().usableEmotion().get("sad"));
        assertEquals(Map.of("crema-d:1001", 1L, "crema-d:1002", 1L, "emodb:03", 2L), sum.counts().speaker());
        assertEquals(Map.of("crema-d", 2L, "emodb", 2L), sum.counts().corpus());
        assertEquals(Map.of("crema-d:HI", 1L, "crema-d:LO", 1L), sum.counts().intensity());
        assertEquals(0.5, sum.classBalance().share().get("anger"), 1e-12);
        assertEquals(0.0, sum.classBalance().share().get("fear"), 1e-12);
        assertNull(sum.classBalance().imbalanceRatio(), "fear has no clips");

        assertEquals(3, sum.durations().count());
        assertEquals(1.0, sum.durations().minSeconds(), 1e-12);
        assertEquals(2.0, sum.durations().medianSeconds(), 1e-12);
        assertEquals(6.0, sum.durations().maxSeconds(), 1e-12);
        assertEquals(3, java.util.Arrays.stream(sum.durations().histogramCounts()).sum());

        ExploreSummary.Padding p = sum.padding();
        assertEquals(96000, p.longestSamples());
        assertEquals(Path.of("corpus", "b.wav").toString(), p.longestClip());
        assertEquals(80080, p.fixedSamples());
        assertEquals(1, p.clipsCut());
        assertEquals(2, p.clipsPadded());
        assertEquals(96000 - 80080, p.cut().get(0).cutSamples());
        assertEquals((96000 - 80080) / 16000.0, p.maxCutSeconds(), 1e-12);

        assertEquals(Map.of("16000", 2L, "22050", 1L), sum.formats().sampleRate());
        assertEquals(Map.of("1", 2L, "2", 1L), sum.formats().channels());
        assertEquals(Map.of("16-bit PCM", 3L), sum.formats().sampleFormat());
        assertEquals(3L, sum.formats().combined().values().stream().mapToLong(Long::longValue).sum());

        assertEquals(List.of(new ExploreSummary.Finding(d.path().toString(), "not a RIFF file")), findings(sum, "unreadable"));
        assertEquals(List.of(new ExploreSummary.Finding(Path.of("corpus", "readme.wav").toString(),
                "name does not follow any known corpus convention")), findings(sum, "unparsed_name"));
        assertEquals(3, sum.perFile().size());
    }

    @Test
    void samplesAtRateRoundsUpLikeLibrosa() {
        assertEquals(32000, CorpusStatistics.samplesAtRate(44100, 22050, 16000));
        assertEquals(16000, CorpusStatistics.samplesAtRate(48000, 48000, 16000));
        assertEquals(1, CorpusStatistics.samplesAtRate(1, 48000, 16000));
        assertEquals(80080, CorpusStatistics.samplesAtRate(80080, 16000, 16000));
    }

    @Test
    void flagsEmptySilentAndClippedClipsAndKeepsThemOutOfTheMeans() {
        LabelledClip empty = clip("empty.wav", Emotion.FEAR, "1", "crema-d", "XX");
        LabelledClip zeroBytes = clip("zero.wav", Emotion.FEAR, "1", "crema-d", "XX");
        LabelledClip silent = clip("silent.wav", Emotion.FEAR, "1", "crema-d", "XX");
        LabelledClip clipped = clip("clipped.wav", Emotion.FEAR, "1", "crema-d", "XX");
        FakeLogMel mel = new FakeLogMel();
        CorpusStatistics s = new CorpusStatistics(List.of(), List.of(empty, zeroBytes, silent, clipped),
                ExploreOptions.DEFAULT, mel);
        s.addDecoded(empty, PCM16_16K, new AudioClip(new float[0], 16000));
        s.addEmpty(zeroBytes, "0-byte file");
        s.addDecoded(silent, PCM16_16K, new AudioClip(new float[8000], 16000));
        float[] x = QualityChecksTest.sine(16000, 2, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(32767 / 32768f, x[i]));
        }
        s.addDecoded(clipped, PCM16_16K, new AudioClip(x, 16000));
        ExploreSummary sum = s.summary();
        assertEquals(List.of("empty.wav", "zero.wav"), names(findings(sum, "empty")));
        assertTrue(findings(sum, "empty").get(1).detail().contains("0-byte"));
        assertEquals(List.of("silent.wav"), names(findings(sum, "silent")));
        assertEquals(List.of("clipped.wav"), names(findings(sum, "clipped")));
        assertEquals(1, mel.calls, "only the usable clip is analysed");
        assertEquals(1L, sum.meanLogMelClips().get("fear"));
        assertEquals(Map.of("fear", clipped.path().toString()), sum.waveformClips());
    }

    @Test
    void meanLogMelIsTheAverageOfUsableClips() {
        LabelledClip a = clip("a.wav", Emotion.HAPPY, "1", "crema-d", "XX");
        LabelledClip b = clip("b.wav", Emotion.HAPPY, "2", "crema-d", "XX");
        CorpusStatistics s = new CorpusStatistics(List.of(), List.of(a, b), ExploreOptions.DEFAULT, new FakeLogMel());
        s.addDecoded(a, PCM16_16K, new AudioClip(new float[] {0.2f, 0.1f, -0.1f}, 16000));
        s.addDecoded(b, PCM16_16K, new AudioClip(new float[] {0.4f, 0.1f, -0.1f}, 16000));
        float[][] mean = s.figures().meanLogMel().get(Emotion.HAPPY);
        FeatureConfig cfg = FeatureConfig.DEFAULT;
        assertEquals(cfg.nMels(), mean.length);
        assertEquals(cfg.frames(), mean[0].length);
        assertEquals(30f, mean[0][0], 1e-4);
        assertEquals(30f + 127, mean[127][156], 1e-4);
        assertNull(s.figures().meanLogMel().get(Emotion.SAD));
    }

    @Test
    void waveformChoiceIsSeededAndVariesWithTheSeed() {
        List<LabelledClip> clips = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            clips.add(clip(String.format("n%02d.wav", i), Emotion.NEUTRAL, "s" + i, "folder", ""));
        }
        Set<String> picks = new HashSet<>();
        for (long seed = 0; seed < 8; seed++) {
            String first = pick(clips, seed);
            assertEquals(first, pick(clips, seed), "same seed, same clip");
            picks.add(first);
        }
        assertTrue(picks.size() > 1, "different seeds should pick different clips: " + picks);
    }

    @Test
    void anUnusablePickFallsToTheNextRankedClip() {
        List<LabelledClip> clips = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clips.add(clip("n" + i + ".wav", Emotion.NEUTRAL, "s", "folder", ""));
        }
        String first = pick(clips, 7);
        CorpusStatistics s = new CorpusStatistics(List.of(), clips, ExploreOptions.DEFAULT.withSeed(7), new FakeLogMel());
        for (LabelledClip c : clips) {
            boolean silent = c.path().toString().equals(first);
            s.addDecoded(c, PCM16_16K, silent ? new AudioClip(new float[100], 16000) : tone(1000, 16000, 0.3));
        }
        String second = s.summary().waveformClips().get("neutral");
        assertNotEquals(first, second);
    }

    @Test
    void aFailingExtractorRecordsNothing() {
        LabelledClip a = clip("a.wav", Emotion.HAPPY, "1", "crema-d", "XX");
        FeatureExtractor broken = new FakeLogMel() {
            @Override
            public float[] extract(AudioClip clip) {
                throw new IllegalStateException("boom");
            }
        };
        CorpusStatistics s = new CorpusStatistics(List.of(), List.of(a), ExploreOptions.DEFAULT, broken);
        assertThrows(IllegalStateException.class, () -> s.addDecoded(a, PCM16_16K, tone(100, 16000, 0.3)));
        s.addUnreadable(a, PCM16_16K, "analysis failed");
        ExploreSummary sum = s.summary();
        assertEquals(0, sum.files().decoded());
        assertEquals(0, sum.durations().count());
        assertEquals(1L, sum.formats().sampleRate().get("16000"));
    }

    private static String pick(List<LabelledClip> clips, long seed) {
        CorpusStatistics s = new CorpusStatistics(List.of(), clips, ExploreOptions.DEFAULT.withSeed(seed), new FakeLogMel());
        for (LabelledClip c : clips) {
            s.addDecoded(c, PCM16_16K, tone(1000, 16000, 0.3));
        }
        return s.summary().waveformClips().get("neutral");
    }

    static List<ExploreSummary.Finding> findings(ExploreSummary s, String check) {
        return s.quality().stream().filter(c -> c.check().equals(check)).findFirst().orElseThrow().files();
    }

    private static List<String> names(List<ExploreSummary.Finding> f) {
        return f.stream().map(x -> Path.of(x.path()).getFileName().toString()).toList();
    }
}
