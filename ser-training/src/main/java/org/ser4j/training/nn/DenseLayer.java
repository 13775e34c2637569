package org.ser4j.training.nn;

import java.util.List;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fully connected layer {@code y = x W + b} with optional fused ReLU. Layout {@code [b][F]};
 * kernel {@code [in][out]} as in Keras.
 */
final class DenseLayer extends Layer {
    private final boolean relu;
    private final double l2;

    DenseLayer(int in, int out, boolean relu, double l2) {
        super(in, 1, 1, out, 1, 1);
        this.relu = relu;
        this.l2 = l2;
    }

    @Override
    String describe() {
        return "dense " + outC + (relu ? " + relu" : "") + " [" + inC + " -> " + outC + "]";
    }

    @Override
    long forwardFlops() {
        return 2L * inC * outC;
    }

    @Override
    int paramCount() {
        return inC * outC + outC;
    }

    @Override
    int kernelCount() {
        return inC * outC;
    }

    @Override
    double l2() {
        return l2;
    }

    @Override
    void init(float[] params, SplittableRandom random) {
        glorotUniform(params, paramOffset, kernelCount(), inC, outC, random);
        Arrays.fill(params, paramOffset + kernelCount(), paramOffset + paramCount(), 0f);
    }

    @Override
    void forward(Kernels k, float[] p, float[] x, float[] y, int b, float[] scratch) {
        int in = inC;
        int out = outC;
        k.gemm(b, out, in, x, 0, in, 1, p, paramOffset, out, y, 0, out, false);
        int biasOff = paramOffset + kernelCount();
        for (int s = 0; s < b; s++) {
            int r = s * out;
            for (int o = 0; o < out; o++) {
                float v = y[r + o] + p[biasOff + o];
                y[r + o] = relu && v <= 0f ? 0f : v;
            }
        }
    }

    @Override
    void backward(Kernels k, float[] p, float[] x, float[] y, float[] dy, float[] dx, float[] g, int b,
            float[] scratch) {
        int in = inC;
        int out = outC;
        if (relu) {
            for (int i = 0; i < b * out; i++) {
                if (y[i] <= 0f) {
                    dy[i] = 0f;
                }
            }
        }
        int biasOff = paramOffset + kernelCount();
        for (int s = 0; s < b; s++) {
            for (int o = 0; o < out; o++) {
                g[biasOff + o] += dy[s * out + o];
            }
        }
        // dW[in][out] += x^T[in][b] . dz[b][out]
        k.gemm(in, out, b, x, 0, 1, in, dy, 0, out, g, paramOffset, out, true);
        if (dx != null) {
            // dx[b][in] = dz[b][out] . W[in][out]^T
            k.gemmABt(b, in, out, dy, 0, out, p, paramOffset, out, dx, 0, in, false);
        }
    }

    @Override
    List<LayerSpec> specs(float[] params) {
        float[] w = Arrays.copyOfRange(params, paramOffset, paramOffset + kernelCount());
        float[] bias = Arrays.copyOfRange(params, paramOffset + kernelCount(), paramOffset + paramCount());
        return List.of(new LayerSpec.Dense(inC, outC, relu, w, bias));
    }
}
