package org.ser4j.training.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.training.nn.LayerSpec;
import org.ser4j.training.nn.SequentialNetwork;
import org.ser4j.training.nn.ValueRange;

/**
 * Writes the int8 twin of a float model {@link OnnxExporter} wrote: static quantisation in QDQ
 * form (QuantizeLinear / DequantizeLinear pairs around the float operators), which ONNX Runtime's
 * CPU provider fuses into QLinearConv and QGemm.
 *
 * <p>The graph is the float one (same opset {@value OnnxExporter#OPSET}, IR
 * {@value OnnxExporter#IR_VERSION}, input and output), with:
 * <ul>
 *   <li>each Conv and Gemm kernel stored as int8 with one symmetric scale per output channel
 *       ({@code max |w| / }{@value #WEIGHT_LEVELS}, zero point 0), followed by a DequantizeLinear
 *       along that channel axis (0 for Conv kernels {@code [out, in, ...]}, 1 for Gemm kernels
 *       {@code [in, out]}). Kernels use the reduced 7-bit range [-64, 64]: on x86-64 without
 *       VNNI the runtime multiplies uint8 activations by int8 kernels with an instruction that
 *       adds pairs of products in 16 bits with saturation, and 2 x 255 x 127 overflows it (measured
 *       on the bundled mel model: 52 of 80 clips kept their top emotion with full-range kernels,
 *       78 without the fused kernels); 2 x 255 x 64 does not;</li>
 *   <li>each bias stored as int32 with scale {@code input scale x kernel scale} per channel, zero
 *       point 0 (ONNX Runtime's QDQ convention: only then is the bias fused);</li>
 *   <li>each Conv and Gemm input passed through QuantizeLinear → DequantizeLinear with one uint8
 *       scale and zero point from its calibrated range (extended to hold 0). The output of the
 *       layer before (after its ReLU) and every MaxPool and Flatten between carry the same
 *       parameters, so that the runtime fuses the Conv with its output quantisation and runs the
 *       pooling on uint8 (it needs a QuantizeLinear after a Conv to fuse it at all). A ReLU output
 *       quantised with zero point 0 is itself exact;</li>
 *   <li>the last Gemm's output (the logits) and the Softmax stay float.</li>
 * </ul>
 * uint8 activations with int8 kernels (U8S8) because the runtime fuses int8 activations into
 * QLinearConv only on processors where it allows them (not on x86-64 AVX2).
 *
 * <p>The float model's {@code metadata_props} are copied unchanged, followed by
 * {@value #QUANTIZATION_PROPERTY} describing the scheme and the calibration.
 */
public final class QdqExporter {
    /** {@code metadata_props} key of the quantisation description (an extra of {@link ModelMetadata}). */
    public static final String QUANTIZATION_PROPERTY = ModelMetadata.PREFIX + "extra.quantization";
    /**
     * Largest magnitude of a quantised kernel value: the reduced 7-bit range, so that two uint8 x
     * int8 products never saturate a 16-bit sum (see the class comment).
     */
    public static final int WEIGHT_LEVELS = 64;

    private QdqExporter() {
    }

    /**
     * Builds the quantised model and writes it atomically (a temporary file moved into place).
     *
     * @param floatModel a float model {@link OnnxExporter} wrote, not null
     * @param inputRanges the calibrated input range of each Conv and Gemm, in graph order (as
     *     {@link SequentialNetwork#weightedLayerInputRanges} returns them)
     * @param calibration how the ranges were obtained (data, clips, method), stored in
     *     {@value #QUANTIZATION_PROPERTY}; not blank
     * @param out the {@code .onnx} file; its folder is created if missing
     * @throws IllegalArgumentException as {@link #toModel} does
     * @throws IOException if the file cannot be written
     */
    public static void export(ModelProto floatModel, List<ValueRange> inputRanges, String calibration, Path out)
            throws IOException {
        if (out == null) {
            throw new IllegalArgumentException("output path must not be null");
        }
        AtomicFiles.write(out, toModel(floatModel, inputRanges, calibration).toByteArray());
    }

