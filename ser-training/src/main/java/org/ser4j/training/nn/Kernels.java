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
}
