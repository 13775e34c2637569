package org.ser4j.training.nn;

/**
 * Plain-Java kernels: the fallback when {@code jdk.incubator.vector} is not available, and the
 * reference the vector kernels are tested against.
 */
final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            }
            int ai = aOff + i * aRs;
            for (int p = 0; p < k; p++) {
                float aip = a[ai + p * aCs];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    @Override
    public void gemmABt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                int p = 0;
                for (; p + 3 < k; p += 4) {
                    s0 += a[ai + p] * b[bj + p];
                    s1 += a[ai + p + 1] * b[bj + p + 1];
                    s2 += a[ai + p + 2] * b[bj + p + 2];
                    s3 += a[ai + p + 3] * b[bj + p + 3];
                }
                for (; p < k; p++) {
                    s0 += a[ai + p] * b[bj + p];
                }
                float s = (s0 + s1) + (s2 + s3);
                int idx = cOff + i * ldc + j;
                c[idx] = accumulate ? c[idx] + s : s;
            }
        }
    }

    @Override
    public void convSingleChannel(float[] x, int xOff, int inW, float[] w, int wOff, int cout, int kh, int kw,
            float[] bias, int biasOff, boolean relu, float[] y, int yOff, int yStride, int outH, int outW) {
        for (int co = 0; co < cout; co++) {
            float b = bias[biasOff + co];
            for (int ho = 0; ho < outH; ho++) {
                int yr = yOff + co * yStride + ho * outW;
                for (int wo = 0; wo < outW; wo++) {
                    float s = b;
                    for (int i = 0; i < kh; i++) {
                        int xr = xOff + (ho + i) * inW + wo;
                        int wr = wOff + (co * kh + i) * kw;
                        for (int j = 0; j < kw; j++) {
                            s += w[wr + j] * x[xr + j];
                        }
                    }
                    y[yr + wo] = relu && s <= 0f ? 0f : s;
                }
            }
        }
    }

    @Override
    public void convSingleChannelWeightGrad(float[] x, int xOff, int inW, float[] dz, int dzOff, int dzStride,
            int cout, int kh, int kw, int outH, int outW, float[] g, int gOff) {
        for (int co = 0; co < cout; co++) {
            for (int i = 0; i < kh; i++) {
                for (int j = 0; j < kw; j++) {
                    float s = 0f;
                    for (int ho = 0; ho < outH; ho++) {
                        int xr = xOff + (ho + i) * inW + j;
                        int dr = dzOff + co * dzStride + ho * outW;
                        for (int wo = 0; wo < outW; wo++) {
                            s += dz[dr + wo] * x[xr + wo];
                        }
                    }
                    g[gOff + (co * kh + i) * kw + j] += s;
                }
            }
        }
    }
}
