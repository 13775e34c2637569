package org.ser4j.training.nn;

import java.util.ArrayList;
import java.util.List;
import org.ser4j.core.model.FeatureKind;

/**
 * Describes the layers of a {@link SequentialNetwork}; shapes are inferred. Obtain one from
 * {@link SequentialNetwork#builder} or {@link Architectures#builder}.
 */
public final class NetworkBuilder {
    final FeatureKind kind;
    final int inC;
    final int inH;
    final int inW;
    final List<Layer> layers = new ArrayList<>();
    private int c;
    private int h;
    private int w;
    private boolean flat;

    NetworkBuilder(FeatureKind kind, int c, int h, int w) {
        if (c <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("input shape must be positive, got [" + c + ", " + h + ", " + w + "]");
        }
        this.kind = kind;
        this.inC = c;
        this.inH = h;
        this.inW = w;
        this.c = c;
        this.h = h;
        this.w = w;
    }

    private void requireSpatial(String what) {
        if (flat) {
            throw new IllegalStateException(what + " after flatten/dense");
        }
    }

    /**
     * Conv2D, stride 1, ReLU; {@code same} pads {@code k/2} on each side (odd kernels).
     *
     * @param filters output channels, positive
     * @param kh kernel height
     * @param kw kernel width
     * @param same true for Keras "same" padding ({@code kh/2} rows and {@code kw/2} columns of
     *     zeros on each side, output the size of the input), false for "valid" (no padding)
     * @param l2 Keras-style L2 factor on the kernel ({@code l2 * sum(W^2)} added to the loss),
     *     0 for none
     * @return this builder
     * @throws IllegalStateException if the input is already flat (after flatten or dense)
     * @throws IllegalArgumentException if a kernel size is not positive, {@code same} is set
     *     with an even kernel size, or the output would be empty (non-positive {@code filters},
     *     or a kernel larger than the padded input)
     */
    public NetworkBuilder conv2d(int filters, int kh, int kw, boolean same, double l2) {
        requireSpatial("conv2d");
        requireOddIfSame(same, kh, kw);
        ConvLayer l = new ConvLayer(false, c, h, w, filters, kh, kw, same ? kh / 2 : 0, same ? kw / 2 : 0, true, l2);
        return add(l);
    }

    /**
     * Conv1D over the last axis (requires H = 1), stride 1, ReLU.
     *
     * @param filters output channels, positive
     * @param k kernel width
     * @param same true for Keras "same" padding ({@code k/2} zeros on each side; odd {@code k}
     *     only), false for "valid"
     * @param l2 Keras-style L2 factor on the kernel, 0 for none
     * @return this builder
     * @throws IllegalStateException if the input is already flat (after flatten or dense)
     * @throws IllegalArgumentException if the current height is not 1, {@code same} is set with
     *     an even {@code k}, or the output would be empty
     */
    public NetworkBuilder conv1d(int filters, int k, boolean same, double l2) {
        requireSpatial("conv1d");
        requireOddIfSame(same, 1, k);
        return add(new ConvLayer(true, c, h, w, filters, 1, k, 0, same ? k / 2 : 0, true, l2));
    }

    /**
     * MaxPool2D with window = stride = {@code ph x pw}, floor (fused into a preceding convolution).
     *
     * @param ph window height and vertical stride, positive
     * @param pw window width and horizontal stride, positive
     * @return this builder
     * @throws IllegalStateException if the input is already flat (after flatten or dense)
     * @throws IllegalArgumentException if {@code ph} or {@code pw} is not positive, or the pooled
     *     output would be empty (a window larger than the input)
     */
    public NetworkBuilder maxPool2d(int ph, int pw) {
        requireSpatial("maxPool2d");
        return pool(false, ph, pw);
    }

    /**
     * MaxPool1D with window = stride = {@code p}, floor (fused into a preceding convolution).
     *
     * @param p window width and stride along the last axis, positive
     * @return this builder
     * @throws IllegalStateException if the input is already flat (after flatten or dense)
     * @throws IllegalArgumentException if {@code p} is not positive, the current height is not 1,
     *     or the pooled output would be empty
     */
    public NetworkBuilder maxPool1d(int p) {
        requireSpatial("maxPool1d");
        return pool(true, 1, p);
    }

