package org.ser4j.training.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.training.nn.LayerSpec;
import org.ser4j.training.nn.Network;

/**
 * Writes a {@link Network} as an ONNX model: IR version {@value #IR_VERSION}, opset
 * {@value #OPSET}. Input {@value #INPUT_NAME}: float {@code [batch, 1, 314]} or
 * {@code [batch, 1, 128, 157]} ({@code batch} symbolic); output {@value #OUTPUT_NAME}: float
 * {@code [batch, classes]} softmax probabilities in {@code Emotion} order. Layers map to Conv
 * (explicit symmetric pads), Relu, MaxPool (floor), Flatten (axis 1), Gemm and a final Softmax.
 * All {@link ModelMetadata#toProperties()} entries become {@code metadata_props}; an extra entry
 * {@value #TEMPERATURE_EXTRA} (a temperature fitted on cross-validated predictions) is also
 * written as {@value #TEMPERATURE_PROPERTY}, the key a classifier reads to calibrate its
 * probabilities as {@code softmax(ln p / T)}. The exported graph itself is not changed by it.
 */
public final class OnnxExporter {
    /** ONNX IR version written (Debian's onnx checker accepts up to 8). */
    public static final int IR_VERSION = 8;
    /** Default-domain opset written. */
    public static final int OPSET = 17;
    /** Name of the graph input. */
    public static final String INPUT_NAME = "input";
    /** Name of the graph output. */
    public static final String OUTPUT_NAME = "probabilities";
    /** Extra metadata key ({@link ModelMetadata#extra()}) of a fitted temperature. */
    public static final String TEMPERATURE_EXTRA = "temperature";
    /** {@code metadata_props} key the temperature is written under. */
    public static final String TEMPERATURE_PROPERTY = "ser4j.temperature";
    /** Producer name written into the model. */
    public static final String PRODUCER = "ser4j";

    private OnnxExporter() {
    }

    /**
     * Exports {@code net} with {@code metadata} to {@code out}, atomically (a temporary file moved
     * into place).
     *
     * @param net the trained network; must describe its layers ({@link Network#layers()})
     * @param metadata feature settings, labels and standardisation; its input shape becomes the
     *     graph input's per-sample shape and its entries the model's {@code metadata_props}
     * @param out the {@code .onnx} file; its folder is created if missing, an existing file is
     *     replaced only once the new one is complete
     * @throws IllegalArgumentException if an argument is null, the metadata's feature kind, input
     *     length or label count does not match the network, or the network cannot describe its
     *     layers or does not end with a dense layer, or an extra {@value #TEMPERATURE_EXTRA} entry is
     *     not a positive finite number
     * @throws IllegalStateException if a layer's parameter array does not fit its shape
     * @throws IOException if the file cannot be written
     */
    public static void export(Network net, ModelMetadata metadata, Path out) throws IOException {
        if (net == null || metadata == null || out == null) {
            throw new IllegalArgumentException("network, metadata and output path must not be null");
        }
        byte[] bytes = toModel(net, metadata).toByteArray();
        AtomicFiles.write(out, bytes);
    }

