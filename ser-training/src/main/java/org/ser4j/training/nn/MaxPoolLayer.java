package org.ser4j.training.nn;

import java.util.List;

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

    @Override
    String describe() {
        return "maxpool " + (oneDimensional ? "" + pw : ph + "x" + pw) + " [" + inC + "x" + inH + "x" + inW + "]";
    }

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
        if (pw == 2 && (ph == 1 || ph == 2)) {
            forwardPairs(x, y, inC * b);
            return;
        }
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

    /** Specialised 1x2 / 2x2 pooling (the only windows the reference models use). */
    private void forwardPairs(float[] x, float[] y, int planes) {
        int inHW = inH * inW;
        int outHW = outH * outW;
        for (int pl = 0; pl < planes; pl++) {
            for (int ho = 0; ho < outH; ho++) {
                int r0 = pl * inHW + ho * ph * inW;
                int r1 = ph == 2 ? r0 + inW : r0;
                int yo = pl * outHW + ho * outW;
                for (int wo = 0; wo < outW; wo++) {
                    int c = 2 * wo;
                    float a = x[r0 + c];
                    float v = x[r0 + c + 1];
                    float m = v > a ? v : a;
                    float e = x[r1 + c];
                    float f = x[r1 + c + 1];
                    float n = f > e ? f : e;
                    y[yo + wo] = n > m ? n : m;
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
        if (pw == 2 && (ph == 1 || ph == 2)) {
            for (int pl = 0; pl < planes; pl++) {
                for (int ho = 0; ho < outH; ho++) {
                    int r0 = pl * inHW + ho * ph * inW;
                    int r1 = ph == 2 ? r0 + inW : r0;
                    int yo = pl * outHW + ho * outW;
                    for (int wo = 0; wo < outW; wo++) {
                        // first maximum in row-major window order, as in the generic path
                        int c = 2 * wo;
                        int arg = r0 + c;
                        float m = x[arg];
                        if (x[r0 + c + 1] > m) {
                            arg = r0 + c + 1;
                            m = x[arg];
                        }
                        if (x[r1 + c] > m) {
                            arg = r1 + c;
                            m = x[arg];
                        }
                        if (x[r1 + c + 1] > m) {
                            arg = r1 + c + 1;
                        }
                        dx[arg] += dy[yo + wo];
                    }
                }
            }
            return;
        }
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
    List<LayerSpec> specs(float[] params) {
        return List.of(new LayerSpec.MaxPool(oneDimensional, ph, pw));
    }
}
