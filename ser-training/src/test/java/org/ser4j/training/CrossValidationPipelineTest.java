package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.CremaDConvention;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.training.report.CrossValidationReport;

/** Cross-validation on a tiny CREMA-D-named tone corpus, with a softmax-regression stand-in for the engine. */
class CrossValidationPipelineTest {
    @TempDir
    Path tmp;

    private final ToneCorpus.ToneExtractor extractor = new ToneCorpus.ToneExtractor();
    private final AtomicInteger networksBuilt = new AtomicInteger();
    private final AtomicReference<ModelMetadata> exported = new AtomicReference<>();

    private CrossValidationPipeline pipeline() {
        return new CrossValidationPipeline((kind, l2, seed, threads) -> {
            networksBuilt.incrementAndGet();
            return new SoftmaxRegressionNetwork(Emotion.COUNT, seed);
        }, (net, metadata, out) -> {
            exported.set(metadata);
            AtomicFiles.write(out, ("fake onnx " + metadata.toProperties()).getBytes(StandardCharsets.UTF_8));
        }, kind -> extractor);
    }

    /** {@code actors} CREMA-D actors, each with {@code perClass} clips of each emotion. */
    private Path cremaD(int actors, int perClass, Emotion... emotions) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("AudioWAV"));
        SplittableRandom r = new SplittableRandom(9);
        String[] sentences = {"DFA", "IEO", "TIE", "IOM", "IWW", "TAI"};
        for (int a = 0; a < actors; a++) {
            for (Emotion e : emotions) {
                for (int i = 0; i < perClass; i++) {
                    float[] s = new float[ToneCorpus.RATE / 5];
                    double amp = r.nextDouble(0.2, 0.8);
                    for (int k = 0; k < s.length; k++) {
                        s[k] = (float) (amp * Math.sin(2 * Math.PI * ToneCorpus.frequency(e) * k / ToneCorpus.RATE)
                                + 0.3 * r.nextGaussian());
                    }
                    ToneCorpus.writeWav(dir.resolve(CremaDConvention.fileName(1001 + a, sentences[i], e, "XX")), s);
                }
            }
        }
        return dir;
    }

    private CrossValidationRequest request(Path data, Path out, int folds, int epochs, boolean finalModel) {
        return new CrossValidationRequest(List.of(data), folds, out, tmp.resolve("cache"),
                TrainingConfig.recipe(FeatureKind.TIME_DOMAIN).withEpochs(epochs).withBatchSize(8).withLearningRate(0.3)
                        .withThreads(1).withStandardization(Standardization.PER_FEATURE).withPatience(3), finalModel);
    }

    @Test
    void crossValidatesReportsPredictionsAndTrainsTheFinalModel() throws IOException {
        Path data = cremaD(6, 2, Emotion.ANGER, Emotion.HAPPY, Emotion.SAD);
        Path out = tmp.resolve("out");
        List<String> info = new ArrayList<>();
        List<String> epochLines = new ArrayList<>();
        CrossValidationPipeline.Outcome o = pipeline().run(request(data, out, 3, 4, true), TrainingListener.lines(epochLines::add),
                info::add, p -> { throw new AssertionError(p); });
        // three folds of four epochs each (patience ignored), then the final model
        assertEquals(4, networksBuilt.get());
        CrossValidationReport r = o.report();
        assertEquals(36, extractor.calls.get(), "every clip's features extracted once, for all folds");
        assertEquals(3 * 4 + r.chosenEpoch(), epochLines.size());
        assertEquals(3, r.folds().size());
        Set<String> speakers = new HashSet<>();
        for (CrossValidationReport.Fold f : r.folds()) {
            assertEquals(2, f.speakers().size(), f.toString());
            for (String s : f.speakers()) {
                assertTrue(speakers.add(s), s + " held out twice");
            }
            assertEquals(12, f.heldOutClips());
            assertEquals(24, f.trainClips());
        }
        assertEquals(6, speakers.size());
        assertEquals(4, r.epochs().size());
        double best = r.epochs().stream().mapToDouble(CrossValidationReport.EpochSummary::meanAccuracy).max().orElseThrow();
        assertEquals(best, r.epochs().get(r.chosenEpoch() - 1).meanAccuracy());
        double mean = r.folds().stream().mapToDouble(CrossValidationReport.Fold::accuracy).average().orElseThrow();
        assertEquals(mean, r.summary().meanAccuracy(), 1e-12);
        assertEquals(best, r.summary().meanAccuracy(), 1e-12);
        assertEquals(36, r.pooled().clips());
        assertEquals(java.util.Set.of("crema-d"), r.perCorpus().keySet());
        assertEquals(r.pooled().accuracy(), r.perCorpus().get("crema-d").accuracy(), 1e-12);
        assertTrue(r.summary().meanAccuracy() > 0.6, "tones are easy: " + r.summary());
        assertTrue(r.calibration().temperature() > 0);
        assertTrue(r.calibration().nllAfter() <= r.calibration().nllBefore() + 1e-9, r.calibration().toString());
        assertEquals(36, r.calibration().reliabilityBefore().stream().mapToLong(b -> b.count()).sum());

        // the predictions: one row per clip, its fold's held-out probabilities
        List<String> lines = Files.readAllLines(o.predictions());
        assertEquals("path,speaker,corpus,fold,label,p_anger,p_disgust,p_fear,p_happy,p_neutral,p_sad", lines.get(0));
        assertEquals(37, lines.size());
        Map<String, String> foldOfSpeaker = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals("crema-d", f[2]);
            String before = foldOfSpeaker.put(f[1], f[3]);
            assertTrue(before == null || before.equals(f[3]), "a speaker in two folds");
            double sum = 0;
            for (int k = 5; k < 11; k++) {
                sum += Double.parseDouble(f[k]);
            }
            assertEquals(1, sum, 1e-4);
            assertTrue(r.folds().get(Integer.parseInt(f[3]) - 1).speakers().contains("crema-d:" + f[1]));
        }
        for (String f : List.of("report.json", "report.md", "confusion.png", "f1.png", "reliability.png", "cv-epochs.png",
                "oof-predictions.csv", "model.onnx")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("cv", j.get("command").asText());
        assertEquals(3, j.get("config").get("folds").asInt());
        assertEquals(6, j.get("pooled").get("perClass").size());
        assertEquals(r.chosenEpoch(), j.get("finalModel").get("epochs").asInt());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("±") && md.contains("ECE") && md.contains("reliability.png"), md);

        assertNotNull(exported.get());
        assertEquals(r.calibration().temperature(), Double.parseDouble(exported.get().extra().get("temperature")), 0);
        assertTrue(exported.get().extra().get("cross_validation").contains("mean_accuracy"));
        assertNotNull(o.model());
    }

    @Test
    void waveformCopiesJoinTheTrainingPartsOnlyAndAreCached() throws IOException {
        Path data = cremaD(6, 2, Emotion.ANGER, Emotion.HAPPY, Emotion.SAD);
        Path out = tmp.resolve("out-aug");
        WaveformAugmentation copies = new WaveformAugmentation(2, List.of(0.9, 1.1), 0.01, 3, 20, 30, false);
        CrossValidationRequest plain = request(data, out, 3, 2, true);
        CrossValidationRequest request = new CrossValidationRequest(plain.dataDirectories(), 3, out, plain.cacheDirectory(),
                plain.config().withWaveform(copies), true);
        List<String> info = new ArrayList<>();
        CrossValidationPipeline.Outcome o = pipeline().run(request, TrainingListener.lines(l -> { }), info::add,
                p -> { throw new AssertionError(p); });
        assertEquals(36 * 3, extractor.calls.get(), "each clip and each of its two copies extracted once");
        // a fold trains on 24 clips and their 48 copies and holds out its 12 originals only
        assertEquals(3, info.stream().filter(l -> l.matches("fold \\d/3: training on 24 clips \\(72 with waveform copies\\), holding out 12 clips.*")).count(),
                info.toString());
        assertTrue(info.stream().anyMatch(l -> l.startsWith("final model: training on all 36 clips (108 with waveform copies)")), info.toString());
        assertEquals(37, Files.readAllLines(o.predictions()).size(), "out-of-fold rows are the original clips only");
        assertEquals(copies.describe(), o.report().config().get("waveformAugmentation"));
        assertTrue(exported.get().toProperties().toString().contains("waveformAugmentation"), "the recipe in the model names the copies");

        // a second run reads every copy from the cache; other settings extract anew
        pipeline().run(request, TrainingListener.lines(l -> { }), l -> { }, p -> { throw new AssertionError(p); });
        assertEquals(36 * 3, extractor.calls.get());
        CrossValidationRequest other = new CrossValidationRequest(plain.dataDirectories(), 3, out, plain.cacheDirectory(),
                plain.config().withWaveform(WaveformAugmentation.speeds(0.95)), false);
        pipeline().run(other, TrainingListener.lines(l -> { }), l -> { }, p -> { throw new AssertionError(p); });
        assertEquals(36 * 4, extractor.calls.get(), "a copy with other settings is not taken from the cache");

        // one version per clip per epoch: the copies come from the cache, the epochs stay as long as without them
        WaveformAugmentation drawn = new WaveformAugmentation(2, List.of(0.9, 1.1), 0.01, 3, 20, 30, true);
        List<String> epochLines = new ArrayList<>();
        CrossValidationPipeline.Outcome d = pipeline().run(new CrossValidationRequest(plain.dataDirectories(), 3, out,
                plain.cacheDirectory(), plain.config().withWaveform(drawn), false), TrainingListener.lines(epochLines::add),
                l -> { }, p -> { throw new AssertionError(p); });
        assertEquals(36 * 4, extractor.calls.get(), "the copies' cache entries do not depend on how they are visited");
        assertEquals(drawn.describe(), d.report().config().get("waveformAugmentation"));
        assertTrue(drawn.describe().endsWith("; one variant per clip per epoch"));
        assertEquals(3 * 2, epochLines.size());
    }

    @Test
    void isDeterministicForASeedAndCanSkipTheFinalModel() throws IOException {
        Path data = cremaD(4, 2, Emotion.ANGER, Emotion.SAD);
        CrossValidationPipeline.Outcome a = pipeline().run(request(data, tmp.resolve("a"), 2, 2, false), TrainingListener.none(),
                s -> { }, s -> { });
        CrossValidationPipeline.Outcome b = pipeline().run(request(data, tmp.resolve("b"), 2, 2, false), TrainingListener.none(),
                s -> { }, s -> { });
        assertNull(a.model());
        assertNull(exported.get());
        assertEquals(Files.readString(a.predictions()).replace(tmp.resolve("a").toString(), ""),
                Files.readString(b.predictions()).replace(tmp.resolve("b").toString(), ""));
        // everything but the timings
        assertEquals(a.report().folds().stream().map(f -> List.of(f.speakers(), f.accuracy(), f.macroF1(), f.heldOutCounts(),
                f.history().stream().map(e -> List.of(e.loss(), e.validationAccuracy(), e.validationLoss())).toList())).toList(),
                b.report().folds().stream().map(f -> List.of(f.speakers(), f.accuracy(), f.macroF1(), f.heldOutCounts(),
                f.history().stream().map(e -> List.of(e.loss(), e.validationAccuracy(), e.validationLoss())).toList())).toList());
        assertEquals(2, a.report().folds().get(0).history().size());
        assertTrue(Files.notExists(tmp.resolve("a").resolve("model.onnx")));
    }

    @Test
    void tooFewSpeakersForTheFoldsIsAnInputError() throws IOException {
        Path data = cremaD(2, 2, Emotion.ANGER, Emotion.SAD);
        TrainingInputException e = assertThrows(TrainingInputException.class,
                () -> pipeline().run(request(data, tmp.resolve("o"), 3, 1, false), TrainingListener.none(), s -> { }, s -> { }));
        assertTrue(e.getMessage().contains("3 folds need at least 3 speakers"), e.getMessage());
    }
}
