package org.ser4j.training.nn;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One layer of a {@link SequentialNetwork}, working on a chunk of {@code b} samples at once.
 *
 * <p>Layouts inside a chunk: convolution and pooling layers use channel-outer
 * {@code [C][b][H][W]} so that a convolution over the whole chunk is one matrix product; dense
 * layers use {@code [b][F]}. {@link FlattenLayer} converts between the two. Parameters live in the
 * network's single flat array starting at {@link #paramOffset}; kernels first, then biases.
 */
abstract class Layer {
    final int inC;
    final int inH;
    final int inW;
    final int outC;
    final int outH;
    final int outW;
    int paramOffset;

    Layer(int inC, int inH, int inW, int outC, int outH, int outW) {
        if (outC <= 0 || outH <= 0 || outW <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " on input [" + inC + ", " + inH + ", "
                    + inW + "] would produce an empty output [" + outC + ", " + outH + ", " + outW + "]");
        }
        this.inC = inC;
        this.inH = inH;
        this.inW = inW;
        this.outC = outC;
        this.outH = outH;
        this.outW = outW;
    }

    final int inSize() {
        return inC * inH * inW;
    }

    final int outSize() {
        return outC * outH * outW;
    }

    /** Trainable parameters (kernel then bias). */
    int paramCount() {
        return 0;
    }

    /** Number of leading parameters that are kernel weights (subject to L2). */
    int kernelCount() {
        return 0;
    }

    /** Keras-style L2 factor on the kernel. */
    double l2() {
        return 0;
    }

    /** Glorot-uniform kernel, zero bias. */
    void init(float[] params, SplittableRandom random) {
    }

    /** What this layer is, for profiles, e.g. {@code "dense 64 + relu"}. */
    String describe() {
        return getClass().getSimpleName();
    }

    /** Multiply-adds times two of one sample's forward pass; 0 for layers that do no arithmetic to speak of. */
    long forwardFlops() {
        return 0;
    }

    /** Scratch floats needed for a chunk of {@code b} samples. */
    int scratchSize(int b) {
        return 0;
    }

    /** Computes {@code y} from {@code x} for {@code b} samples. */
    abstract void forward(Kernels k, float[] p, float[] x, float[] y, int b, float[] scratch);

    /**
     * Back-propagates {@code dy} (which may be overwritten): adds parameter gradients to {@code g}
     * (same indexing as {@code p}) and writes the input gradient to {@code dx} unless it is null.
     */
    abstract void backward(Kernels k, float[] p, float[] x, float[] y, float[] dy, float[] dx, float[] g, int b,
            float[] scratch);

    /** What this layer is, for export: one spec, or several when this layer fuses operations. */
    abstract List<LayerSpec> specs(float[] params);

    /**
     * Floats per sample this layer writes to its activation array: {@link #outSize()} outputs that
     * the next layer reads, possibly followed by bookkeeping only this layer's backward pass uses.
     */
    int activationSize() {
        return outSize();
    }

    static void glorotUniform(float[] params, int off, int count, int fanIn, int fanOut, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < count; i++) {
            params[off + i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
    }
}
