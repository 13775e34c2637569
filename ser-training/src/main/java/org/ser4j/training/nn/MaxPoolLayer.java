package org.ser4j.training.nn;

import java.util.Arrays;

/**
 * Max pooling with window = stride ({@code ph x pw}), output size floored as in Keras "valid"
 * pooling. Layout {@code [C][b][H][W]}. The backward pass routes each output gradient to the first
 * maximum of its window, recomputed from the stored input instead of keeping argmax indices.
 */
final class MaxPoolLayer extends Layer {
    private final boolean oneDimensional;
    private final int ph;
    private final int pw;

    MaxPoolLayer(boolean oneDimensional, int inC, int inH, int inW, int ph, int pw) {
        super(inC, inH, inW, inC, inH / ph, inW / pw);
        if (oneDimensional && (inH != 1 || ph != 1)) {
            throw new IllegalArgumentException("a 1D pooling needs H = 1 and pool height 1");
        }
        this.oneDimensional = oneDimensional;
        this.ph = ph;
        this.pw = pw;
    }

    @Override
    void forward(Kernels k, float[] p, float[] x, float[] y, int b, float[] scratch) {
        int planes = inC * b;
        int inHW = inH * inW;
        int outHW = outH * outW;
        for (int pl = 0; pl < planes; pl++) {
            int xp = pl * inHW;
            int yp = pl * outHW;
            for (int ho = 0; ho < outH; ho++) {
                for (int wo = 0; wo < outW; wo++) {
                    int base = xp + ho * ph * inW + wo * pw;
                    float m = x[base];
                    for (int i = 0; i < ph; i++) {
                        int r = base + i * inW;
                        for (int j = 0; j < pw; j++) {
                            float v = x[r + j];
                            if (v > m) {
                                m = v;
                            }
                        }
                    }
                    y[yp + ho * outW + wo] = m;
                }
            }
        }
    }

    @Override
    void backward(Kernels k, float[] p, float[] x, float[] y, float[] dy, float[] dx, float[] g, int b,
            float[] scratch) {
        if (dx == null) {
            return;
        }
        int planes = inC * b;
        int inHW = inH * inW;
        int outHW = outH * outW;
        Arrays.fill(dx, 0, planes * inHW, 0f);
        for (int pl = 0; pl < planes; pl++) {
            int xp = pl * inHW;
            int yp = pl * outHW;
            for (int ho = 0; ho < outH; ho++) {
                for (int wo = 0; wo < outW; wo++) {
                    int base = xp + ho * ph * inW + wo * pw;
                    int arg = base;
                    float m = x[base];
                    for (int i = 0; i < ph; i++) {
                        int r = base + i * inW;
                        for (int j = 0; j < pw; j++) {
                            if (x[r + j] > m) {
                                m = x[r + j];
                                arg = r + j;
                            }
                        }
                    }
                    dx[arg] += dy[yp + ho * outW + wo];
                }
            }
        }
    }

    @Override
    LayerSpec spec(float[] params) {
        return new LayerSpec.MaxPool(oneDimensional, ph, pw);
    }
}
