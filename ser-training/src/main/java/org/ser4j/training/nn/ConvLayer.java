package org.ser4j.training.nn;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * 2D convolution, stride 1, with zero padding, bias, optional ReLU and an optional max pooling
 * (window = stride, floor) fused into one layer; a Conv1D is the special case
 * {@code H = 1, kernelH = 1}. Kernel layout {@code [Cout][Cin][kh][kw]}.
 *
 * <p>The chunk is processed in groups of samples small enough that the im2col buffer and the
 * full-resolution convolution output stay in cache ({@link #GROUP_BUDGET}); only the pooled output
 * reaches the activation array, followed by the argmax position of each pooling window (stored as
 * float codes after the {@link #outSize()} pooled values) so that the backward pass needs neither
 * the full-resolution output nor a recomputation. A single-channel unpadded convolution (the first
 * layer of both models) is computed directly instead of through im2col. Column buffers are padded
 * to a multiple of 16 columns so that the matrix kernels never run scalar tails.
 */
final class ConvLayer extends Layer {
    /** Target size of one group's column + convolution buffers, floats (2 MiB). */
    static final int GROUP_BUDGET = 1 << 19;
    /**
     * Budget for convolutions over fewer than {@link #SMALL_PLANE} positions (the deepest layers): there
     * the weights (up to 3 MiB) outweigh the columns, and larger groups read each weight fewer times
     * per chunk (16 MiB: a whole chunk of the mel model's last convolution in one group).
     */
    static final int SMALL_PLANE_BUDGET = 1 << 22;
    static final int SMALL_PLANE = 32;
    private static final int COLUMN_ALIGN = 16;

    private final boolean oneDimensional;
    private final int kh;
    private final int kw;
    private final int padH;
    private final int padW;
    private final boolean relu;
    private final double l2;
    private final int kDim;
    private final boolean direct;
    private final int convH;
    private final int convW;
    private final int poolH;
    private final int poolW;

    /**
     * @param padH zero rows above and below ({@code kh/2} for Keras "same" with odd kh, 0 for "valid")
     * @param padW zero columns left and right
     */
    ConvLayer(boolean oneDimensional, int inC, int inH, int inW, int outC, int kh, int kw, int padH, int padW,
            boolean relu, double l2) {
        this(oneDimensional, inC, inH, inW, outC, kh, kw, padH, padW, relu, l2, 0, 0);
    }

    /** As above, followed by max pooling {@code poolH x poolW} (0 = no pooling). */
    ConvLayer(boolean oneDimensional, int inC, int inH, int inW, int outC, int kh, int kw, int padH, int padW,
            boolean relu, double l2, int poolH, int poolW) {
        super(inC, inH, inW, outC, pooled(inH + 2 * padH - kh + 1, poolH), pooled(inW + 2 * padW - kw + 1, poolW));
        if (oneDimensional && (inH != 1 || kh != 1 || padH != 0 || (poolH > 1))) {
            throw new IllegalArgumentException("a 1D convolution needs H = 1, kernel height 1 and no vertical padding");
        }
        this.oneDimensional = oneDimensional;
        this.kh = kh;
        this.kw = kw;
        this.padH = padH;
        this.padW = padW;
        this.relu = relu;
        this.l2 = l2;
        this.kDim = inC * kh * kw;
        this.direct = inC == 1 && padH == 0 && padW == 0;
        this.convH = inH + 2 * padH - kh + 1;
        this.convW = inW + 2 * padW - kw + 1;
        this.poolH = poolH;
        this.poolW = poolW;
    }

    @Override
    String describe() {
        String shape = oneDimensional ? "conv1d " + outC + " k" + kw : "conv2d " + outC + " " + kh + "x" + kw;
        String pad = padH == 0 && padW == 0 ? " valid" : " same";
        String pool = !isPooled() ? "" : oneDimensional ? " + maxpool " + poolW : " + maxpool " + poolH + "x" + poolW;
        return shape + pad + (relu ? " + relu" : "") + pool + " [" + inC + "x" + inH + "x" + inW + " -> " + outC + "x" + outH + "x" + outW + "]";
    }

    @Override
    long forwardFlops() {
        return 2L * outC * kDim * convH * convW;
    }

    private static int pooled(int size, int pool) {
        return pool > 0 ? size / pool : size;
    }

    /** This convolution followed by max pooling {@code ph x pw}. */
    ConvLayer withPool(int ph, int pw) {
        if (isPooled()) {
            throw new IllegalStateException("already pooled");
        }
        return new ConvLayer(oneDimensional, inC, inH, inW, outC, kh, kw, padH, padW, relu, l2, ph, pw);
    }

    boolean isPooled() {
        return poolH > 0;
    }

    @Override
    int activationSize() {
        return isPooled() ? 2 * outSize() : outSize();
    }

    @Override
    int paramCount() {
        return outC * kDim + outC;
    }

    @Override
    int kernelCount() {
        return outC * kDim;
    }

    @Override
    double l2() {
        return l2;
    }

    @Override
    void init(float[] params, SplittableRandom random) {
        int rf = kh * kw;
        glorotUniform(params, paramOffset, kernelCount(), inC * rf, outC * rf, random);
        Arrays.fill(params, paramOffset + kernelCount(), paramOffset + paramCount(), 0f);
    }

    private int group(int b) {
        int perSample = (kDim + outC) * convH * convW;
        int budget = convH * convW < SMALL_PLANE ? SMALL_PLANE_BUDGET : GROUP_BUDGET;
        return Math.max(1, Math.min(b, budget / perSample));
    }

    private static int aligned(int n) {
        return (n + COLUMN_ALIGN - 1) / COLUMN_ALIGN * COLUMN_ALIGN;
    }

    @Override
    int scratchSize(int b) {
        // im2col [K][ldn], convolution output / gradient [Cout][ldn], its transpose [ldn][Cout], dW^T [K][Cout]
        int ldn = aligned(group(b) * convH * convW);
        return (kDim + 2 * outC) * ldn + kDim * outC;
    }

    @Override
    void forward(Kernels k, float[] p, float[] x, float[] y, int b, float[] scratch) {
        int chw = convH * convW;
        int inHW = inH * inW;
        int biasOff = paramOffset + kernelCount();
        int g = group(b);
        for (int s0 = 0; s0 < b; s0 += g) {
            int gs = Math.min(g, b - s0);
            int ldn = aligned(gs * chw);
            int conv = kDim * ldn;
            if (direct) {
                for (int s = 0; s < gs; s++) {
                    // when pooling follows, ReLU is applied to the 4x fewer pooled values instead
                    k.convSingleChannel(x, (s0 + s) * inHW, inW, p, paramOffset, outC, kh, kw, p, biasOff,
                            relu && !isPooled(), scratch, conv + s * chw, ldn, convH, convW);
                }
            } else {
                im2col(x, b, s0, gs, scratch, ldn);
                k.gemm(outC, ldn, kDim, p, paramOffset, kDim, 1, scratch, 0, ldn, scratch, conv, ldn, false);
                // max pooling commutes with the (monotone) bias and ReLU: pooled layers apply them after pooling
                for (int co = 0; co < outC && !isPooled(); co++) {
                    float bias = p[biasOff + co];
                    int from = conv + co * ldn;
                    int to = from + gs * chw;
                    if (relu) {
                        for (int i = from; i < to; i++) {
                            scratch[i] = Math.max(scratch[i] + bias, 0f); // branch-free ReLU
                        }
                    } else {
                        for (int i = from; i < to; i++) {
                            scratch[i] += bias;
                        }
                    }
                }
            }
            for (int co = 0; co < outC; co++) {
                for (int s = 0; s < gs; s++) {
                    int plane = conv + co * ldn + s * chw;
                    int out = (co * b + s0 + s) * outH * outW;
                    if (isPooled()) {
                        pool(scratch, plane, y, out, b * outC * outH * outW + out, direct ? 0f : p[biasOff + co]);
                    } else {
                        System.arraycopy(scratch, plane, y, out, chw);
                    }
                }
            }
        }
    }

    private float activate(float v) {
        return relu ? Math.max(v, 0f) : v;
    }

    /**
     * Pools one plane of convolution outputs (before ReLU, and before the bias unless {@code bias} is
     * 0); writes the activated maxima to {@code y[out..]} and window argmax codes to {@code y[codes..]}.
     */
    private void pool(float[] src, int plane, float[] y, int out, int codes, float bias) {
        for (int ho = 0; ho < outH; ho++) {
            int row = plane + ho * poolH * convW;
            int o = out + ho * outW;
            int cidx = codes + ho * outW;
            if (poolW == 2 && poolH == 2) {
                // branch-free: the comparisons of random activations would mispredict half the time
                int r1 = row + convW;
                for (int wo = 0; wo < outW; wo++) {
                    int c = 2 * wo;
                    float a0 = src[row + c];
                    float a1 = src[row + c + 1];
                    float b0 = src[r1 + c];
                    float b1 = src[r1 + c + 1];
                    int down0 = greater(b0, a0);
                    int down1 = greater(b1, a1);
                    float m0 = Math.max(a0, b0);
                    float m1 = Math.max(a1, b1);
                    int right = greater(m1, m0);
                    int down = down0 + right * (down1 - down0);
                    y[o + wo] = activate(Math.max(m0, m1) + bias);
                    y[cidx + wo] = 2 * down + right;
                }
            } else if (poolW == 2 && poolH == 1) {
                for (int wo = 0; wo < outW; wo++) {
                    int c = 2 * wo;
                    float a0 = src[row + c];
                    float a1 = src[row + c + 1];
                    y[o + wo] = activate(Math.max(a0, a1) + bias);
                    y[cidx + wo] = greater(a1, a0);
                }
            } else {
                for (int wo = 0; wo < outW; wo++) {
                    int base = row + wo * poolW;
                    float m = src[base];
                    int code = 0;
                    for (int i = 0; i < poolH; i++) {
                        for (int j = 0; j < poolW; j++) {
                            float v = src[base + i * convW + j];
                            if (v > m) {
                                m = v;
                                code = i * poolW + j;
                            }
                        }
                    }
                    y[o + wo] = activate(m + bias);
                    y[cidx + wo] = code;
                }
            }
        }
    }

    /** 1 if {@code b > a}, else 0, without a branch (finite values: the sign of {@code a - b}). */
    private static int greater(float b, float a) {
        return Float.floatToRawIntBits(a - b) >>> 31;
    }

    @Override
    void backward(Kernels k, float[] p, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int b,
            float[] scratch) {
        int chw = convH * convW;
        int ohw = outH * outW;
        int inHW = inH * inW;
        int biasOff = paramOffset + kernelCount();
        int codeBase = b * outC * ohw;
        int g = group(b);
        for (int s0 = 0; s0 < b; s0 += g) {
            int gs = Math.min(g, b - s0);
            int ldn = aligned(gs * chw);
            int conv = kDim * ldn;
            // dz: gradient at the convolution output (after the ReLU mask), [Cout][ldn], zero padded.
            // Every element is written once below (pooling windows, their floor leftovers, the padding),
            // so the buffer needs no clearing pass.
            for (int co = 0; co < outC; co++) {
                int dzRow = conv + co * ldn;
                Arrays.fill(scratch, dzRow + gs * chw, dzRow + ldn, 0f);
                float biasGrad = 0f;
                for (int s = 0; s < gs; s++) {
                    int out = (co * b + s0 + s) * ohw;
                    int plane = dzRow + s * chw;
                    if (isPooled()) {
                        for (int ho = 0; ho < outH; ho++) {
                            int rowBase = plane + ho * poolH * convW;
                            for (int i = 0; i < poolH; i++) {
                                int r = rowBase + i * convW;
                                for (int t = r; t < r + convW; t++) {
                                    scratch[t] = 0f;
                                }
                            }
                            for (int wo = 0; wo < outW; wo++) {
                                int o = out + ho * outW + wo;
                                // ReLU outputs are +0.0 or positive: active iff the bits are a positive int
                                float d = relu ? dy[o] * (((Float.floatToRawIntBits(y[o]) - 1) >>> 31) ^ 1) : dy[o];
                                int code = (int) y[codeBase + o];
                                int pos = (ho * poolH + code / poolW) * convW + wo * poolW + code % poolW;
                                scratch[plane + pos] = d;
                                biasGrad += d;
                            }
                        }
                        // rows below the last pooling window (floor) get no gradient
                        Arrays.fill(scratch, plane + outH * poolH * convW, plane + chw, 0f);
                    } else {
                        for (int i = 0; i < chw; i++) {
                            float d = relu ? dy[out + i] * (((Float.floatToRawIntBits(y[out + i]) - 1) >>> 31) ^ 1)
                                    : dy[out + i];
                            scratch[plane + i] = d;
                            biasGrad += d;
                        }
                    }
                }
                grad[biasOff + co] += biasGrad;
            }
            if (direct) {
                for (int s = 0; s < gs; s++) {
                    k.convSingleChannelWeightGrad(x, (s0 + s) * inHW, inW, scratch, conv + s * chw, ldn, outC, kh, kw,
                            convH, convW, grad, paramOffset);
                }
            } else {
                // dW^T[K][Cout] += col[K][n] . dz^T[n][Cout]: transposing dz (Cout x n) is far cheaper than
                // transposing col (K x n), and dW^T is transposed into the gradient once per chunk
                int dzT = conv + outC * ldn;
                for (int co = 0; co < outC; co++) {
                    int src = conv + co * ldn;
                    for (int n = 0; n < ldn; n++) {
                        scratch[dzT + n * outC + co] = scratch[src + n];
                    }
                }
                im2col(x, b, s0, gs, scratch, ldn);
                k.gemm(kDim, outC, ldn, scratch, 0, ldn, 1, scratch, dzT, outC, scratch, dwT(b), outC, s0 > 0);
            }
            if (dx != null) {
                // dcol[K][n] = W^T[K][Cout] . dz[Cout][n], then scattered back onto the input
                k.gemm(kDim, ldn, outC, p, paramOffset, 1, kDim, scratch, conv, ldn, scratch, 0, ldn, false);
                col2im(scratch, ldn, b, s0, gs, dx);
            }
        }
        if (!direct) {
            int dwT = dwT(b);
            for (int co = 0; co < outC; co++) {
                int row = paramOffset + co * kDim;
                for (int kk = 0; kk < kDim; kk++) {
                    grad[row + kk] += scratch[dwT + kk * outC + co];
                }
            }
        }
    }

    /** Offset of the dW^T accumulator in the scratch buffer (after the group buffers). */
    private int dwT(int b) {
        return (kDim + 2 * outC) * aligned(group(b) * convH * convW);
    }

    /**
     * {@code col[(ci*kh+i)*kw+j][(s-s0)*Ho*Wo + ho*Wo + wo] = x[ci][s][ho+i-padH][wo+j-padW]} (0 outside
     * the input and in the padding columns up to {@code ldn}).
     */
    private void im2col(float[] x, int b, int s0, int gs, float[] col, int ldn) {
        int n = gs * convH * convW;
        int inHW = inH * inW;
        if (convH == inH && convW == inW) {
            im2colSame(x, b, s0, gs, col, ldn);
            return;
        }
        for (int ci = 0; ci < inC; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((ci * kh + i) * kw + j) * ldn;
                    int woLo = Math.max(0, padW - j);
                    int woHi = Math.min(convW, inW + padW - j);
                    for (int s = 0; s < gs; s++) {
                        int xPlane = (ci * b + s0 + s) * inHW;
                        for (int ho = 0; ho < convH; ho++) {
                            int dst = row + (s * convH + ho) * convW;
                            int hi = ho + i - padH;
                            // the zero runs are a few elements long: plain loops beat Arrays.fill calls
                            if (hi < 0 || hi >= inH || woLo >= woHi) {
                                for (int t = dst; t < dst + convW; t++) {
                                    col[t] = 0f;
                                }
                                continue;
                            }
                            for (int t = dst; t < dst + woLo; t++) {
                                col[t] = 0f;
                            }
                            System.arraycopy(x, xPlane + hi * inW + woLo + j - padW, col, dst + woLo, woHi - woLo);
                            for (int t = dst + woHi; t < dst + convW; t++) {
                                col[t] = 0f;
                            }
                        }
                    }
                    Arrays.fill(col, row + n, row + ldn, 0f);
                }
            }
        }
    }

    /**
     * {@link #im2col} for "same" padding, where a column row of one sample is its input plane shifted by
     * {@code (i - padH) * inW + j - padW}: one copy per plane instead of one per output row (the rows are
     * a few dozen floats at most, so the copy calls dominated), then the elements that wrapped around a
     * row edge or fell outside the plane are zeroed.
     */
    private void im2colSame(float[] x, int b, int s0, int gs, float[] col, int ldn) {
        int hw = inH * inW;
        for (int ci = 0; ci < inC; ci++) {
            for (int i = 0; i < kh; i++) {
                int hoLo = Math.max(0, padH - i);
                int hoHi = Math.min(inH, inH + padH - i);
                for (int j = 0; j < kw; j++) {
                    int row = ((ci * kh + i) * kw + j) * ldn;
                    int woLo = Math.max(0, padW - j);
                    int woHi = Math.min(inW, inW + padW - j);
                    int shift = (i - padH) * inW + j - padW;
                    for (int s = 0; s < gs; s++) {
                        int dst = row + s * hw;
                        int xPlane = (ci * b + s0 + s) * hw;
                        if (hoLo >= hoHi || woLo >= woHi) {
                            Arrays.fill(col, dst, dst + hw, 0f);
                            continue;
                        }
                        int from = hoLo * inW + woLo;
                        int to = (hoHi - 1) * inW + woHi;
                        Arrays.fill(col, dst, dst + from, 0f);
                        System.arraycopy(x, xPlane + from + shift, col, dst + from, to - from);
                        Arrays.fill(col, dst + to, dst + hw, 0f);
                        for (int ho = hoLo; ho < hoHi; ho++) {
                            int r = dst + ho * inW;
                            for (int t = r; t < r + woLo; t++) {
                                col[t] = 0f;
                            }
                            for (int t = r + woHi; t < r + inW; t++) {
                                col[t] = 0f;
                            }
                        }
                    }
                    Arrays.fill(col, row + gs * hw, row + ldn, 0f);
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: sums column gradients back into {@code dx} for the group. */
    private void col2im(float[] col, int ldn, int b, int s0, int gs, float[] dx) {
        int inHW = inH * inW;
        for (int ci = 0; ci < inC; ci++) {
            for (int s = 0; s < gs; s++) {
                int plane = (ci * b + s0 + s) * inHW;
                Arrays.fill(dx, plane, plane + inHW, 0f);
            }
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((ci * kh + i) * kw + j) * ldn;
                    int woLo = Math.max(0, padW - j);
                    int woHi = Math.min(convW, inW + padW - j);
                    if (woLo >= woHi) {
                        continue;
                    }
                    for (int s = 0; s < gs; s++) {
                        int xPlane = (ci * b + s0 + s) * inHW;
                        for (int ho = 0; ho < convH; ho++) {
                            int hi = ho + i - padH;
                            if (hi < 0 || hi >= inH) {
                                continue;
                            }
                            int src = row + (s * convH + ho) * convW;
                            int dst = xPlane + hi * inW + j - padW;
                            for (int wo = woLo; wo < woHi; wo++) {
                                dx[dst + wo] += col[src + wo];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    List<LayerSpec> specs(float[] params) {
        float[] w = Arrays.copyOfRange(params, paramOffset, paramOffset + kernelCount());
        float[] bias = Arrays.copyOfRange(params, paramOffset + kernelCount(), paramOffset + paramCount());
        LayerSpec c = new LayerSpec.Conv(oneDimensional, inC, outC, kh, kw, padH, padW, relu, w, bias);
        return isPooled() ? List.of(c, new LayerSpec.MaxPool(oneDimensional, poolH, poolW)) : List.of(c);
    }
}
