package org.ser4j.training.nn;

/**
 * The numerical kernels the layers are built on: two dense matrix products with explicit strides.
 * Implementations are stateless and thread-safe; {@link KernelSelector} picks the fastest one the
 * running JVM supports.
 */
interface Kernels {
    /** Short name for logs ({@code "vector"} or {@code "scalar"}). */
    String name();

    /**
     * {@code C[i][j] (+)= sum_p A(i,p) * B[p][j]} for {@code i < m, j < n, p < k}, where
     * {@code A(i,p) = a[aOff + i*aRs + p*aCs]} (so A or its transpose can be read in place),
     * {@code B[p][j] = b[bOff + p*ldb + j]} and {@code C[i][j] = c[cOff + i*ldc + j]}.
     *
     * @param accumulate add to C when true, overwrite C when false
     */
    void gemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * {@code C[i][j] (+)= sum_p A[i][p] * B[j][p]}: the product with B transposed, as row dot
     * products. {@code A[i][p] = a[aOff + i*lda + p]}, {@code B[j][p] = b[bOff + j*ldb + p]}.
     *
     * @param accumulate add to C when true, overwrite C when false
     */
    void gemmABt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate);

    /**
     * Direct "valid" convolution of one single-channel plane (the first layer of both models,
     * where im2col would only copy the input {@code kh*kw} times):
     * {@code y[yOff + co*yStride + ho*outW + wo] = act(bias[co] + sum_{i,j} w[co][i][j] * x[xOff + (ho+i)*inW + wo+j])},
     * with {@code w[co][i][j] = w[wOff + (co*kh + i)*kw + j]} and act = ReLU or identity.
     */
    void convSingleChannel(float[] x, int xOff, int inW, float[] w, int wOff, int cout, int kh, int kw,
            float[] bias, int biasOff, boolean relu, float[] y, int yOff, int yStride, int outH, int outW);

    /**
     * Weight gradient of {@link #convSingleChannel}:
     * {@code g[gOff + (co*kh + i)*kw + j] += sum_{ho,wo} dz[dzOff + co*dzStride + ho*outW + wo] * x[xOff + (ho+i)*inW + wo+j]}.
     */
    void convSingleChannelWeightGrad(float[] x, int xOff, int inW, float[] dz, int dzOff, int dzStride, int cout,
            int kh, int kw, int outH, int outW, float[] g, int gOff);
}
