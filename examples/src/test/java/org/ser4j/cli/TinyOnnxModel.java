package org.ser4j.cli;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.ser4j.core.Emotion;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;

/**
 * Writes a tiny ser4j model for CLI tests: {@code Softmax(Gemm(Flatten(x)))} over time-domain
 * features [N, 1, 314] with seeded random weights and full ser4j metadata. (ser-models' tests
 * have a richer builder; test code is not shared across modules.)
 */
final class TinyOnnxModel {
    private TinyOnnxModel() {
    }

    static Path writeTimeDomain(Path file, long seed) throws IOException {
        ModelMetadata md = new ModelMetadata(FeatureKind.TIME_DOMAIN, 16000, 80_080, 2048, 512, 128, 80.0, 0.0,
                ModelMetadata.emotionLabels(), new float[] {0.05f}, new float[] {0.05f}, Map.of("note", "cli test model"));
        int length = 314;
        Random r = new Random(seed);
        ByteBuffer w = ByteBuffer.allocate(length * Emotion.COUNT * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length * Emotion.COUNT; i++) {
            w.putFloat((float) (r.nextGaussian() * 0.2));
        }
        ByteBuffer b = ByteBuffer.allocate(Emotion.COUNT * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < Emotion.COUNT; i++) {
            b.putFloat((float) r.nextGaussian());
        }
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("tiny")
                .addInput(value("features", -1, 1, length))
                .addOutput(value("probabilities", -1, Emotion.COUNT))
                .addInitializer(tensor("W", w, length, Emotion.COUNT))
                .addInitializer(tensor("B", b, Emotion.COUNT))
                .addNode(node("Flatten", "features", "flat").addAttribute(axis()))
                .addNode(node("Gemm", "flat", "logits").addInput("W").addInput("B"))
                .addNode(node("Softmax", "logits", "probabilities").addAttribute(axis()));
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("ser4j-cli-tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g);
        md.toProperties().forEach((k, v) -> m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        Files.write(file, m.build().toByteArray());
        return file;
    }

    private static OnnxMl.NodeProto.Builder node(String op, String in, String out) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase()).addInput(in).addOutput(out);
    }

    private static OnnxMl.AttributeProto axis() {
        return OnnxMl.AttributeProto.newBuilder().setName("axis").setType(OnnxMl.AttributeProto.AttributeType.INT).setI(1).build();
    }

    private static OnnxMl.ValueInfoProto value(String name, long... dims) {
        OnnxMl.TensorShapeProto.Builder s = OnnxMl.TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setShape(s))).build();
    }

    private static OnnxMl.TensorProto tensor(String name, ByteBuffer data, long... dims) {
        data.flip();
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(data));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A 16-bit mono PCM WAV of a tone with a changing envelope, so windows differ. */
    static Path writeWav(Path file, int samples, int rate, int channels, long seed) throws IOException {
        Random r = new Random(seed);
        double f = 120 + r.nextInt(300);
        ByteBuffer data = ByteBuffer.allocate(samples * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < samples; i++) {
            double env = 0.5 + 0.45 * Math.sin(2 * Math.PI * i / (rate * (1.0 + seed % 3)));
            short v = (short) Math.round(32767 * 0.6 * env * Math.sin(2 * Math.PI * f * i / rate));
            for (int c = 0; c < channels; c++) {
                data.putShort(v);
            }
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data.capacity()).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16)
                .put("data".getBytes()).putInt(data.capacity());
        byte[] out = new byte[44 + data.capacity()];
        System.arraycopy(h.array(), 0, out, 0, 44);
        System.arraycopy(data.array(), 0, out, 44, data.capacity());
        Files.write(file, out);
        return file;
    }
}
