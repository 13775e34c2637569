package org.ser4j.training.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.training.nn.LayerSpec;

/**
 * Reads a float model {@link OnnxExporter} wrote back into {@link LayerSpec}s, the exact inverse of
 * its layout: Conv (kernel {@code [out, in, (h,) w]}, explicit symmetric pads) with an optional
 * Relu, MaxPool (window = stride), Flatten, Gemm (weights {@code [in, out]}, no transposition)
 * with an optional Relu, and the final Softmax. Other graphs (a quantised model, another
 * exporter's) are refused with the reason.
 */
public final class OnnxImporter {
    private OnnxImporter() {
    }

    /**
     * Reads a model file.
     *
     * @param file the {@code .onnx} file
     * @return its layers, metadata and properties
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if the file is not an ONNX model, its graph is not one
     *     {@link OnnxExporter} writes, or its {@code ser4j.*} metadata is missing or malformed
     */
    public static ImportedModel read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model (" + e.getMessage() + ")", e);
        }
        return fromModel(model);
    }

    /**
     * Reads a model proto.
     *
     * @param model a model {@link OnnxExporter#toModel} built, not null
     * @return its layers, metadata and properties
     * @throws IllegalArgumentException if the graph is not one {@link OnnxExporter} writes, or its
     *     {@code ser4j.*} metadata is missing or malformed
     */
    public static ImportedModel fromModel(ModelProto model) {
        Map<String, String> props = new LinkedHashMap<>();
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            props.put(e.getKey(), e.getValue());
        }
        if (!props.containsKey(ModelMetadata.PREFIX + "format")) {
            throw new IllegalArgumentException("not a ser4j model: its metadata has no " + ModelMetadata.PREFIX + "format entry");
        }
        ModelMetadata metadata = ModelMetadata.fromProperties(props);
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            initializers.put(t.getName(), t);
        }
        List<NodeProto> nodes = model.getGraph().getNodeList();
        List<LayerSpec> layers = new ArrayList<>();
        boolean softmax = false;
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (softmax) {
                throw new IllegalArgumentException("node " + n.getName() + " follows the final Softmax");
            }
            boolean relu = i + 1 < nodes.size() && nodes.get(i + 1).getOpType().equals("Relu")
                    && nodes.get(i + 1).getInput(0).equals(n.getOutput(0));
            switch (n.getOpType()) {
                case "Conv" -> {
                    layers.add(conv(n, initializers, relu));
                    i += relu ? 1 : 0;
                }
                case "Gemm" -> {
                    layers.add(dense(n, initializers, relu));
                    i += relu ? 1 : 0;
                }
                case "MaxPool" -> layers.add(maxPool(n));
                case "Flatten" -> {
                    if (attrInt(n, "axis", 1) != 1) {
                        throw new IllegalArgumentException("Flatten " + n.getName() + " is not over axis 1");
                    }
                    layers.add(new LayerSpec.Flatten());
                }
                case "Softmax" -> softmax = true;
                default -> throw new IllegalArgumentException("unsupported node " + n.getOpType() + " (" + n.getName()
                        + "): only float models written by ser4j's exporter can be read");
            }
        }
        if (!softmax || layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("the graph does not end with a Gemm and a Softmax");
        }
        return new ImportedModel(layers, metadata, props);
    }

    private static LayerSpec.Conv conv(NodeProto n, Map<String, TensorProto> initializers, boolean relu) {
        if (n.getInputCount() != 3) {
            throw new IllegalArgumentException("Conv " + n.getName() + " has no bias input");
        }
        if (attrInt(n, "group", 1) != 1) {
            throw new IllegalArgumentException("Conv " + n.getName() + " is grouped");
        }
        requireOnes(n, "strides");
        requireOnes(n, "dilations");
        TensorProto w = initializer(initializers, n.getInput(1));
        float[] weights = floats(w);
        float[] bias = floats(initializer(initializers, n.getInput(2)));
        List<Long> dims = w.getDimsList();
        boolean oneD = dims.size() == 3;
        if (!oneD && dims.size() != 4) {
            throw new IllegalArgumentException("Conv " + n.getName() + " weights have " + dims.size() + " dimensions");
        }
        int out = Math.toIntExact(dims.get(0));
        int in = Math.toIntExact(dims.get(1));
        int kh = oneD ? 1 : Math.toIntExact(dims.get(2));
        int kw = Math.toIntExact(dims.get(dims.size() - 1));
        long[] pads = attrInts(n, "pads");
        int padH = 0;
        int padW;
        if (oneD) {
            if (pads.length != 2 || pads[0] != pads[1]) {
                throw new IllegalArgumentException("Conv " + n.getName() + " pads " + Arrays.toString(pads) + " are not symmetric");
            }
            padW = (int) pads[0];
        } else {
            if (pads.length != 4 || pads[0] != pads[2] || pads[1] != pads[3]) {
                throw new IllegalArgumentException("Conv " + n.getName() + " pads " + Arrays.toString(pads) + " are not symmetric");
            }
            padH = (int) pads[0];
            padW = (int) pads[1];
        }
        return new LayerSpec.Conv(oneD, in, out, kh, kw, padH, padW, relu, weights, bias);
    }

    private static LayerSpec.Dense dense(NodeProto n, Map<String, TensorProto> initializers, boolean relu) {
        if (n.getInputCount() != 3) {
            throw new IllegalArgumentException("Gemm " + n.getName() + " has no bias input");
        }
        if (attrInt(n, "transA", 0) != 0 || attrInt(n, "transB", 0) != 0 || attrFloat(n, "alpha", 1f) != 1f
                || attrFloat(n, "beta", 1f) != 1f) {
            throw new IllegalArgumentException("Gemm " + n.getName() + " transposes or scales (ser4j writes neither)");
        }
        TensorProto w = initializer(initializers, n.getInput(1));
        if (w.getDimsCount() != 2) {
            throw new IllegalArgumentException("Gemm " + n.getName() + " weights are not a matrix");
        }
        return new LayerSpec.Dense(Math.toIntExact(w.getDims(0)), Math.toIntExact(w.getDims(1)), relu, floats(w),
                floats(initializer(initializers, n.getInput(2))));
    }

    private static LayerSpec.MaxPool maxPool(NodeProto n) {
        long[] kernel = attrInts(n, "kernel_shape");
        long[] strides = attrInts(n, "strides");
        if (!Arrays.equals(kernel, strides) || attrInt(n, "ceil_mode", 0) != 0 || attrInts(n, "pads").length != 0) {
            throw new IllegalArgumentException("MaxPool " + n.getName() + " is not a floor pooling with window = stride");
        }
        if (kernel.length == 1) {
            return new LayerSpec.MaxPool(true, 1, (int) kernel[0]);
        }
        if (kernel.length == 2) {
            return new LayerSpec.MaxPool(false, (int) kernel[0], (int) kernel[1]);
        }
        throw new IllegalArgumentException("MaxPool " + n.getName() + " has a " + kernel.length + "-dimensional window");
    }

    private static TensorProto initializer(Map<String, TensorProto> initializers, String name) {
        TensorProto t = initializers.get(name);
        if (t == null) {
            throw new IllegalArgumentException("parameter " + name + " is not an initializer of the graph");
        }
        return t;
    }

    /** The values of a float tensor, from raw little-endian data or the float_data field. */
    static float[] floats(TensorProto t) {
        if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw new IllegalArgumentException("tensor " + t.getName() + " is not float");
        }
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        float[] values;
        if (!t.getRawData().isEmpty()) {
            ByteBuffer buf = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            values = new float[buf.remaining() / Float.BYTES];
            buf.asFloatBuffer().get(values);
        } else {
            values = new float[t.getFloatDataCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = t.getFloatData(i);
            }
        }
        if (values.length != n) {
            throw new IllegalArgumentException("tensor " + t.getName() + " holds " + values.length + " values for shape "
                    + t.getDimsList());
        }
        return values;
    }

    private static AttributeProto attr(NodeProto n, String name) {
        for (AttributeProto a : n.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    private static long attrInt(NodeProto n, String name, long fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getI();
    }

    private static float attrFloat(NodeProto n, String name, float fallback) {
        AttributeProto a = attr(n, name);
        return a == null ? fallback : a.getF();
    }

    private static long[] attrInts(NodeProto n, String name) {
        AttributeProto a = attr(n, name);
        return a == null ? new long[0] : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    private static void requireOnes(NodeProto n, String name) {
        for (long v : attrInts(n, name)) {
            if (v != 1) {
                throw new IllegalArgumentException(n.getOpType() + " " + n.getName() + " has " + name + " other than 1");
            }
        }
    }
}