    private NetworkBuilder pool(boolean oneDimensional, int ph, int pw) {
        if (ph < 1 || pw < 1) {
            throw new IllegalArgumentException("pool size must be positive, got " + ph + "x" + pw);
        }
        if (oneDimensional && h != 1) {
            throw new IllegalArgumentException("maxPool1d needs height 1, got " + h + " (use maxPool2d)");
        }
        if (!layers.isEmpty() && layers.get(layers.size() - 1) instanceof ConvLayer conv && !conv.isPooled()) {
            layers.remove(layers.size() - 1);
            return add(conv.withPool(ph, pw));
        }
        return add(new MaxPoolLayer(oneDimensional, c, h, w, ph, pw));
    }

    /**
     * Flattens {@code [C, H, W]} in that order.
     *
     * @return this builder; the next layer sees {@code C*H*W} features
     * @throws IllegalStateException if the input is already flat (after flatten or dense)
     */
    public NetworkBuilder flatten() {
        requireSpatial("flatten");
        return add(new FlattenLayer(c, h, w));
    }

    /**
     * Dense layer; the last dense layer should be linear (softmax is applied by the network).
     *
     * @param units output width, positive; that of the last layer is the number of classes
     * @param relu whether ReLU follows
     * @param l2 Keras-style L2 factor on the kernel, 0 for none
     * @return this builder
     * @throws IllegalStateException if the input comes from a convolution or pool and was not
     *     flattened (even when it is 1 x 1), or is a network input with height or width above 1
     * @throws IllegalArgumentException if {@code units} is not positive
     */
    public NetworkBuilder dense(int units, boolean relu, double l2) {
        // convolutions and pools keep channels outermost ([C][batch][H][W]): even a 1 x 1 output
        // must go through flatten() to become one row per sample
        if (!flat && (!layers.isEmpty() || h != 1 || w != 1)) {
            throw new IllegalStateException("dense needs a flat input: call flatten() first");
        }
        return add(new DenseLayer(c * h * w, units, relu, l2));
    }

    // visible for tests: ReLU-free convolution
    NetworkBuilder convLinear(int filters, int kh, int kw, int padH, int padW) {
        requireSpatial("conv");
        return add(new ConvLayer(h == 1 && kh == 1 && padH == 0, c, h, w, filters, kh, kw, padH, padW, false, 0));
    }

    private static void requireOddIfSame(boolean same, int kh, int kw) {
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException("kernel size must be positive, got " + kh + "x" + kw);
        }
        if (same && (kh % 2 == 0 || kw % 2 == 0)) {
            throw new IllegalArgumentException("'same' padding is supported for odd kernels only, got " + kh + "x" + kw);
        }
    }

    private NetworkBuilder add(Layer l) {
        layers.add(l);
        c = l.outC;
        h = l.outH;
        w = l.outW;
        flat = l instanceof FlattenLayer || l instanceof DenseLayer;
        return this;
    }

    /**
     * Creates the network with the best available kernels.
     *
     * @param seed seed of the Glorot initialisation
     * @param threads worker threads (at least 1)
     * @param maxChunk samples processed at once per worker (bounds memory), at least 1
     * @return a new network with Glorot-uniform kernels, zero biases and learning rate 1e-3;
     *     with more than one thread it owns a pool of daemon threads until
     *     {@link SequentialNetwork#close()}
     * @throws IllegalStateException if no layer was added
     * @throws IllegalArgumentException if {@code threads} or {@code maxChunk} is below 1, the
     *     last layer is not dense, or the workers' buffers would need more than 80 % of the
     *     maximum heap
     */
    public SequentialNetwork build(long seed, int threads, int maxChunk) {
        return build(seed, threads, maxChunk, KernelSelector.select());
    }

    SequentialNetwork build(long seed, int threads, int maxChunk, Kernels kernels) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("no layers");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (maxChunk < 1) {
            throw new IllegalArgumentException("maxChunk must be at least 1, got " + maxChunk);
        }
        return new SequentialNetwork(this, seed, threads, maxChunk, kernels);
    }
}
