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
}