    /**
     * Builds the quantised model.
     *
     * @param floatModel a float model {@link OnnxExporter} wrote, not null
     * @param inputRanges the calibrated input range of each Conv and Gemm, in graph order
     * @param calibration how the ranges were obtained, stored in {@value #QUANTIZATION_PROPERTY};
     *     not blank
     * @return the model: header, opset and metadata as the float model's, plus
     *     {@value #QUANTIZATION_PROPERTY}
     * @throws IllegalArgumentException if an argument is null or blank, the float model is not one
     *     {@link OnnxExporter} writes (see {@link OnnxImporter}), already holds
     *     {@value #QUANTIZATION_PROPERTY}, or the number of ranges differs from its Conv and Gemm
     *     count
     */
    public static ModelProto toModel(ModelProto floatModel, List<ValueRange> inputRanges, String calibration) {
        if (floatModel == null || inputRanges == null || calibration == null || calibration.isBlank()) {
            throw new IllegalArgumentException("float model, input ranges and calibration description must be given");
        }
        ImportedModel imported = OnnxImporter.fromModel(floatModel);
        if (imported.properties().containsKey(QUANTIZATION_PROPERTY)) {
            throw new IllegalArgumentException("the model is already quantised");
        }
        List<LayerSpec> layers = imported.layers();
        long weighted = layers.stream().filter(l -> l instanceof LayerSpec.Conv || l instanceof LayerSpec.Dense).count();
        if (weighted != inputRanges.size()) {
            throw new IllegalArgumentException("the model has " + weighted + " Conv and Gemm layers but " + inputRanges.size()
                    + " input ranges were given");
        }
        GraphProto floatGraph = floatModel.getGraph();
        GraphProto.Builder g = GraphProto.newBuilder().setName(floatGraph.getName() + "_qdq")
                .addAllInput(floatGraph.getInputList()).addAllOutput(floatGraph.getOutputList());
        String x = floatGraph.getInput(0).getName();
        int q = 0;
        ActivationParams current = null;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            String prefix = "l" + i + "_";
            if (spec instanceof LayerSpec.Conv || spec instanceof LayerSpec.Dense) {
                ActivationParams in = ActivationParams.of(inputRanges.get(q), q);
                if (!in.equals(current)) {
                    addActivationParams(g, in);
                    x = quantizeDequantize(g, x, in, prefix + "in");
                }
                String y;
                boolean relu;
                if (spec instanceof LayerSpec.Conv c) {
                    long[] wShape = c.oneDimensional()
                            ? new long[] {c.outChannels(), c.inChannels(), c.kernelW()}
                            : new long[] {c.outChannels(), c.inChannels(), c.kernelH(), c.kernelW()};
                    String w = addWeights(g, prefix, c.weights(), wShape, 0);
                    String b = addBias(g, prefix, c.bias(), in.scale, weightScales(c.weights(), wShape, 0));
                    long[] kernel = c.oneDimensional() ? new long[] {c.kernelW()} : new long[] {c.kernelH(), c.kernelW()};
                    long[] pads = c.oneDimensional() ? new long[] {c.padW(), c.padW()}
                            : new long[] {c.padH(), c.padW(), c.padH(), c.padW()};
                    long[] ones = c.oneDimensional() ? new long[] {1} : new long[] {1, 1};
                    y = prefix + "conv";
                    g.addNode(OnnxExporter.node("Conv", prefix + "Conv", List.of(x, w, b), y,
                            OnnxExporter.ints("kernel_shape", kernel), OnnxExporter.ints("pads", pads),
                            OnnxExporter.ints("strides", ones), OnnxExporter.ints("dilations", ones),
                            OnnxExporter.intAttr("group", 1)));
                    relu = c.relu();
                } else {
                    LayerSpec.Dense d = (LayerSpec.Dense) spec;
                    long[] wShape = {d.inputs(), d.outputs()};
                    String w = addWeights(g, prefix, d.weights(), wShape, 1);
                    String b = addBias(g, prefix, d.bias(), in.scale, weightScales(d.weights(), wShape, 1));
                    y = prefix + "gemm";
                    // alpha and beta written out: the runtime's Gemm fusion reads beta
                    g.addNode(OnnxExporter.node("Gemm", prefix + "Gemm", List.of(x, w, b), y,
                            floatAttr("alpha", 1f), floatAttr("beta", 1f),
                            OnnxExporter.intAttr("transA", 0), OnnxExporter.intAttr("transB", 0)));
                    relu = d.relu();
                }
                if (relu) {
                    g.addNode(OnnxExporter.node("Relu", prefix + "Relu", List.of(y), prefix + "relu"));
                    y = prefix + "relu";
                }
                q++;
                if (q < inputRanges.size()) {
                    current = ActivationParams.of(inputRanges.get(q), q);
                    addActivationParams(g, current);
                    x = quantizeDequantize(g, y, current, prefix + "out");
                } else {
                    current = null;
                    x = y;
                }
            } else if (spec instanceof LayerSpec.MaxPool p) {
                long[] kernel = p.oneDimensional() ? new long[] {p.poolW()} : new long[] {p.poolH(), p.poolW()};
                String y = prefix + "pool";
                g.addNode(OnnxExporter.node("MaxPool", prefix + "MaxPool", List.of(x), y, OnnxExporter.ints("kernel_shape", kernel),
                        OnnxExporter.ints("strides", kernel), OnnxExporter.intAttr("ceil_mode", 0)));
                x = current == null ? y : quantizeDequantize(g, y, current, prefix + "out");
            } else if (spec instanceof LayerSpec.Flatten) {
                String y = prefix + "flat";
                g.addNode(OnnxExporter.node("Flatten", prefix + "Flatten", List.of(x), y, OnnxExporter.intAttr("axis", 1)));
                x = current == null ? y : quantizeDequantize(g, y, current, prefix + "out");
            }
        }
        String output = floatGraph.getOutput(0).getName();
        g.addNode(OnnxExporter.node("Softmax", "Softmax", List.of(x), output, OnnxExporter.intAttr("axis", -1)));

