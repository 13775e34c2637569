package org.ser4j.training.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;
import org.ser4j.training.nn.Architectures;
import org.ser4j.training.nn.Network;

class OnnxExporterTest {
    @TempDir
    Path dir;

    static ModelMetadata metadata(FeatureKind kind) {
        return new ModelMetadata(kind, 16000, 80080, 2048, 512, 128, 80.0, 0.0, ModelMetadata.emotionLabels(),
                new float[] {-40.5f}, new float[] {12.25f}, Map.of("seed", "42", "train.samples", "100"));
    }

    /** A network with every parameter perturbed, so that zero biases cannot hide layout errors. */
    static Network perturbed(FeatureKind kind) {
        Network net = Architectures.build(kind, 1.0, 7, 2);
        float[] p = net.parameters();
        Random r = new Random(3);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (r.nextGaussian() * 0.02);
        }
        net.loadParameters(p);
        return net;
    }

    @ParameterizedTest
    @EnumSource(FeatureKind.class)
    void onnxRuntimeAgreesWithTheJavaForwardPass(FeatureKind kind) throws Exception {
        try (Network net = perturbed(kind)) {
            Path file = dir.resolve(kind.id() + ".onnx");
            OnnxExporter.export(net, metadata(kind), file);
            // three random inputs, then two real feature vectors of synthetic speech-like clips
            int n = 5;
            Random r = new Random(11);
            float[] x = new float[n * net.inputLength()];
            for (int i = 0; i < 3 * net.inputLength(); i++) {
                x[i] = (float) (r.nextGaussian() * 2);
            }
            FeatureExtractor extractor = kind == FeatureKind.TIME_DOMAIN ? new TimeDomainFeatures() : new LogMelSpectrogram();
            for (int clip = 0; clip < 2; clip++) {
                float[] features = extractor.extract(syntheticClip(clip, extractor.config().clipSamples()));
                assertEquals(net.inputLength(), features.length);
                System.arraycopy(features, 0, x, (3 + clip) * net.inputLength(), features.length);
            }
            float[] expected = net.predict(x, n);
            long[] shape = kind == FeatureKind.TIME_DOMAIN ? new long[] {n, 1, 314} : new long[] {n, 1, 128, 157};
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
                    OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                    OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT_NAME, input))) {
                float[][] actual = (float[][]) result.get(OnnxExporter.OUTPUT_NAME).orElseThrow().getValue();
                assertEquals(n, actual.length);
                double maxDiff = 0;
                boolean varied = false;
                for (int s = 0; s < n; s++) {
                    assertEquals(6, actual[s].length);
                    for (int c = 0; c < 6; c++) {
                        maxDiff = Math.max(maxDiff, Math.abs(actual[s][c] - expected[s * 6 + c]));
                        varied |= Math.abs(actual[s][c] - 1.0 / 6) > 1e-3;
                    }
                }
                assertTrue(maxDiff <= 1e-4, "max |ORT - Java| = " + maxDiff);
                assertTrue(varied, "outputs are uniform: the comparison would be vacuous");
                Map<String, String> props = session.getMetadata().getCustomMetadata();
                ModelMetadata back = ModelMetadata.fromProperties(props);
                assertEquals(kind, back.featureKind());
                assertEquals(ModelMetadata.emotionLabels(), back.labels());
                assertEquals("42", back.extra().get("seed"));
                assertEquals(-40.5f, back.mean()[0]);
                assertEquals("ser4j", session.getMetadata().getProducerName());
            }
        }
    }

    /** A gliding harmonic tone with noise and an amplitude envelope, at 16 kHz. */
    static float[] syntheticClip(int variant, int length) {
        Random r = new Random(variant);
        float[] y = new float[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double t = i / 16000.0;
            double f0 = 120 + 80 * variant + 60 * Math.sin(2 * Math.PI * 0.7 * t);
            phase += 2 * Math.PI * f0 / 16000.0;
            double env = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
            y[i] = (float) (env * (0.4 * Math.sin(phase) + 0.2 * Math.sin(2 * phase) + 0.1 * Math.sin(3 * phase))
                    + 0.01 * r.nextGaussian());
        }
        return y;
    }

    @ParameterizedTest
    @EnumSource(FeatureKind.class)
    void passesTheOnnxCheckerWhenPythonOnnxIsInstalled(FeatureKind kind) throws Exception {
        Assumptions.assumeTrue(pythonOnnxAvailable(), "/usr/bin/python3 with the onnx package is not installed");
        try (Network net = perturbed(kind)) {
            Path file = dir.resolve(kind.id() + ".onnx");
            OnnxExporter.export(net, metadata(kind), file);
            String script = "import onnx,sys\n"
                    + "m = onnx.load(sys.argv[1])\n"
                    + "onnx.checker.check_model(m, full_check=True)\n"
                    + "print(m.ir_version, m.opset_import[0].version)\n";
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "checker timed out");
            assertEquals(0, p.exitValue(), "onnx.checker failed: " + output);
            assertEquals("8 17", output.trim());
        }
    }

    private static boolean pythonOnnxAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import onnx").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void mismatchedMetadataIsRejectedAndNothingIsWritten() throws IOException {
        try (Network net = Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 1, 1)) {
            Path file = dir.resolve("bad.onnx");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OnnxExporter.export(net, metadata(FeatureKind.LOG_MEL), file));
            assertTrue(e.getMessage().contains("mel"), e.getMessage());
            ModelMetadata shortClip = new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, 16000, 2048, 512, 128, 80, 0.0,
                    ModelMetadata.emotionLabels(), new float[0], new float[0], Map.of());
            assertThrows(IllegalArgumentException.class, () -> OnnxExporter.export(net, shortClip, file));
            try (Network noKind = org.ser4j.training.nn.SequentialNetwork.builder(null, 314, 1, 1)
                    .dense(6, false, 0).build(1, 1, 1)) {
                e = assertThrows(IllegalArgumentException.class,
                        () -> OnnxExporter.export(noKind, metadata(FeatureKind.TIME_DOMAIN), file));
                assertTrue(e.getMessage().contains("no declared feature kind"), e.getMessage());
            }
            assertFalse(Files.exists(file));
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no temporary files left behind");
            }
        }
    }

    @Test
    void modelDeclaresIrVersionOpsetAndSymbolicBatch() {
        try (Network net = Architectures.build(FeatureKind.LOG_MEL, 1.0, 1, 1)) {
            var model = OnnxExporter.toModel(net, metadata(FeatureKind.LOG_MEL));
            assertEquals(8, model.getIrVersion());
            assertEquals(17, model.getOpsetImport(0).getVersion());
            var in = model.getGraph().getInput(0).getType().getTensorType().getShape();
            assertEquals("batch", in.getDim(0).getDimParam());
            assertEquals(List.of(1L, 128L, 157L),
                    List.of(in.getDim(1).getDimValue(), in.getDim(2).getDimValue(), in.getDim(3).getDimValue()));
            assertEquals("Softmax", model.getGraph().getNode(model.getGraph().getNodeCount() - 1).getOpType());
            assertFalse(OnnxExporter.version().isBlank());
        }
    }

    @Test
    void aTemperatureInTheMetadataIsWrittenAsItsOwnProperty() {
        try (Network net = Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 1, 1)) {
            ModelMetadata m = new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, 80080, 2048, 512, 128, 80.0, 0.0,
                    ModelMetadata.emotionLabels(), new float[0], new float[0], Map.of("temperature", "1.75"));
            Map<String, String> props = new java.util.HashMap<>();
            OnnxExporter.toModel(net, m).getMetadataPropsList().forEach(e -> props.put(e.getKey(), e.getValue()));
            assertEquals("1.75", props.get(OnnxExporter.TEMPERATURE_PROPERTY));
            assertEquals("1.75", props.get("ser4j.extra.temperature"));
            // the metadata reader ignores the extra key, so older readers keep working
            assertEquals(m, ModelMetadata.fromProperties(props));
            Map<String, String> plain = new java.util.HashMap<>();
            OnnxExporter.toModel(net, metadata(FeatureKind.TIME_DOMAIN)).getMetadataPropsList()
                    .forEach(e -> plain.put(e.getKey(), e.getValue()));
            assertFalse(plain.containsKey(OnnxExporter.TEMPERATURE_PROPERTY));
            for (String bad : new String[] {"0", "-1", "NaN", "Infinity", "warm"}) {
                ModelMetadata b = new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, 80080, 2048, 512, 128, 80.0, 0.0,
                        ModelMetadata.emotionLabels(), new float[0], new float[0], Map.of("temperature", bad));
                assertThrows(IllegalArgumentException.class, () -> OnnxExporter.toModel(net, b), bad);
            }
        }
    }
}
