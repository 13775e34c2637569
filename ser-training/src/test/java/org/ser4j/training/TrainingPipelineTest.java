package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;

/** Tiny end-to-end runs on synthetic tone corpora, with a softmax-regression stand-in for the engine. */
class TrainingPipelineTest {
    @TempDir
    Path tmp;

    private final ToneCorpus.ToneExtractor extractor = new ToneCorpus.ToneExtractor();
    private final AtomicInteger networksBuilt = new AtomicInteger();
    private final AtomicReference<ModelMetadata> exported = new AtomicReference<>();

    private TrainingPipeline pipeline() {
        return new TrainingPipeline((kind, l2, seed, threads) -> {
            networksBuilt.incrementAndGet();
            return new SoftmaxRegressionNetwork(Emotion.COUNT, seed);
        }, (net, metadata, out) -> {
            exported.set(metadata);
            AtomicFiles.write(out, ("fake onnx " + metadata.toProperties()).getBytes(StandardCharsets.UTF_8));
        }, kind -> extractor);
    }

    private TrainingRequest request(Path data, Path out, TrainingConfig config) {
        return new TrainingRequest(List.of(data), SplitMethod.SPEAKER, 0.2, 0.2, out, tmp.resolve("cache"), config);
    }

    private static TrainingConfig config() {
        return TrainingConfig.recipe(FeatureKind.TIME_DOMAIN).withEpochs(6).withBatchSize(8).withLearningRate(0.5)
                .withThreads(2).withStandardization(Standardization.PER_FEATURE);
    }

    @Test
    void trainsEvaluatesReportsAndExports() throws IOException {
        Path data = tmp.resolve("data");
        ToneCorpus.write(data, 12, 1, Emotion.ANGER, Emotion.HAPPY, Emotion.SAD);
        Path bad = data.resolve("sad").resolve("broken.wav");
        Files.writeString(bad, "this is not a WAV file");
        Path out = tmp.resolve("out");
        List<String> info = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> epochs = new ArrayList<>();

        TrainingPipeline.Outcome o = pipeline().run(request(data, out, config()), TrainingListener.lines(epochs::add), info::add, problems::add);

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("broken.wav"), problems.get(0));
        assertEquals(6, epochs.size());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("confusion.png", "f1.png", "history.png", "model.onnx", "report.json", "report.md"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        int total = 0;
        for (String part : List.of("train", "validation", "test")) {
            for (JsonNode n : j.get("dataCounts").get(part)) {
                total += n.asInt();
            }
        }
        assertEquals(36, total, "every decodable clip is in exactly one part");
        assertEquals(0, j.get("dataCounts").get("train").get("fear").asInt());
        assertTrue(j.get("metrics").get("test").get("accuracy").asDouble() > 0.8, j.get("metrics").toString());
        assertTrue(j.get("trainSamplesPerSecond").asDouble() > 0);
        assertTrue(j.get("skippedFiles").toString().contains("broken.wav"));
        assertEquals(o.result().bestEpoch(), j.get("bestEpoch").asInt());

        ModelMetadata md = exported.get();
        assertEquals(Emotion.COUNT, md.mean().length, "per-feature statistics travel with the model");
        assertEquals(ModelMetadata.emotionLabels(), md.labels());
        assertEquals("42", md.extra().get("seed"));
        assertTrue(md.extra().get("metrics").contains("\"test\""), md.extra().get("metrics"));
        assertTrue(md.extra().get("training_data").contains("\"train\""));
        assertEquals(RunReportVersion.VERSION, md.extra().get("ser4j_version"));
    }

    @Test
    void waveformCopiesAugmentTheTrainingPartOnly() throws IOException {
        Path data = tmp.resolve("data");
        ToneCorpus.write(data, 10, 2, Emotion.ANGER, Emotion.HAPPY);
        Path out = tmp.resolve("out");
        List<String> info = new ArrayList<>();
        TrainingPipeline.Outcome o = pipeline().run(request(data, out, config().withWaveform(WaveformAugmentation.speeds(0.9, 1.1))),
                TrainingListener.lines(l -> { }), info::add, p -> { throw new AssertionError(p); });
        Map<String, Integer> train = o.report().dataCounts().get("train");
        int trainRows = train.values().stream().mapToInt(Integer::intValue).sum();
        int others = o.report().dataCounts().get("validation").values().stream().mapToInt(Integer::intValue).sum()
                + o.report().dataCounts().get("test").values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(0, trainRows % 3, "originals and two copies: " + train);
        assertEquals(20, trainRows / 3 + others, "every clip once, plus two copies of each training clip");
        assertEquals(20 + 2 * (trainRows / 3), extractor.calls.get());
        assertTrue(info.contains("training part with waveform copies: " + trainRows + " rows"), info.toString());
    }

    @Test
    void withoutATestPartTheReportShowsValidation() throws IOException {
        Path data = tmp.resolve("data");
        ToneCorpus.write(data, 8, 6, Emotion.ANGER, Emotion.FEAR);
        Path out = tmp.resolve("out");
        TrainingRequest r = new TrainingRequest(List.of(data), SplitMethod.SPEAKER, 0.25, 0.0, out, tmp.resolve("cache"), config().withEpochs(2));
        TrainingPipeline.Outcome o = pipeline().run(r, TrainingListener.none(), s -> { }, s -> { });
        assertEquals(List.of("validation"), List.copyOf(o.report().metrics().keySet()));
        assertEquals("validation", o.report().headlinePart());
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Per-class scores (validation)"));
    }