        ModelProto.Builder m = floatModel.toBuilder().setGraph(g)
                .setDocString(floatModel.getDocString() + "; int8 (static QDQ quantisation)");
        m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(QUANTIZATION_PROPERTY)
                .setValue(describe(calibration)));
        return m.build();
    }

    /** The text of {@value #QUANTIZATION_PROPERTY}. */
    static String describe(String calibration) {
        return "static QDQ int8: Conv/Gemm kernels int8 symmetric per output channel, reduced range (scale max|w|/" + WEIGHT_LEVELS
                + ", values in [-" + WEIGHT_LEVELS + ", " + WEIGHT_LEVELS + "], zero point 0), "
                + "biases int32 (scale input x kernel), Conv/Gemm inputs uint8 per tensor (asymmetric, range extended to 0), "
                + "logits and softmax float; calibration: " + calibration.strip();
    }

    /** Scale and zero point of one quantised activation tensor; {@code index} names its initializers. */
    record ActivationParams(float scale, int zeroPoint, int index) {
        static ActivationParams of(ValueRange range, int index) {
            double lo = Math.min(range.min(), 0.0);
            double hi = Math.max(range.max(), 0.0);
            float scale = (float) ((hi - lo) / 255.0);
            if (!(scale > 0) || !Float.isFinite(scale)) {
                scale = 1f;
            }
            int zp = (int) Math.max(0, Math.min(255, Math.round(-lo / scale)));
            return new ActivationParams(scale, zp, index);
        }

        String scaleName() {
            return "a" + index + "_scale";
        }

        String zeroPointName() {
            return "a" + index + "_zero_point";
        }
    }

    private static void addActivationParams(GraphProto.Builder g, ActivationParams p) {
        for (TensorProto t : g.getInitializerList()) {
            if (t.getName().equals(p.scaleName())) {
                return;
            }
        }
        g.addInitializer(OnnxExporter.tensor(p.scaleName(), new long[0], new float[] {p.scale()}));
        g.addInitializer(raw(p.zeroPointName(), TensorProto.DataType.UINT8, new long[0], new byte[] {(byte) p.zeroPoint()}));
    }

    private static String quantizeDequantize(GraphProto.Builder g, String x, ActivationParams p, String name) {
        String quantized = name + "_q";
        String dequantized = name + "_dq";
        g.addNode(OnnxExporter.node("QuantizeLinear", name + "_Quantize", List.of(x, p.scaleName(), p.zeroPointName()), quantized));
        g.addNode(OnnxExporter.node("DequantizeLinear", name + "_Dequantize", List.of(quantized, p.scaleName(), p.zeroPointName()),
                dequantized));
        return dequantized;
    }

    /**
     * Symmetric per-channel scales of a kernel: {@code max |w| / WEIGHT_LEVELS} over each output channel
     * (1 for an all-zero channel, whose values all quantise to 0).
     *
     * @param axis 0 for {@code [out, ...]} kernels, 1 for {@code [in, out]} kernels
     */
    static float[] weightScales(float[] w, long[] shape, int axis) {
        int channels = (int) shape[axis];
        float[] maxAbs = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = channel(i, shape, axis);
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(w[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = maxAbs[c] > 0 ? maxAbs[c] / WEIGHT_LEVELS : 1f;
        }
        return scales;
    }

    /** The kernel quantised with {@link #weightScales}: {@code round(w / scale)} in [-WEIGHT_LEVELS, WEIGHT_LEVELS]. */
    static byte[] quantizeWeights(float[] w, long[] shape, int axis, float[] scales) {
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            long v = Math.round((double) w[i] / scales[channel(i, shape, axis)]);
            q[i] = (byte) Math.max(-WEIGHT_LEVELS, Math.min(WEIGHT_LEVELS, v));
        }
        return q;
    }

    private static int channel(int i, long[] shape, int axis) {
        if (axis == 0) {
            return (int) (i / valuesPer(shape));
        }
        return (int) (i % shape[1]);
    }

    private static long valuesPer(long[] shape) {
        long n = 1;
        for (int d = 1; d < shape.length; d++) {
            n *= shape[d];
        }
        return n;
    }

    private static String addWeights(GraphProto.Builder g, String prefix, float[] w, long[] shape, int axis) {
        float[] scales = weightScales(w, shape, axis);
        byte[] q = quantizeWeights(w, shape, axis, scales);
        g.addInitializer(raw(prefix + "W_quantized", TensorProto.DataType.INT8, shape, q));
        g.addInitializer(OnnxExporter.tensor(prefix + "W_scale", new long[] {scales.length}, scales));
        g.addInitializer(raw(prefix + "W_zero_point", TensorProto.DataType.INT8, new long[] {scales.length}, new byte[scales.length]));
        String out = prefix + "W";
        g.addNode(OnnxExporter.node("DequantizeLinear", prefix + "W_Dequantize",
                List.of(prefix + "W_quantized", prefix + "W_scale", prefix + "W_zero_point"), out,
                OnnxExporter.intAttr("axis", axis)));
        return out;
    }

    private static String addBias(GraphProto.Builder g, String prefix, float[] bias, float inputScale, float[] weightScales) {
        float[] scales = new float[bias.length];
        ByteBuffer values = ByteBuffer.allocate(bias.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < bias.length; c++) {
            scales[c] = inputScale * weightScales[c];
            long v = Math.round((double) bias[c] / scales[c]);
            values.putInt((int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, v)));
        }
        g.addInitializer(raw(prefix + "B_quantized", TensorProto.DataType.INT32, new long[] {bias.length}, values.array()));
        g.addInitializer(OnnxExporter.tensor(prefix + "B_scale", new long[] {bias.length}, scales));
        g.addInitializer(raw(prefix + "B_zero_point", TensorProto.DataType.INT32, new long[] {bias.length},
                new byte[bias.length * Integer.BYTES]));
        String out = prefix + "B";
        g.addNode(OnnxExporter.node("DequantizeLinear", prefix + "B_Dequantize",
                List.of(prefix + "B_quantized", prefix + "B_scale", prefix + "B_zero_point"), out,
                OnnxExporter.intAttr("axis", 0)));
        return out;
    }

    private static TensorProto raw(String name, TensorProto.DataType type, long[] dims, byte[] bytes) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

}
