package org.ser4j.training.nn;

import java.util.List;

/**
 * Flattens {@code [C][b][H][W]} (chunk layout of the convolutional part) to {@code [b][C*H*W]}
 * with features in {@code (c, h, w)} order, matching ONNX Flatten on NCHW.
 */
final class FlattenLayer extends Layer {
    @Override
    String describe() {
        return "flatten [" + inC + "x" + inH + "x" + inW + " -> " + outSize() + "]";
    }

    FlattenLayer(int inC, int inH, int inW) {
        super(inC, inH, inW, inC * inH * inW, 1, 1);
    }

    @Override
    void forward(Kernels k, float[] p, float[] x, float[] y, int b, float[] scratch) {
        int hw = inH * inW;
        int f = inSize();
        for (int c = 0; c < inC; c++) {
            for (int s = 0; s < b; s++) {
                System.arraycopy(x, (c * b + s) * hw, y, s * f + c * hw, hw);
            }
        }
    }

    @Override
    void backward(Kernels k, float[] p, float[] x, float[] y, float[] dy, float[] dx, float[] g, int b,
            float[] scratch) {
        if (dx == null) {
            return;
        }
        int hw = inH * inW;
        int f = inSize();
        for (int c = 0; c < inC; c++) {
            for (int s = 0; s < b; s++) {
                System.arraycopy(dy, s * f + c * hw, dx, (c * b + s) * hw, hw);
            }
        }
    }

    @Override
    List<LayerSpec> specs(float[] params) {
        return List.of(new LayerSpec.Flatten());
    }
}
