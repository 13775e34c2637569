package org.ser4j.training.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;
import org.ser4j.training.nn.LayerSpec;
import org.ser4j.training.nn.Network;
import org.ser4j.training.nn.SequentialNetwork;
import org.ser4j.training.nn.ValueRange;

class QdqExporterTest {
    @TempDir
    Path dir;

    /** Standardised-looking inputs: features of generated clips, scaled to about zero mean and unit spread. */
    static float[] inputs(FeatureKind kind, int n) {
        FeatureExtractor extractor = kind == FeatureKind.TIME_DOMAIN ? new TimeDomainFeatures() : new LogMelSpectrogram();
        int len = extractor.featureLength();
        float[] x = new float[n * len];
        for (int s = 0; s < n; s++) {
            float[] f = extractor.extract(OnnxExporterTest.syntheticClip(s, extractor.config().clipSamples()));
            double mean = 0;
            for (float v : f) {
                mean += v;
            }
            mean /= len;
            double var = 0;
            for (float v : f) {
                var += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(var / len) + 1e-6;
            for (int i = 0; i < len; i++) {
                x[s * len + i] = (float) ((f[i] - mean) / std);
            }
        }
        return x;
    }

    static List<ValueRange> ranges(Network net, int n) {
        return ((SequentialNetwork) net).weightedLayerInputRanges(inputs(net.kind(), n), n);
    }

    @ParameterizedTest
    @EnumSource(FeatureKind.class)
    void kernelsAreQuantisedPerOutputChannelSymmetricallyWithinHalfAScale(FeatureKind kind) {
        try (Network net = OnnxExporterTest.perturbed(kind)) {
            ModelProto floatModel = OnnxExporter.toModel(net, OnnxExporterTest.metadata(kind));
            ModelProto qdq = QdqExporter.toModel(floatModel, ranges(net, 2), "two generated clips");
            Map<String, TensorProto> init = new HashMap<>();
            qdq.getGraph().getInitializerList().forEach(t -> init.put(t.getName(), t));
            List<LayerSpec> layers = net.layers();
            int checked = 0;
            for (int i = 0; i < layers.size(); i++) {
                float[] w;
                int channels;
                boolean denseLayout;
                if (layers.get(i) instanceof LayerSpec.Conv c) {
                    w = c.weights();
                    channels = c.outChannels();
                    denseLayout = false;
                } else if (layers.get(i) instanceof LayerSpec.Dense d) {
                    w = d.weights();
                    channels = d.outputs();
                    denseLayout = true;
                } else {
                    continue;
                }
                TensorProto q = init.get("l" + i + "_W_quantized");
                assertEquals(TensorProto.DataType.INT8.getNumber(), q.getDataType());
                byte[] values = q.getRawData().toByteArray();
                float[] scales = OnnxImporter.floats(init.get("l" + i + "_W_scale"));
                assertEquals(channels, scales.length);
                byte[] zeros = init.get("l" + i + "_W_zero_point").getRawData().toByteArray();
                assertEquals(channels, zeros.length);
                for (byte z : zeros) {
                    assertEquals(0, z);
                }
                int[] maxAbs = new int[channels];
                float[] floatMax = new float[channels];
                for (int k = 0; k < w.length; k++) {
                    int ch = denseLayout ? k % channels : k / (w.length / channels);
                    float restored = values[k] * scales[ch];
                    assertTrue(Math.abs(restored - w[k]) <= scales[ch] / 2 * (1 + 1e-5),
                            "layer " + i + " value " + k + ": " + w[k] + " restored as " + restored + ", scale " + scales[ch]);
                    maxAbs[ch] = Math.max(maxAbs[ch], Math.abs(values[k]));
                    floatMax[ch] = Math.max(floatMax[ch], Math.abs(w[k]));
                }
                for (int ch = 0; ch < channels; ch++) {
                    assertEquals(QdqExporter.WEIGHT_LEVELS, maxAbs[ch], "each channel's largest weight maps to the range's end");
                    assertEquals(floatMax[ch] / QdqExporter.WEIGHT_LEVELS, scales[ch], 0f);
                }
                // the DequantizeLinear of the kernel runs along the output-channel axis
                String dq = "l" + i + "_W_Dequantize";
                NodeProto node = qdq.getGraph().getNodeList().stream().filter(n -> n.getName().equals(dq)).findFirst().orElseThrow();
                assertEquals(denseLayout ? 1 : 0, node.getAttribute(0).getI());
                checked++;
            }
            assertEquals(kind == FeatureKind.TIME_DOMAIN ? 7 : 9, checked);
        }
    }

    @ParameterizedTest
    @EnumSource(FeatureKind.class)
    void onnxRuntimeFusesTheQuantisedLayersAndStaysCloseToTheFloatModel(FeatureKind kind) throws Exception {
        try (Network net = OnnxExporterTest.perturbed(kind)) {
            int n = 4;
            float[] x = inputs(kind, n);
            List<ValueRange> ranges = ((SequentialNetwork) net).weightedLayerInputRanges(x, n);
            Path floatFile = dir.resolve("float.onnx");
            Path qdqFile = dir.resolve("int8.onnx");
            OnnxExporter.export(net, OnnxExporterTest.metadata(kind), floatFile);
            QdqExporter.export(ModelProto.parseFrom(Files.readAllBytes(floatFile)), ranges, "four generated clips", qdqFile);
            float[][] expected = run(floatFile, x, n, kind, null);
            Path optimized = dir.resolve("optimized.onnx");
            float[][] actual = run(qdqFile, x, n, kind, optimized);
            double maxDiff = 0;
            for (int s = 0; s < n; s++) {
                for (int c = 0; c < 6; c++) {
                    maxDiff = Math.max(maxDiff, Math.abs(actual[s][c] - expected[s][c]));
                }
            }
            // 8-bit steps on ~10 layers: each layer's relative error is about 1/255 of its range, and
            // they add up; 0.05 on a probability is an order above what these nets show and far
            // below a wrong graph (a layout or scale error moves probabilities by tenths)
            assertTrue(maxDiff < 0.05, "max |int8 - float| probability = " + maxDiff);
            List<String> ops = ModelProto.parseFrom(Files.readAllBytes(optimized)).getGraph().getNodeList().stream()
                    .map(NodeProto::getOpType).toList();
            assertTrue(ops.contains("QLinearConv"), ops.toString());
            assertTrue(ops.contains("QGemm"), ops.toString());
            assertFalse(ops.contains("Conv"), "every Conv is fused: " + ops);
            assertFalse(ops.contains("Gemm") || ops.contains("FusedGemm"), "every Gemm is fused: " + ops);
        }
    }

    private static float[][] run(Path file, float[] x, int n, FeatureKind kind, Path optimized) throws Exception {
        long[] shape = kind == FeatureKind.TIME_DOMAIN ? new long[] {n, 1, 314} : new long[] {n, 1, 128, 157};
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (optimized != null) {
                options.setOptimizedModelFilePath(optimized.toString());
            }
            try (OrtSession session = env.createSession(file.toString(), options);
                    OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                    OrtSession.Result result = session.run(Map.of(OnnxExporter.INPUT_NAME, input))) {
                return (float[][]) result.get(OnnxExporter.OUTPUT_NAME).orElseThrow().getValue();
            }
        }
    }

