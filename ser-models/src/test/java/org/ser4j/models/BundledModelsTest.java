package org.ser4j.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.audio.AudioClip;
import org.ser4j.core.model.FeatureKind;

/** Loading bundled models from class-path resources, pointed at a temporary directory. */
class BundledModelsTest {
    @TempDir
    Path root;

    private BundledModels resources() throws IOException {
        Files.createDirectories(root.resolve("m"));
        return new BundledModels(new URLClassLoader(new URL[] {root.toUri().toURL()}, null), "m/");
    }

    private void put(String file, byte[] bytes) throws IOException {
        Files.createDirectories(root.resolve("m"));
        Files.write(root.resolve("m").resolve(file), bytes);
    }

    private void putModel(String name, byte[] bytes) throws IOException {
        put(name + ".onnx", bytes);
        put(name + ".onnx.sha256", (BundledModels.sha256(bytes) + "  " + name + ".onnx\n").getBytes());
    }

    private OnnxEmotionClassifier load(BundledModels r, String name) {
        return EmotionClassifiers.bundled(r, name, ClassifierOptions.defaults(), JavaSoundSource.SOURCE,
                SegmentMeanExtractor.FACTORY);
    }

    @Test
    void missingModelResourceSaysWhichResource() throws IOException {
        BundledModels r = resources();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load(r, "time"));
        assertTrue(e.getMessage().contains("m/time.onnx") && e.getMessage().contains("missing"), e.getMessage());
    }

    /** Without the ser-models-bundled artifact the message says where the models are and what else works. */
    @Test
    void missingModelResourceNamesTheBundledArtifact() throws IOException {
        BundledModels r = resources();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load(r, "ensemble"));
        assertTrue(e.getMessage().contains("org.ser4j:ser-models-bundled") && e.getMessage().contains("fromOnnx"),
                e.getMessage());
    }

    @Test
    void missingChecksumResourceIsAnError() throws IOException {
        put("mel.onnx", TinyModels.bytes(TinyModels.melSpec(1)));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load(resources(), "mel"));
        assertTrue(e.getMessage().contains("m/mel.onnx.sha256"), e.getMessage());
    }

    @Test
    void checksumMismatchIsAnError() throws IOException {
        byte[] bytes = TinyModels.bytes(TinyModels.timeSpec(1));
        putModel("time", bytes);
        bytes[bytes.length - 1] ^= 1;
        put("time.onnx", bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load(resources(), "time"));
        assertTrue(e.getMessage().contains("SHA-256 mismatch") && e.getMessage().contains("m/time.onnx"), e.getMessage());
    }

    @Test
    void malformedChecksumFileIsAnError() {
        assertThrows(ModelLoadException.class, () -> BundledModels.parseSha256("x", "abc  file"));
        assertThrows(ModelLoadException.class, () -> BundledModels.parseSha256("x", ""));
        assertEquals("ab".repeat(32), BundledModels.parseSha256("x", "AB".repeat(32) + "\n"));
    }

    @Test
    void ensembleLoadsBothModelsWithTheConfiguredWeights() throws IOException {
        putModel("time", TinyModels.bytes(TinyModels.timeSpec(1)));
        putModel("mel", TinyModels.bytes(TinyModels.melSpec(2)));
        put("ensemble.properties", "weight.time=1\nweight.mel=3\n".getBytes());
        try (OnnxEmotionClassifier c = load(resources(), "ensemble")) {
            assertArrayEquals(new float[] {0.25f, 0.75f}, c.weights(), 1e-7f);
            assertEquals(FeatureKind.TIME_DOMAIN, c.metadata().get(0).featureKind());
            assertEquals(FeatureKind.LOG_MEL, c.metadata().get(1).featureKind());
            assertTrue(c.description().contains("0.250"), c.description());
            c.classify(new AudioClip(JavaSoundSource.signal(20_000, 1), 16000));
        }
    }

    @Test
    void ensembleLoadsTheListedMembersInOrder() throws IOException {
        putModel("time", TinyModels.bytes(TinyModels.timeSpec(1)));
        putModel("mel", TinyModels.bytes(TinyModels.melSpec(2)));
        putModel("mel-seed7", TinyModels.bytes(TinyModels.melSpec(3)));
        put("ensemble.properties", "members = time, mel, mel-seed7\nweight.time=2\nweight.mel=1\nweight.mel-seed7=1\n".getBytes());
        try (OnnxEmotionClassifier c = load(resources(), "ensemble")) {
            assertArrayEquals(new float[] {0.5f, 0.25f, 0.25f}, c.weights(), 1e-7f);
            assertEquals(List.of(FeatureKind.TIME_DOMAIN, FeatureKind.LOG_MEL, FeatureKind.LOG_MEL),
                    c.metadata().stream().map(m -> m.featureKind()).toList());
            assertTrue(c.description().contains("mel-seed7 0.250"), c.description());
            c.classify(new AudioClip(JavaSoundSource.signal(20_000, 1), 16000));
        }
    }

    @Test
    void membersWithTheSameFeaturesShareOneExtractionAndGiveTheSameMix() throws IOException {
        byte[] mel = TinyModels.bytes(TinyModels.melSpec(2));
        putModel("time", TinyModels.bytes(TinyModels.timeSpec(1)));
        putModel("mel", mel);
        putModel("mel-copy", mel);
        AtomicInteger extractions = new AtomicInteger();
        ExtractorFactory counting = SegmentMeanExtractor.counting(extractions);
        AudioClip clip = new AudioClip(JavaSoundSource.signal(20_000, 1), 16000);
        put("ensemble.properties", "members=time,mel,mel-copy\nweight.time=1\nweight.mel=1\nweight.mel-copy=1\n".getBytes());
        float[] three;
        try (OnnxEmotionClassifier c = EmotionClassifiers.bundled(resources(), "ensemble", ClassifierOptions.defaults(),
                JavaSoundSource.SOURCE, counting)) {
            int opened = extractions.get();
            three = c.classify(clip).probabilities();
            assertEquals(2, extractions.get() - opened, "one window: one time and one mel extraction for three models");
        }
        put("ensemble.properties", "members=time,mel\nweight.time=1\nweight.mel=2\n".getBytes());
        try (OnnxEmotionClassifier c = load(resources(), "ensemble")) {
            assertArrayEquals(c.classify(clip).probabilities(), three, 1e-6f);
        }
    }

    @Test
    void ensembleMembersAreCheckedAndAMissingMemberIsNamed() throws IOException {
        BundledModels r = resources();
        assertEquals(List.of("time", "mel"), EmotionClassifiers.ensembleMembers(r));
        for (String bad : new String[] {"", "time,,mel", "time,Mel", "time,../mel", "time,mel,time", "time mel"}) {
            put("ensemble.properties", ("members=" + bad + "\n").getBytes());
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> EmotionClassifiers.ensembleMembers(r), bad);
            assertTrue(e.getMessage().contains("members"), e.getMessage());
        }
        put("ensemble.properties", "members=time,mel,time-seed7\n".getBytes());
        assertArrayEquals(new float[] {1f / 3, 1f / 3, 1f / 3}, EmotionClassifiers.ensembleWeights(r), 1e-7f);
        putModel("time", TinyModels.bytes(TinyModels.timeSpec(1)));
        putModel("mel", TinyModels.bytes(TinyModels.melSpec(2)));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> load(resources(), "ensemble"));
        assertTrue(e.getMessage().contains("time-seed7.onnx"), e.getMessage());
    }

    @Test
    void ensembleWeightsDefaultToEqualAndBadValuesAreNamed() throws IOException {
        BundledModels r = resources();
        assertArrayEquals(new float[] {0.5f, 0.5f}, EmotionClassifiers.ensembleWeights(r));
        put("ensemble.properties", "weight.time=heavy\n".getBytes());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> EmotionClassifiers.ensembleWeights(r));
        assertTrue(e.getMessage().contains("weight.time") && e.getMessage().contains("heavy"), e.getMessage());
        put("ensemble.properties", "weight.time=0\nweight.mel=0\n".getBytes());
        assertThrows(ModelLoadException.class, () -> EmotionClassifiers.ensembleWeights(r));
        put("ensemble.properties", "weight.time=-1\n".getBytes());
        assertThrows(ModelLoadException.class, () -> EmotionClassifiers.ensembleWeights(r));
    }

    @Test
    void ensembleTemperatureDefaultsToOneAndBadValuesAreNamed() throws IOException {
        BundledModels r = resources();
        assertEquals(1.0, EmotionClassifiers.ensembleTemperature(r));
        put("ensemble.properties", "temperature=1.6\n".getBytes());
        assertEquals(1.6, EmotionClassifiers.ensembleTemperature(r));
        put("ensemble.properties", "temperature=0\n".getBytes());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> EmotionClassifiers.ensembleTemperature(r));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        put("ensemble.properties", "temperature=warm\n".getBytes());
        assertThrows(ModelLoadException.class, () -> EmotionClassifiers.ensembleTemperature(r));
    }

    @Test
    void defaultPropertiesPicksTheModel() throws IOException {
        BundledModels r = resources();
        assertEquals("ensemble", EmotionClassifiers.defaultName(r));
        put("default.properties", "model = MEL\n".getBytes());
        assertEquals("mel", EmotionClassifiers.defaultName(r));
        put("default.properties", "model=svm\n".getBytes());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> EmotionClassifiers.defaultName(r));
        assertTrue(e.getMessage().contains("svm"));
    }

    @Test
    void unknownBundledNameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmotionClassifiers.bundled("svm", ClassifierOptions.defaults()));
        assertTrue(e.getMessage().contains("svm"));
        assertTrue(EmotionClassifiers.isBundledName(" Ensemble "));
    }

    @Test
    void productionSettingsAreValid() {
        assertTrue(EmotionClassifiers.isBundledName(EmotionClassifiers.defaultModelName()));
        float[] w = EmotionClassifiers.ensembleWeights(BundledModels.production());
        assertTrue(w[0] >= 0 && w[1] >= 0 && w[0] + w[1] > 0);
    }

    /**
     * The trained models (ser-models-bundled, a test dependency here) load, pass their checksums and
     * their metadata checks.
     */
    @Test
    void bundledModelsLoadWhenPresent() {
        assertTrue(getClass().getClassLoader().getResource(BundledModels.RESOURCE_DIR + "time.onnx") != null
                && getClass().getClassLoader().getResource(BundledModels.RESOURCE_DIR + "mel.onnx") != null,
                "the trained models are not on the test class path (ser-models-bundled)");
        for (String name : new String[] {"time", "mel", "ensemble", "default"}) {
            try (WindowedEmotionClassifier c = EmotionClassifiers.bundled(name, ClassifierOptions.defaults())) {
                assertEquals(80_080, c.windowSamples());
                assertEquals(16_000, c.sampleRate());
            }
        }
    }
}