    /**
     * Builds the ONNX model proto (see {@link #export}).
     *
     * @param net the trained network; must describe its layers ({@link Network#layers()})
     * @param metadata feature settings, labels and standardisation to store in the model
     * @return the model: weights as little-endian raw-data initializers named {@code l<i>_W} and
     *     {@code l<i>_B} after the layer index, graph input {@value #INPUT_NAME}, output
     *     {@value #OUTPUT_NAME}
     * @throws IllegalArgumentException if the metadata's feature kind, input length (only the
     *     product of the shape is compared) or label count does not match the network, or the
     *     network cannot describe its layers or does not end with a dense layer, or an extra
     *     {@value #TEMPERATURE_EXTRA} entry is not a positive finite number
     * @throws IllegalStateException if a layer's parameter array does not fit its shape
     * @throws NullPointerException if an argument is null
     */
    public static ModelProto toModel(Network net, ModelMetadata metadata) {
        if (metadata.featureKind() != net.kind()) {
            throw new IllegalArgumentException("metadata describes " + metadata.featureKind().id()
                    + " features but the network takes "
                    + (net.kind() == null ? "no declared feature kind (build it with one to export it)" : net.kind().id()));
        }
        long[] shape = metadata.inputShape();
        long len = 1;
        for (long d : shape) {
            len *= d;
        }
        if (len != net.inputLength()) {
            throw new IllegalArgumentException("metadata input shape " + Arrays.toString(shape) + " holds " + len
                    + " values but the network takes " + net.inputLength());
        }
        List<LayerSpec> layers;
        try {
            layers = net.layers();
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("cannot export " + net.getClass().getName() + ": " + e.getMessage(), e);
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("ser4j_" + net.kind().id());
        g.addInput(valueInfo(INPUT_NAME, shape));
        String x = INPUT_NAME;
        int classes = -1;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            String prefix = "l" + i + "_";
            if (spec instanceof LayerSpec.Conv c) {
                long[] wShape = c.oneDimensional()
                        ? new long[] {c.outChannels(), c.inChannels(), c.kernelW()}
                        : new long[] {c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW()};
                g.addInitializer(tensor(prefix + "W", wShape, c.weights()));
                g.addInitializer(tensor(prefix + "B", new long[] {c.outChannels()}, c.bias()));
                long[] kernel = c.oneDimensional() ? new long[] {c.kernelW()} : new long[] {c.kernelH(), c.kernelW()};
                long[] pads = c.oneDimensional() ? new long[] {c.padW(), c.padW()}
                        : new long[] {c.padH(), c.padW(), c.padH(), c.padW()};
                long[] ones = c.oneDimensional() ? new long[] {1} : new long[] {1, 1};
                String y = prefix + "conv";
                g.addNode(node("Conv", prefix + "Conv", List.of(x, prefix + "W", prefix + "B"), y,
                        ints("kernel_shape", kernel), ints("pads", pads), ints("strides", ones),
                        ints("dilations", ones), intAttr("group", 1)));
                x = y;
                if (c.relu()) {
                    g.addNode(node("Relu", prefix + "Relu", List.of(x), prefix + "relu"));
                    x = prefix + "relu";
                }
            } else if (spec instanceof LayerSpec.MaxPool p) {
                long[] kernel = p.oneDimensional() ? new long[] {p.poolW()} : new long[] {p.poolH(), p.poolW()};
                String y = prefix + "pool";
                g.addNode(node("MaxPool", prefix + "MaxPool", List.of(x), y, ints("kernel_shape", kernel),
                        ints("strides", kernel), intAttr("ceil_mode", 0)));
                x = y;
            } else if (spec instanceof LayerSpec.Flatten) {
                String y = prefix + "flat";
                g.addNode(node("Flatten", prefix + "Flatten", List.of(x), y, intAttr("axis", 1)));
                x = y;
            } else if (spec instanceof LayerSpec.Dense d) {
                g.addInitializer(tensor(prefix + "W", new long[] {d.inputs(), d.outputs()}, d.weights()));
                g.addInitializer(tensor(prefix + "B", new long[] {d.outputs()}, d.bias()));
                String y = prefix + "gemm";
                g.addNode(node("Gemm", prefix + "Gemm", List.of(x, prefix + "W", prefix + "B"), y,
                        intAttr("transA", 0), intAttr("transB", 0)));
                x = y;
                if (d.relu()) {
                    g.addNode(node("Relu", prefix + "Relu", List.of(x), prefix + "relu"));
                    x = prefix + "relu";
                }
                classes = d.outputs();
            } else {
                throw new IllegalArgumentException("cannot export layer " + spec);
            }
        }
        if (classes < 0 || !(layers.get(layers.size() - 1) instanceof LayerSpec.Dense)) {
            throw new IllegalArgumentException("the network must end with a dense layer (the logits)");
        }
        if (metadata.labels().size() != classes) {
            throw new IllegalArgumentException("metadata names " + metadata.labels().size() + " labels but the network has "
                    + classes + " outputs");
        }
        g.addNode(node("Softmax", "Softmax", List.of(x), OUTPUT_NAME, intAttr("axis", -1)));
        g.addOutput(valueInfo(OUTPUT_NAME, new long[] {classes}));

        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(version())
                .setDomain("org.ser4j")
                .setModelVersion(1)
                .setDocString("ser4j speech emotion recognition, " + net.kind().id() + " model: input "
                        + Arrays.toString(shape) + " per sample, output softmax probabilities over "
                        + String.join(",", metadata.labels()))
                .setGraph(g);
        for (Map.Entry<String, String> e : metadata.toProperties().entrySet()) {
            m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        String temperature = metadata.extra().get(TEMPERATURE_EXTRA);
        if (temperature != null) {
            double t;
            try {
                t = Double.parseDouble(temperature);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("metadata temperature '" + temperature + "' is not a number", e);
            }
            if (!(t > 0) || Double.isInfinite(t)) {
                throw new IllegalArgumentException("metadata temperature " + temperature + " is not positive and finite");
            }
            m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(TEMPERATURE_PROPERTY).setValue(Double.toString(t)));
        }
        return m.build();
    }

    /**
     * The ser4j version this class was built as.
     *
     * @return the {@code version} of the bundled {@code version.properties}, or {@code "unknown"}
     *     when the resource is missing, unreadable, blank or unfiltered ({@code ${...}})
     */
    public static String version() {
        try (InputStream in = OnnxExporter.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("$")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall through: an unknown version is not a reason to fail an export
        }
        return "unknown";
    }

    static ValueInfoProto valueInfo(String name, long[] perSample) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        for (long d : perSample) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    static TensorProto tensor(String name, long[] dims, float[] values) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalStateException("tensor " + name + " has " + values.length + " values for shape "
                    + Arrays.toString(dims));
        }
        ByteBuffer buf = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber())
                .setRawData(com.google.protobuf.ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static NodeProto node(String op, String name, List<String> inputs, String output,
            AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addOutput(output);
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    static AttributeProto ints(String name, long[] values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }
}