    @Test
    void theFloatModelsMetadataIsCopiedUnchangedAndTheSchemeAdded() {
        try (Network net = OnnxExporterTest.perturbed(FeatureKind.TIME_DOMAIN)) {
            ModelProto floatModel = OnnxExporter.toModel(net, OnnxExporterTest.metadata(FeatureKind.TIME_DOMAIN));
            ModelProto qdq = QdqExporter.toModel(floatModel, ranges(net, 2), "2 generated clips, min/max");
            List<StringStringEntryProto> props = new ArrayList<>(qdq.getMetadataPropsList());
            StringStringEntryProto last = props.remove(props.size() - 1);
            assertEquals(floatModel.getMetadataPropsList(), props);
            assertEquals(QdqExporter.QUANTIZATION_PROPERTY, last.getKey());
            assertTrue(last.getValue().contains("per output channel") && last.getValue().endsWith("2 generated clips, min/max"),
                    last.getValue());
            assertEquals(floatModel.getIrVersion(), qdq.getIrVersion());
            assertEquals(floatModel.getOpsetImportList(), qdq.getOpsetImportList());
            assertEquals(floatModel.getGraph().getInputList(), qdq.getGraph().getInputList());
            assertEquals(floatModel.getGraph().getOutputList(), qdq.getGraph().getOutputList());
            assertThrows(IllegalArgumentException.class, () -> QdqExporter.toModel(qdq, ranges(net, 2), "again"));
        }
    }

    @Test
    void theRangesMustMatchTheWeightedLayers() {
        try (Network net = OnnxExporterTest.perturbed(FeatureKind.TIME_DOMAIN)) {
            ModelProto floatModel = OnnxExporter.toModel(net, OnnxExporterTest.metadata(FeatureKind.TIME_DOMAIN));
            List<ValueRange> ranges = new ArrayList<>(ranges(net, 2));
            ranges.remove(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> QdqExporter.toModel(floatModel, ranges, "x"));
            assertTrue(e.getMessage().contains("7 Conv and Gemm layers but 6"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> QdqExporter.toModel(floatModel, ranges(net, 2), " "));
        }
    }

    @Test
    void activationParametersHoldZeroAndSpanTheRange() {
        QdqExporter.ActivationParams relu = QdqExporter.ActivationParams.of(new ValueRange(0f, 5.1f), 0);
        assertEquals(0, relu.zeroPoint());
        assertEquals(5.1f / 255, relu.scale(), 1e-7);
        QdqExporter.ActivationParams both = QdqExporter.ActivationParams.of(new ValueRange(-1f, 3f), 0);
        assertEquals(64, both.zeroPoint());
        QdqExporter.ActivationParams positive = QdqExporter.ActivationParams.of(new ValueRange(2f, 4f), 0);
        assertEquals(0, positive.zeroPoint(), "the range is extended to 0");
        assertEquals(4f / 255, positive.scale(), 1e-7);
        assertEquals(1f, QdqExporter.ActivationParams.of(new ValueRange(0f, 0f), 0).scale());
    }

    @Test
    void weightsOfAnAllZeroChannelQuantiseToZero() {
        float[] w = {0f, 0f, 0.5f, -1f};
        long[] shape = {2, 2};
        float[] scales = QdqExporter.weightScales(w, shape, 0);
        assertEquals(1f, scales[0]);
        byte[] q = QdqExporter.quantizeWeights(w, shape, 0, scales);
        assertEquals(0, q[0]);
        assertEquals(0, q[1]);
        assertEquals(32, q[2]);
        assertEquals(-64, q[3]);
    }
}
