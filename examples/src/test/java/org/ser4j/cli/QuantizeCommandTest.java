package org.ser4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ser4j.core.Emotion;
import org.ser4j.core.Prediction;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.models.EmotionClassifiers;
import org.ser4j.models.WindowedEmotionClassifier;
import org.ser4j.training.nn.Architectures;
import org.ser4j.training.nn.Network;
import org.ser4j.training.onnx.OnnxExporter;
import org.ser4j.training.onnx.QdqExporter;

class QuantizeCommandTest {
    @TempDir
    Path tmp;

    /** A time-domain network with perturbed biases too, exported with a global standardisation fitting tone features. */
    private Path floatModel() throws IOException {
        Path file = tmp.resolve("time.onnx");
        try (Network net = Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 7, 1)) {
            float[] p = net.parameters();
            Random r = new Random(3);
            for (int i = 0; i < p.length; i++) {
                p[i] += (float) (r.nextGaussian() * 0.02);
            }
            net.loadParameters(p);
            ModelMetadata md = new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, 80_080, 2048, 512, 128, 80.0, 0.0,
                    ModelMetadata.emotionLabels(), new float[] {0.1f}, new float[] {0.1f}, Map.of("seed", "7"));
            OnnxExporter.export(net, md, file);
        }
        return file;
    }

    /** One generated clip per emotion, in folder-per-label layout; returns the clips. */
    private List<Path> corpus(Path data) throws IOException {
        List<Path> clips = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            int k = e.ordinal();
            float[] tone = TestWavs.tone(24_000 + 4_000 * k, 16_000, 150 + 70 * k, 0.1 + 0.12 * k, k);
            Random r = new Random(k);
            for (int i = 0; i < tone.length; i++) {
                tone[i] += (float) (0.02 * (k + 1) * r.nextGaussian());
            }
            Path clip = Files.createDirectories(data.resolve(e.label())).resolve("c" + k + ".wav");
            TestWavs.write(clip, tone, 16_000);
            clips.add(clip);
        }
        return clips;
    }

    @Test
    void theInt8ModelOpensAsAClassifierAndStaysCloseToTheFloatModel() throws Exception {
        Path model = floatModel();
        Path data = tmp.resolve("data");
        List<Path> clips = corpus(data);
        Path out = tmp.resolve("out").resolve("time-int8.onnx");
        CliRun r = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out", out.toString(),
                "--cache", tmp.resolve("cache").toString(), "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("calibrated on 6 clip(s)"), r.out());
        assertTrue(r.out().contains("layer input 7: "), r.out());
        try (WindowedEmotionClassifier f = EmotionClassifiers.fromOnnx(model);
                WindowedEmotionClassifier q = EmotionClassifiers.fromOnnx(out)) {
            double maxDiff = 0;
            for (Path clip : clips) {
                Prediction a = f.classify(clip);
                Prediction b = q.classify(clip);
                for (Emotion e : Emotion.values()) {
                    maxDiff = Math.max(maxDiff, Math.abs(a.probability(e) - b.probability(e)));
                }
            }
            // calibrated on these very clips: each of the 7 quantised inputs is off by at most half
            // a step (1/510 of its range), which the network amplifies a little; 0.05 is far above
            // that and far below a wrong graph, whose probabilities move by tenths
            assertTrue(maxDiff < 0.05, "max |int8 - float| probability = " + maxDiff);
        }
        ai.onnx.proto.OnnxMl.ModelProto written = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out));
        String scheme = written.getMetadataPropsList().stream().filter(p -> p.getKey().equals(QdqExporter.QUANTIZATION_PROPERTY))
                .findFirst().orElseThrow().getValue();
        assertTrue(scheme.contains("over 6 clip(s) of data"), scheme);
        try (var stream = Files.list(out.getParent())) {
            assertEquals(List.of(out), stream.toList(), "no temporary file is left beside the model");
        }
    }

    @Test
    void aPercentileCalibrationNarrowsTheRangesAndIsRecorded() throws Exception {
        Path model = floatModel();
        Path data = tmp.resolve("data");
        corpus(data);
        String cache = tmp.resolve("cache").toString();
        Path all = tmp.resolve("all.onnx");
        Path cut = tmp.resolve("cut.onnx");
        CliRun a = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out", all.toString(),
                "--cache", cache);
        CliRun b = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out", cut.toString(),
                "--cache", cache, "--percentile", "99.5");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(0, b.exitCode(), b.err());
        // the first convolution's pooled outputs: thousands of distinct values, so cutting 0.5 % lowers the top
        // (the inputs themselves may end in a plateau of equal values that no percentile cuts)
        String first = a.outLines().stream().filter(l -> l.startsWith("layer input 2: ")).findFirst().orElseThrow();
        String firstCut = b.outLines().stream().filter(l -> l.startsWith("layer input 2: ")).findFirst().orElseThrow();
        double max = Double.parseDouble(first.replaceAll(".*, (.*)]", "$1"));
        double maxCut = Double.parseDouble(firstCut.replaceAll(".*, (.*)]", "$1"));
        assertTrue(maxCut < max, first + " vs " + firstCut);
        String scheme = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(cut)).getMetadataPropsList().stream()
                .filter(p -> p.getKey().equals(QdqExporter.QUANTIZATION_PROPERTY)).findFirst().orElseThrow().getValue();
        assertTrue(scheme.contains("the 99.5 % percentile range"), scheme);
    }

    @Test
    void aMissingModelIsAClearError() throws IOException {
        Path data = tmp.resolve("data");
        corpus(data);
        Path model = tmp.resolve("none.onnx");
        CliRun r = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out",
                tmp.resolve("o.onnx").toString());
        assertEquals(2, r.exitCode());
        assertEquals(List.of("quantize: model file " + model + " does not exist"), r.errLines());
    }

    @Test
    void aFileThatIsNotAnOnnxModelIsAClearError() throws IOException {
        Path data = tmp.resolve("data");
        corpus(data);
        Path model = Files.writeString(tmp.resolve("junk.onnx"), "garbage");
        CliRun r = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out",
                tmp.resolve("o.onnx").toString(), "--cache", tmp.resolve("cache").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cannot quantise " + model), r.err());
        assertFalse(Files.exists(tmp.resolve("o.onnx")));
    }

    @Test
    void anInt8ModelCannotBeQuantisedAgain() throws IOException {
        Path model = floatModel();
        Path data = tmp.resolve("data");
        corpus(data);
        Path once = tmp.resolve("once.onnx");
        String cache = tmp.resolve("cache").toString();
        assertEquals(0, CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out",
                once.toString(), "--cache", cache).exitCode());
        CliRun r = CliRun.of(new QuantizeCommand(), "--model", once.toString(), "--data", data.toString(), "--out",
                tmp.resolve("twice.onnx").toString(), "--cache", cache);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("cannot quantise " + once) && r.err().contains("QuantizeLinear"), r.err());
    }

    @Test
    void badNumbersAndOutputsAreClearErrors() throws IOException {
        Path model = floatModel();
        Path data = tmp.resolve("data");
        corpus(data);
        CliRun clips = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out",
                tmp.resolve("o.onnx").toString(), "--clips", "0");
        assertEquals(2, clips.exitCode());
        assertTrue(clips.err().contains("calibration clips must be positive, got 0 (see --clips N)"), clips.err());
        CliRun percentile = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out",
                tmp.resolve("o.onnx").toString(), "--percentile", "98");
        assertEquals(2, percentile.exitCode());
        assertTrue(percentile.err().contains("percentile must be above 99 and at most 100, got 98.0 (see --percentile P)"),
                percentile.err());
        CliRun same = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out",
                model.toString(), "--cache", tmp.resolve("cache").toString());
        assertEquals(2, same.exitCode());
        assertTrue(same.err().contains("is the float model itself"), same.err());
        CliRun dir = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", data.toString(), "--out",
                tmp.toString());
        assertEquals(2, dir.exitCode());
        assertTrue(dir.err().contains("is a directory"), dir.err());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun none = CliRun.of(new QuantizeCommand(), "--model", model.toString(), "--data", empty.toString(), "--out",
                tmp.resolve("o.onnx").toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("data directory " + empty + " is empty"), none.err());
    }

    @Test
    void theCommandIsPartOfSer4j() {
        CliRun r = CliRun.ser4j("quantize", "--help");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("--clips"), r.out());
    }
}
