package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;

/**
 * Behaviour of the classifier on tiny linear-softmax models with a stand-in extractor, compared
 * against a plain-Java reference of the same computation.
 */
class OnnxEmotionClassifierTest {
    private static final float TOL = 2e-5f;

    @TempDir
    static Path dir;

    static TinyModels.Spec time;
    static TinyModels.Spec mel;
    static Path timeModel;
    static Path melModel;
    static OnnxEmotionClassifier shared;

    @BeforeAll
    static void setUp() throws IOException {
        time = TinyModels.timeSpec(1);
        mel = TinyModels.melSpec(2);
        timeModel = TinyModels.write(dir, "time.onnx", TinyModels.bytes(time));
        melModel = TinyModels.write(dir, "mel.onnx", TinyModels.bytes(mel));
        shared = open(timeModel, ClassifierOptions.defaults().withBatchSize(4));
    }

    @AfterAll
    static void tearDown() {
        shared.close();
    }

    static OnnxEmotionClassifier open(Path model, ClassifierOptions options) throws IOException {
        return EmotionClassifiers.fromOnnx(model, options, JavaSoundSource.SOURCE, SegmentMeanExtractor.FACTORY);
    }

    /** What the model should say about one window of samples. */
    static float[] expected(TinyModels.Spec spec, float[] window) {
        SegmentMeanExtractor x = new SegmentMeanExtractor(spec.metadata().featureKind(),
                new org.ser4j.features.FeatureConfig(16000, TinyModels.CLIP, 2048, 512, 128, 80));
        return spec.reference(spec.standardise(x.extract(window)));
    }

