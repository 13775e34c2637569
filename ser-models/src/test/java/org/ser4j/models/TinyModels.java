package org.ser4j.models;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ser4j.core.Emotion;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;

/**
 * Builds tiny ONNX models for tests: {@code Softmax(Gemm(Flatten(x), W, b))} with known weights and
 * ser4j metadata, plus a Java reference of the same computation.
 */
final class TinyModels {
    static final int CLIP = 80_080;

    /** A linear-softmax model: metadata, weights {@code [featureLength][6]} and bias. */
    record Spec(ModelMetadata metadata, float[][] weights, float[] bias) {
        int featureLength() {
            return weights.length;
        }

        /** Reference output for already-standardised features. */
        float[] reference(float[] x) {
            double[] logits = new double[Emotion.COUNT];
            for (int c = 0; c < Emotion.COUNT; c++) {
                double s = bias[c];
                for (int i = 0; i < x.length; i++) {
                    s += (double) x[i] * weights[i][c];
                }
                logits[c] = s;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            double[] e = new double[Emotion.COUNT];
            for (int c = 0; c < Emotion.COUNT; c++) {
                e[c] = Math.exp(logits[c] - max);
                sum += e[c];
            }
            float[] p = new float[Emotion.COUNT];
            for (int c = 0; c < Emotion.COUNT; c++) {
                p[c] = (float) (e[c] / sum);
            }
            return p;
        }

        /** The standardisation the metadata asks for. */
        float[] standardise(float[] raw) {
            float[] mean = metadata.mean();
            float[] std = metadata.std();
            float[] x = raw.clone();
            for (int i = 0; i < x.length; i++) {
                if (mean.length == 1) {
                    x[i] = (x[i] - mean[0]) / std[0];
                } else if (mean.length > 1) {
                    x[i] = (x[i] - mean[i]) / std[i];
                }
            }
            return x;
        }
    }

    private TinyModels() {
    }

    static ModelMetadata metadata(FeatureKind kind, float[] mean, float[] std) {
        return new ModelMetadata(kind, 16000, CLIP, 2048, 512, 128, 80.0, 0.0, ModelMetadata.emotionLabels(), mean, std,
                Map.of("note", "tiny test model"));
    }

    /** Random weights (seeded) scaled so the probabilities are far from uniform. */
    static Spec spec(ModelMetadata metadata, long seed, float scale) {
        long[] shape = metadata.inputShape();
        int length = 1;
        for (long d : shape) {
            length *= (int) d;
        }
        Random r = new Random(seed);
        float[][] w = new float[length][Emotion.COUNT];
        for (float[] row : w) {
            for (int c = 0; c < row.length; c++) {
                row[c] = (float) (r.nextGaussian() * scale);
            }
        }
        float[] b = new float[Emotion.COUNT];
        for (int c = 0; c < b.length; c++) {
            b[c] = (float) r.nextGaussian();
        }
        return new Spec(metadata, w, b);
    }

    static Spec timeSpec(long seed) {
        return spec(metadata(FeatureKind.TIME_DOMAIN, new float[] {0.1f}, new float[] {0.5f}), seed, 0.3f);
    }

    static Spec melSpec(long seed) {
        return spec(metadata(FeatureKind.LOG_MEL, new float[0], new float[0]), seed, 0.05f);
    }

    /** Options for variants that break the model on purpose. */
    record Variant(Map<String, String> props, long[] inputShape, boolean softmax) {
    }

    /** The model as ONNX bytes, with its metadata and a dynamic batch dimension. */
    static byte[] bytes(Spec spec) {
        long[] shape = withBatch(-1, spec.metadata().inputShape());
        return bytes(spec, new Variant(spec.metadata().toProperties(), shape, true));
    }

    static long[] withBatch(long batch, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = batch;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** The model as ONNX bytes with the given metadata, input shape (-1 = symbolic) and final Softmax or not. */
    static byte[] bytes(Spec spec, Variant v) {
        int classes = spec.bias().length;
        OnnxMl.TensorShapeProto.Builder inShape = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : v.inputShape()) {
            inShape.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        OnnxMl.TensorShapeProto.Builder outShape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(v.inputShape()[0] < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                        : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(v.inputShape()[0]))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(classes));
        int length = spec.featureLength();
        float[] flatW = new float[length * classes];
        for (int i = 0; i < length; i++) {
            System.arraycopy(spec.weights()[i], 0, flatW, i * classes, classes);
        }
        String last = v.softmax() ? "logits" : "probabilities";
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder()
                .setName("tiny")
                .addInput(valueInfo("features", inShape))
                .addOutput(valueInfo("probabilities", outShape))
                .addInitializer(tensor("W", new long[] {length, classes}, flatW))
                .addInitializer(tensor("B", new long[] {classes}, spec.bias()))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Flatten").setName("flatten")
                        .addInput("features").addOutput("flat").addAttribute(intAttr("axis", 1)))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Gemm").setName("gemm")
                        .addInput("flat").addInput("W").addInput("B").addOutput(last));
        if (v.softmax()) {
            graph.addNode(OnnxMl.NodeProto.newBuilder().setOpType("Softmax").setName("softmax")
                    .addInput("logits").addOutput("probabilities").addAttribute(intAttr("axis", 1)));
        }
        OnnxMl.ModelProto.Builder model = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("ser4j-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph);
        v.props().forEach((k, val) -> model.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(val)));
        return model.build().toByteArray();
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Metadata properties with one key replaced (or removed when {@code value} is null). */
    static Map<String, String> propsWith(ModelMetadata md, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(md.toProperties());
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorShapeProto.Builder shape) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    private static OnnxMl.TensorProto tensor(String name, long[] dims, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : values) {
            buf.putFloat(f);
        }
        buf.flip();
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber())
                .setRawData(ByteString.copyFrom(buf));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static OnnxMl.AttributeProto intAttr(String name, long value) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(OnnxMl.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static List<String> labels() {
        return ModelMetadata.emotionLabels();
    }
}
