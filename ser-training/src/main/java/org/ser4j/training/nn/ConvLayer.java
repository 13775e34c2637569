package org.ser4j.training.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * 2D convolution, stride 1, with zero padding, bias and optional ReLU fused into one pass; a
 * Conv1D is the special case {@code H = 1, kernelH = 1}. Computed as im2col + matrix product over
 * groups of samples, so that the column buffer stays below {@link #COLUMN_BUDGET} floats.
 * Kernel layout {@code [Cout][Cin][kh][kw]}.
 */
final class ConvLayer extends Layer {
    /** Upper bound on the im2col buffer, floats (8 MiB), unless one sample alone needs more. */
    static final int COLUMN_BUDGET = 1 << 21;

    private final boolean oneDimensional;
    private final int kh;
    private final int kw;
    private final int padH;
    private final int padW;
    private final boolean relu;
    private final double l2;
    private final int kDim;

    /**
     * @param padH zero rows above and below ({@code kh/2} for Keras "same" with odd kh, 0 for "valid")
     * @param padW zero columns left and right
     */
    ConvLayer(boolean oneDimensional, int inC, int inH, int inW, int outC, int kh, int kw, int padH, int padW,
            boolean relu, double l2) {
        super(inC, inH, inW, outC, inH + 2 * padH - kh + 1, inW + 2 * padW - kw + 1);
        if (oneDimensional && (inH != 1 || kh != 1 || padH != 0)) {
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
        int perSample = kDim * outH * outW;
        return Math.max(1, Math.min(b, COLUMN_BUDGET / perSample));
    }

    @Override
    int scratchSize(int b) {
        return kDim * outH * outW * group(b);
    }

    @Override
    void forward(Kernels k, float[] p, float[] x, float[] y, int b, float[] col) {
        int hw = outH * outW;
        int g = group(b);
        int ldy = b * hw;
        for (int s0 = 0; s0 < b; s0 += g) {
            int gs = Math.min(g, b - s0);
            im2col(x, b, s0, gs, col);
            k.gemm(outC, gs * hw, kDim, p, paramOffset, kDim, 1, col, 0, gs * hw, y, s0 * hw, ldy, false);
        }
        int biasOff = paramOffset + kernelCount();
        for (int c = 0; c < outC; c++) {
            float bias = p[biasOff + c];
            int from = c * ldy;
            int to = from + ldy;
            if (relu) {
                for (int i = from; i < to; i++) {
                    float v = y[i] + bias;
                    y[i] = v > 0f ? v : 0f;
                }
            } else {
                for (int i = from; i < to; i++) {
                    y[i] += bias;
                }
            }
        }
    }

    @Override
    void backward(Kernels k, float[] p, float[] x, float[] y, float[] dy, float[] dx, float[] grad, int b,
            float[] col) {
        int hw = outH * outW;
        int ldy = b * hw;
        int total = outC * ldy;
        if (relu) {
            for (int i = 0; i < total; i++) {
                if (y[i] <= 0f) {
                    dy[i] = 0f;
                }
            }
        }
        int biasOff = paramOffset + kernelCount();
        for (int c = 0; c < outC; c++) {
            float s = 0f;
            for (int i = c * ldy, e = i + ldy; i < e; i++) {
                s += dy[i];
            }
            grad[biasOff + c] += s;
        }
        int g = group(b);
        for (int s0 = 0; s0 < b; s0 += g) {
            int gs = Math.min(g, b - s0);
            im2col(x, b, s0, gs, col);
            // dW[Cout][K] += dz[Cout][n] . col[K][n]^T
            k.gemmABt(outC, kDim, gs * hw, dy, s0 * hw, ldy, col, 0, gs * hw, grad, paramOffset, kDim, true);
            if (dx != null) {
                // dcol[K][n] = W^T[K][Cout] . dz[Cout][n]
                k.gemm(kDim, gs * hw, outC, p, paramOffset, 1, kDim, dy, s0 * hw, ldy, col, 0, gs * hw, false);
                col2im(col, b, s0, gs, dx);
            }
        }
    }

    /** col[(ci*kh+i)*kw+j][(s-s0)*Ho*Wo + ho*Wo + wo] = x[ci][s][ho+i-padH][wo+j-padW] (0 outside). */
    private void im2col(float[] x, int b, int s0, int gs, float[] col) {
        int n = gs * outH * outW;
        int inHW = inH * inW;
        for (int ci = 0; ci < inC; ci++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((ci * kh + i) * kw + j) * n;
                    int woLo = Math.max(0, padW - j);
                    int woHi = Math.min(outW, inW + padW - j);
                    for (int s = 0; s < gs; s++) {
                        int xPlane = (ci * b + s0 + s) * inHW;
                        for (int ho = 0; ho < outH; ho++) {
                            int dst = row + (s * outH + ho) * outW;
                            int hi = ho + i - padH;
                            if (hi < 0 || hi >= inH || woLo >= woHi) {
                                Arrays.fill(col, dst, dst + outW, 0f);
                                continue;
                            }
                            if (woLo > 0) {
                                Arrays.fill(col, dst, dst + woLo, 0f);
                            }
                            System.arraycopy(x, xPlane + hi * inW + woLo + j - padW, col, dst + woLo, woHi - woLo);
                            if (woHi < outW) {
                                Arrays.fill(col, dst + woHi, dst + outW, 0f);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: sums column gradients back into {@code dx} for the group. */
    private void col2im(float[] col, int b, int s0, int gs, float[] dx) {
        int n = gs * outH * outW;
        int inHW = inH * inW;
        for (int ci = 0; ci < inC; ci++) {
            for (int s = 0; s < gs; s++) {
                int plane = (ci * b + s0 + s) * inHW;
                Arrays.fill(dx, plane, plane + inHW, 0f);
            }
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    int row = ((ci * kh + i) * kw + j) * n;
                    int woLo = Math.max(0, padW - j);
                    int woHi = Math.min(outW, inW + padW - j);
                    if (woLo >= woHi) {
                        continue;
                    }
                    for (int s = 0; s < gs; s++) {
                        int xPlane = (ci * b + s0 + s) * inHW;
                        for (int ho = 0; ho < outH; ho++) {
                            int hi = ho + i - padH;
                            if (hi < 0 || hi >= inH) {
                                continue;
                            }
                            int src = row + (s * outH + ho) * outW;
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
    LayerSpec spec(float[] params) {
        float[] w = Arrays.copyOfRange(params, paramOffset, paramOffset + kernelCount());
        float[] bias = Arrays.copyOfRange(params, paramOffset + kernelCount(), paramOffset + paramCount());
        return new LayerSpec.Conv(oneDimensional, inC, outC, kh, kw, padH, padW, relu, w, bias);
    }
}