    @Test
    void aStreamIsClassifiedAsTheSameFile() throws IOException {
        Path wav = JavaSoundSource.write(dir.resolve("stream.wav"), JavaSoundSource.signal(50_000, 11), 16000);
        float[] fromFile = shared.classify(wav).probabilities();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(wav)) {
            assertArrayEquals(fromFile, shared.classify(in).probabilities(), 0f);
        }
        org.ser4j.core.audio.AudioFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.ser4j.core.audio.AudioFormatException.class,
                () -> shared.classify(new java.io.ByteArrayInputStream("not audio at all".getBytes())));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("<stream>"), e.getMessage());
    }

    @Test
    void aModelsTemperatureCalibratesItsProbabilities() throws IOException {
        java.util.Map<String, String> extra = new java.util.HashMap<>(time.metadata().extra());
        extra.put(org.ser4j.core.model.ModelMetadata.TEMPERATURE_KEY, "2.5");
        org.ser4j.core.model.ModelMetadata md = time.metadata();
        org.ser4j.core.model.ModelMetadata warm = new org.ser4j.core.model.ModelMetadata(md.featureKind(), md.sampleRate(),
                md.clipSamples(), md.nFft(), md.hopLength(), md.nMels(), md.topDb(), md.trimTopDb(), md.labels(), md.mean(), md.std(), extra);
        TinyModels.Spec spec = new TinyModels.Spec(warm, time.weights(), time.bias());
        Path model = TinyModels.write(dir, "warm.onnx", TinyModels.bytes(spec));
        float[] s = JavaSoundSource.signal(30_000, 7);
        float[] plain = expected(time, s);
        try (OnnxEmotionClassifier c = open(model, ClassifierOptions.defaults())) {
            float[] got = c.classifyTimeline(new AudioClip(s, 16000)).overall().probabilities();
            assertArrayEquals(org.ser4j.core.model.Temperature.apply(plain, plain.length, 2.5), got, TOL);
            // softer than the uncalibrated model, same winner
            float maxPlain = 0;
            float maxGot = 0;
            for (int i = 0; i < got.length; i++) {
                maxPlain = Math.max(maxPlain, plain[i]);
                maxGot = Math.max(maxGot, got[i]);
            }
            org.junit.jupiter.api.Assertions.assertTrue(maxGot < maxPlain, maxGot + " vs " + maxPlain);
        }
    }

    @Test
    void shortClipMatchesTheJavaReference() {
        float[] s = JavaSoundSource.signal(30_000, 7);
        Timeline t = shared.classifyTimeline(new AudioClip(s, 16000));
        assertEquals(1, t.windows().size());
        assertEquals(0.0, t.windows().get(0).startSeconds());
        assertEquals(30_000 / 16000.0, t.windows().get(0).endSeconds(), 1e-12);
        assertArrayEquals(expected(time, s), t.overall().probabilities(), TOL);
        assertEquals(t.overall(), shared.classify(new AudioClip(s, 16000)));
    }

    @Test
    void probabilitiesAreFarFromUniformSoTheComparisonMeansSomething() {
        float[] p = shared.classify(new AudioClip(JavaSoundSource.signal(16_000, 3), 16000)).probabilities();
        float max = 0;
        for (float v : p) {
            max = Math.max(max, v);
        }
        assertTrue(max > 0.3f, Arrays.toString(p));
    }

    @Test
    void longClipIsCutIntoHalfOverlappingWindowsWhoseMeanIsTheOverallPrediction() {
        int length = 200_000; // 12.5 s: windows at 0, 40040, 80080, 120120 (the last reaches the end)
        float[] s = JavaSoundSource.signal(length, 11);
        Timeline t = shared.classifyTimeline(new AudioClip(s, 16000));
        assertEquals(4, t.windows().size());
        double[] mean = new double[Emotion.COUNT];
        for (int w = 0; w < 4; w++) {
            WindowPrediction wp = t.windows().get(w);
            int start = w * 40_040;
            assertEquals(start / 16000.0, wp.startSeconds(), 1e-12);
            assertEquals(Math.min(start + 80_080, length) / 16000.0, wp.endSeconds(), 1e-12);
            float[] window = Arrays.copyOfRange(s, start, Math.min(start + 80_080, length));
            float[] e = expected(time, window);
            assertArrayEquals(e, wp.prediction().probabilities(), TOL);
            for (int c = 0; c < Emotion.COUNT; c++) {
                mean[c] += e[c] / 4.0;
            }
        }
        float[] m = new float[Emotion.COUNT];
        for (int c = 0; c < Emotion.COUNT; c++) {
            m[c] = (float) mean[c];
        }
        assertArrayEquals(m, t.overall().probabilities(), TOL);
        assertEquals(length / 16000.0, t.durationSeconds(), 1e-12);
    }

    @Test
    void hopIsConfigurableAndBatchSizeDoesNotChangeResults() throws IOException {
        float[] s = JavaSoundSource.signal(170_000, 5);
        AudioClip clip = new AudioClip(s, 16000);
        try (OnnxEmotionClassifier oneByOne = open(timeModel, ClassifierOptions.defaults().withBatchSize(1).withHopSamples(20_020));
                OnnxEmotionClassifier big = open(timeModel, ClassifierOptions.defaults().withBatchSize(64).withHopSamples(20_020))) {
            Timeline a = oneByOne.classifyTimeline(clip);
            Timeline b = big.classifyTimeline(clip);
            assertEquals(1 + (int) Math.ceil((170_000 - 80_080) / 20_020.0), a.windows().size());
            assertEquals(a.windows().size(), b.windows().size());
            for (int w = 0; w < a.windows().size(); w++) {
                assertEquals(w * 20_020 / 16000.0, a.windows().get(w).startSeconds(), 1e-12);
                assertArrayEquals(a.windows().get(w).prediction().probabilities(),
                        b.windows().get(w).prediction().probabilities(), TOL);
            }
        }
    }

    @Test
    void hopLongerThanTheWindowIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(timeModel, ClassifierOptions.defaults().withHopSamples(80_081)));
        assertTrue(e.getMessage().contains("80081"), e.getMessage());
    }

    @Test
    void otherSampleRatesAreResampledBeforeClassification() {
        // Resampling is ser-core's job; here only check that a 16 kHz clip is not touched and an empty clip is refused.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shared.classify(new AudioClip(new float[0], 16000)));
        assertTrue(e.getMessage().contains("no samples"));
    }

    @Test
    void classifyAllMatchesSingleCallsAndReportsBadFilesWithoutFailingTheBatch() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            int length = i == 4 ? 700_000 : 8_000 + 20_000 * i; // file 4 has more windows than a batch
            files.add(JavaSoundSource.write(dir.resolve("clip" + i + ".wav"), JavaSoundSource.signal(length, 100 + i), 16000));
        }
        Path corrupt = dir.resolve("corrupt.wav");
        Files.writeString(corrupt, "this is not audio");
        Path missing = dir.resolve("missing.wav");
        files.add(3, corrupt);
        files.add(7, missing);
        List<ClassificationResult> results = shared.classifyAll(files);
        assertEquals(files.size(), results.size());
        for (int i = 0; i < files.size(); i++) {
            ClassificationResult r = results.get(i);
            assertEquals(files.get(i), r.path());
            if (files.get(i).equals(corrupt) || files.get(i).equals(missing)) {
                assertFalse(r.isSuccess());
                assertTrue(r.error().orElseThrow().contains(files.get(i).toString()), r.error().orElseThrow());
            } else {
                Timeline single = shared.classifyTimeline(files.get(i));
                assertEquals(single.windows().size(), r.timeline().orElseThrow().windows().size());
                assertArrayEquals(single.overall().probabilities(), r.prediction().orElseThrow().probabilities(), TOL);
            }
        }
        assertTrue(results.get(7).error().orElseThrow().toLowerCase(java.util.Locale.ROOT).contains("no such file"),
                results.get(7).error().orElseThrow());
    }

    @Test
    void manyThreadsSharingOneClassifierGetTheSameResultsAsOneThread() throws Exception {
        List<AudioClip> clips = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            clips.add(new AudioClip(JavaSoundSource.signal(10_000 + 15_000 * i, 200 + i), 16000));
        }
        List<Prediction> sequential = new ArrayList<>();
        for (AudioClip c : clips) {
            sequential.add(shared.classify(c));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Prediction>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (AudioClip c : clips) {
                    futures.add(pool.submit(() -> shared.classify(c)));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(sequential.get(i % clips.size()), futures.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ensembleAveragesTheModelsWithTheirWeights() throws IOException {
        float[] s = JavaSoundSource.signal(50_000, 9);
        AudioClip clip = new AudioClip(s, 16000);
        OnnxModel t = OnnxModel.open("t", Files.readAllBytes(timeModel), 0, SegmentMeanExtractor.FACTORY);
        OnnxModel m = OnnxModel.open("m", Files.readAllBytes(melModel), 0, SegmentMeanExtractor.FACTORY);
        try (OnnxEmotionClassifier ensemble = new OnnxEmotionClassifier("test ensemble", List.of(t, m),
                new float[] {1f, 3f}, ClassifierOptions.defaults(), JavaSoundSource.SOURCE)) {
            float[] pt = expected(time, s);
            float[] pm = expected(mel, s);
            float[] want = new float[Emotion.COUNT];
            for (int c = 0; c < Emotion.COUNT; c++) {
                want[c] = 0.25f * pt[c] + 0.75f * pm[c];
            }
            assertArrayEquals(want, ensemble.classify(clip).probabilities(), TOL);
            assertArrayEquals(new float[] {0.25f, 0.75f}, ensemble.weights(), 1e-7f);
            assertEquals(List.of(FeatureKind.TIME_DOMAIN, FeatureKind.LOG_MEL),
                    ensemble.metadata().stream().map(md -> md.featureKind()).toList());
        }
    }

    @Test
    void ensembleOfModelsWithDifferentWindowsIsRejected() throws IOException {
        org.ser4j.core.model.ModelMetadata shortWindow = new org.ser4j.core.model.ModelMetadata(FeatureKind.TIME_DOMAIN,
                16000, 48_000, 2048, 512, 128, 80.0, 0.0, TinyModels.labels(), new float[0], new float[0], java.util.Map.of());
        OnnxModel t = OnnxModel.open("t", Files.readAllBytes(timeModel), 0, SegmentMeanExtractor.FACTORY);
        OnnxModel s = OnnxModel.open("short", TinyModels.bytes(TinyModels.spec(shortWindow, 1, 0.1f)), 0,
                SegmentMeanExtractor.FACTORY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxEmotionClassifier("mixed",
                List.of(t, s), new float[] {1f, 1f}, ClassifierOptions.defaults(), JavaSoundSource.SOURCE));
        assertTrue(e.getMessage().contains("48000") && e.getMessage().contains("80080"), e.getMessage());
        assertTrue(t.isClosed() && s.isClosed());
    }

    @Test
    void invalidEnsembleWeightsAreRejectedAndTheModelsClosed() throws IOException {
        for (float[] weights : new float[][] {{0f, 0f}, {1f, -1f}, {1f, Float.NaN}, {1f}}) {
            OnnxModel t = OnnxModel.open("t", Files.readAllBytes(timeModel), 0, SegmentMeanExtractor.FACTORY);
            OnnxModel m = OnnxModel.open("m", Files.readAllBytes(melModel), 0, SegmentMeanExtractor.FACTORY);
            assertThrows(IllegalArgumentException.class, () -> new OnnxEmotionClassifier("bad", List.of(t, m),
                    weights, ClassifierOptions.defaults(), JavaSoundSource.SOURCE), Arrays.toString(weights));
            assertTrue(t.isClosed() && m.isClosed());
        }
    }

    @Test
    void interruptingClassifyAllStopsEarlyWithOneEntryPerFileAndKeepsTheFlag() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(JavaSoundSource.write(dir.resolve("int" + i + ".wav"), JavaSoundSource.signal(60_000, 300 + i), 16000));
        }
        List<Path> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.addAll(files);
        }
        try (OnnxEmotionClassifier c = open(melModel, ClassifierOptions.defaults().withParallelism(1).withBatchSize(1))) {
            java.util.concurrent.atomic.AtomicReference<List<ClassificationResult>> out = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean flag = new java.util.concurrent.atomic.AtomicBoolean();
            Thread t = new Thread(() -> {
                Thread.currentThread().interrupt(); // interrupted before the first wait: deterministic
                out.set(c.classifyAll(many));
                flag.set(Thread.currentThread().isInterrupted());
            });
            t.start();
            t.join();
            List<ClassificationResult> results = out.get();
            assertEquals(many.size(), results.size());
            for (int i = 0; i < many.size(); i++) {
                ClassificationResult r = results.get(i);
                assertEquals(many.get(i), r.path());
                assertTrue(r.isSuccess() || r.error().orElseThrow().endsWith("classification interrupted"), r.toString());
            }
            assertTrue(flag.get(), "interrupt flag restored");
            assertTrue(results.get(results.size() - 1).error().isPresent(), "the run stopped early");
            // The classifier still works afterwards and closes cleanly.
            assertTrue(c.classifyAll(files).stream().allMatch(ClassificationResult::isSuccess));
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsThrowIllegalState() throws IOException {
        OnnxEmotionClassifier c = open(timeModel, ClassifierOptions.defaults());
        Path wav = JavaSoundSource.write(dir.resolve("close.wav"), JavaSoundSource.signal(16_000, 1), 16000);
        assertEquals(1, c.classifyAll(List.of(wav)).size());
        c.close();
        c.close();
        AudioClip clip = new AudioClip(new float[100], 16000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.classify(clip));
        assertTrue(e.getMessage().contains("closed"));
        assertThrows(IllegalStateException.class, () -> c.classify(wav));
        assertThrows(IllegalStateException.class, () -> c.classifyAll(List.of(wav)));
        assertThrows(IllegalStateException.class, () -> c.classifyTimeline(wav));
    }

    @Test
    void closeWaitsForRunningCallsWhileOthersKeepWorking() throws Exception {
        OnnxEmotionClassifier c = open(melModel, ClassifierOptions.defaults());
        AudioClip clip = new AudioClip(JavaSoundSource.signal(400_000, 4), 16000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> {
                    try {
                        return c.classify(clip);
                    } catch (IllegalStateException e) {
                        return e; // closed before this call started: the only acceptable failure
                    }
                }));
            }
            c.close();
            for (Future<Object> f : futures) {
                Object r = f.get();
                assertTrue(r instanceof Prediction || (r instanceof IllegalStateException e && e.getMessage().contains("closed")),
                        String.valueOf(r));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