    @Test
    void secondRunSkipsExtraction() throws IOException {
        Path data = tmp.resolve("data");
        ToneCorpus.write(data, 8, 2, Emotion.ANGER, Emotion.NEUTRAL);
        pipeline().run(request(data, tmp.resolve("o1"), config().withEpochs(1)), TrainingListener.none(), s -> { }, s -> { });
        assertEquals(16, extractor.calls.get());
        List<String> info = new ArrayList<>();
        pipeline().run(request(data, tmp.resolve("o2"), config().withEpochs(1)), TrainingListener.none(), info::add, s -> { });
        assertEquals(16, extractor.calls.get(), "all features came from the cache");
        assertTrue(info.stream().anyMatch(l -> l.contains("16 from cache, 0 extracted")), info.toString());
    }

    @Test
    void oneClassCorpusFailsBeforeAnyExtractionOrTraining() throws IOException {
        Path data = tmp.resolve("data");
        ToneCorpus.write(data, 5, 3, Emotion.FEAR);
        TrainingInputException e = assertThrows(TrainingInputException.class,
                () -> pipeline().run(request(data, tmp.resolve("out"), config()), TrainingListener.none(), s -> { }, s -> { }));
        assertTrue(e.getMessage().contains("only one class (fear"), e.getMessage());
        assertEquals(0, extractor.calls.get());
        assertEquals(0, networksBuilt.get());
        assertFalse(Files.exists(tmp.resolve("out").resolve("model.onnx")));
    }

    @Test
    void folderWithoutLabelledClipsFailsClearly() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data/misc"));
        ToneCorpus.writeWav(data.resolve("hello.wav"), new float[100]);
        TrainingInputException e = assertThrows(TrainingInputException.class,
                () -> pipeline().run(request(data.getParent(), tmp.resolve("out"), config()), TrainingListener.none(), s -> { }, s -> { }));
        assertTrue(e.getMessage().contains("no labelled clips"), e.getMessage());
    }

    @Test
    void aFailedExportLeavesNoModelBehind() throws IOException {
        Path data = tmp.resolve("data");
        ToneCorpus.write(data, 6, 4, Emotion.ANGER, Emotion.SAD);
        Path out = tmp.resolve("out");
        TrainingPipeline crashing = new TrainingPipeline((k, l2, seed, t) -> new SoftmaxRegressionNetwork(Emotion.COUNT, seed),
                (net, md, file) -> AtomicFiles.write(file, stream -> {
                    stream.write("half a model".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }), kind -> extractor);
        assertThrows(IOException.class, () -> crashing.run(request(data, out, config().withEpochs(1)), TrainingListener.none(), s -> { }, s -> { }));
        try (Stream<Path> s = Files.list(out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            assertFalse(names.contains("model.onnx"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
        }
    }

    /** The version the reports carry. */
    private static final class RunReportVersion {
        static final String VERSION = org.ser4j.training.report.RunReport.SER4J_VERSION;
    }

    @Test
    void evaluationOfAClassifierWritesTheSameReports() throws IOException {
        Path data = tmp.resolve("data");
        ToneCorpus.write(data, 4, 5, Emotion.HAPPY, Emotion.DISGUST);
        Path bad = data.resolve("happy").resolve("broken.wav");
        Files.writeString(bad, "junk");
        Path out = tmp.resolve("eval");
        List<String> problems = new ArrayList<>();
        org.ser4j.core.EmotionClassifier byTone = new org.ser4j.core.EmotionClassifier() {
            @Override
            public org.ser4j.core.Prediction classify(Path wav) throws IOException {
                return classify(org.ser4j.core.audio.WavDecoder.read(wav));
            }

            @Override
            public org.ser4j.core.Prediction classify(org.ser4j.core.audio.AudioClip clip) {
                float[] f = extractor.extract(clip);
                int best = 0;
                for (int i = 1; i < f.length; i++) {
                    best = f[i] > f[best] ? i : best;
                }
                float[] p = new float[Emotion.COUNT];
                p[best] = 1;
                return org.ser4j.core.Prediction.of(p);
            }

            @Override
            public org.ser4j.core.Prediction classify(java.io.InputStream audio) throws IOException {
                return classify(org.ser4j.core.audio.AudioStreams.read(audio, "<stream>",
                        org.ser4j.core.audio.AudioLimits.DEFAULT));
            }

            @Override
            public void close() {
            }
        };
        ClassifierEvaluation.Outcome o = ClassifierEvaluation.run(byTone, "tone.onnx", List.of(data), out, s -> { }, problems::add);
        assertEquals(1, o.failedFiles());
        assertTrue(problems.get(0).contains("broken.wav"));
        JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("evaluate", j.get("command").asText());
        assertEquals(1.0, j.get("metrics").get("evaluation").get("accuracy").asDouble());
        assertEquals(8, j.get("metrics").get("evaluation").get("clips").asInt());
        assertEquals(4, j.get("dataCounts").get("evaluation").get("happy").asInt());
        assertTrue(Files.exists(out.resolve("confusion.png")) && Files.exists(out.resolve("f1.png")) && Files.exists(out.resolve("report.md")));
    }
}
