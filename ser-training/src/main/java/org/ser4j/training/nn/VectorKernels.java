package org.ser4j.training.nn;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the JDK Vector API ({@code jdk.incubator.vector}, preferred species). Only loaded
 * reflectively by {@link KernelSelector} when the module is present.
 *
 * <p>{@link #gemm} packs an L2-sized chunk of B panels (each at most {@value #GEMM_KC} rows by 2 or
 * 3 vectors) into a contiguous buffer and sweeps each 8-row slice of A over all panels of the chunk,
 * keeping the 8x3 (or 8x2) tile of C in registers; 4-row and 1-row tiles handle the rest (and all of
 * it below AVX-512, which lacks the registers). {@link #gemmABt} transposes B and uses {@link #gemm} when the dot products are
 * short, and otherwise computes 4x4 blocks of dot products with vector accumulators.
 * The single-channel direct convolution and its weight gradient work row by row on zero-padded
 * rows, four output channels per input load.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int GEMM_KC = 192;
    /** 8-row tiles (24 accumulators) need the 32 registers of AVX-512. */
    private static final boolean WIDE_TILES = S.vectorBitSize() >= 512;
    /** Floats of packed B panels per chunk (256 KiB: stays in L2 next to the A slices). */
    private static final int PANEL_FLOATS = 1 << 16;
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(
            () -> new float[Math.max(PANEL_FLOATS, GEMM_KC * 3 * L) + GEMM_KC * 3 * L]);
    private static final int DOT_KC = 8192;
    /** Longest dot product for which {@link #gemmABt} transposes B and runs {@link #gemm} instead. */
    private static final int TRANSPOSE_MAX_K = 1024;
    private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[0]);

    /** Public no-arg constructor for reflective loading. */
    public VectorKernels() {
    }

    @Override
    public String name() {
        return "vector(" + S.vectorBitSize() + "-bit)";
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        // panels of equal depth at most GEMM_KC, so that no thin last panel reloads all of C
        int panels = (k + GEMM_KC - 1) / GEMM_KC;
        int depth = (k + panels - 1) / panels;
        for (int p0 = 0; p0 < k; p0 += depth) {
            int kc = Math.min(depth, k - p0);
            // the first panel overwrites C unless accumulating, so C is never cleared separately
            boolean zero = p0 == 0 && !accumulate;
            int j = 0;
            // 3-vector column blocks, but end on 2-vector blocks rather than a lone 1-vector strip
            int wide = n / (3 * L);
            if (WIDE_TILES && wide > 0 && n - wide * 3 * L == L) {
                wide--;
            }
            int wideEnd = wide * 3 * L;
            if (WIDE_TILES && m >= 8) {
                // GotoBLAS order: pack a chunk of B panels (kc x up to PANEL_FLOATS/kc columns, L2-sized)
                // once, then sweep every 8-row slice of A over all panels of the chunk, so that the slice
                // stays in L1 and A is streamed once per chunk rather than once per 3-vector panel. Each
                // element of C still sees the same FMA sequence, so the result does not depend on the order.
                float[] panel = PANEL.get();
                int chunkCols = Math.max(3 * L, PANEL_FLOATS / kc / (3 * L) * (3 * L));
                for (int j0 = 0; j0 < wideEnd; j0 += chunkCols) {
                    int j1 = Math.min(wideEnd, j0 + chunkCols);
                    int blocks = (j1 - j0) / (3 * L);
                    for (int q = 0; q < blocks; q++) {
                        int pb = q * kc * 3 * L;
                        int jj = j0 + q * 3 * L;
                        for (int p = 0; p < kc; p++) {
                            System.arraycopy(b, bOff + (p0 + p) * ldb + jj, panel, pb + p * 3 * L, 3 * L);
                        }
                    }
                    int i = 0;
                    for (; i + 8 <= m; i += 8) {
                        int ai = aOff + i * aRs + p0 * aCs;
                        for (int q = 0; q < blocks; q++) {
                            tile8x3(a, ai, aRs, aCs, kc, panel, q * kc * 3 * L, c, cOff + i * ldc + j0 + q * 3 * L, ldc,
                                    zero);
                        }
                    }
                    for (int jj = j0; jj < j1; jj += 3 * L) {
                        int r = i;
                        for (; r + 4 <= m; r += 4) {
                            tile4x3(r, jj, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                        }
                        for (; r < m; r++) {
                            tile1x3(r, jj, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                        }
                    }
                }
                j = wideEnd;
                int twoEnd = j + (n - j) / (2 * L) * (2 * L);
                int chunk2 = Math.max(2 * L, PANEL_FLOATS / kc / (2 * L) * (2 * L));
                for (int j0 = j; j0 < twoEnd; j0 += chunk2) {
                    int j1 = Math.min(twoEnd, j0 + chunk2);
                    int blocks = (j1 - j0) / (2 * L);
                    for (int q = 0; q < blocks; q++) {
                        int pb = q * kc * 2 * L;
                        int jj = j0 + q * 2 * L;
                        for (int p = 0; p < kc; p++) {
                            System.arraycopy(b, bOff + (p0 + p) * ldb + jj, panel, pb + p * 2 * L, 2 * L);
                        }
                    }
                    int i = 0;
                    for (; i + 8 <= m; i += 8) {
                        int ai = aOff + i * aRs + p0 * aCs;
                        for (int q = 0; q < blocks; q++) {
                            tile8x2(a, ai, aRs, aCs, kc, panel, q * kc * 2 * L, c, cOff + i * ldc + j0 + q * 2 * L, ldc,
                                    zero);
                        }
                    }
                    for (; i < m; i++) {
                        for (int jj = j0; jj < j1; jj += 2 * L) {
                            tile1x1(i, jj, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                            tile1x1(i, jj + L, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                        }
                    }
                }
                j = twoEnd;
            } else {
                for (; j < wideEnd; j += 3 * L) {
                    int i = 0;
                    for (; i + 4 <= m; i += 4) {
                        tile4x3(i, j, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                    }
                    for (; i < m; i++) {
                        tile1x3(i, j, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                    }
                }
            }
            for (; j + L <= n; j += L) {
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    tile4x1(i, j, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                }
                for (; i < m; i++) {
                    tile1x1(i, j, p0, kc, a, aOff, aRs, aCs, b, bOff, ldb, c, cOff, ldc, zero);
                }
            }
            if (j < n) {
                for (int i = 0; i < m; i++) {
                    int ci = cOff + i * ldc;
                    if (zero) {
                        Arrays.fill(c, ci + j, ci + n, 0f);
                    }
                    int ai = aOff + i * aRs + p0 * aCs;
                    for (int p = 0; p < kc; p++) {
                        float av = a[ai + p * aCs];
                        int bp = bOff + (p0 + p) * ldb;
                        for (int jj = j; jj < n; jj++) {
                            c[ci + jj] += av * b[bp + jj];
                        }
                    }
                }
            }
        }
    }

    private static void tile8x3(float[] a, int ai, int aRs, int aCs, int kc, float[] panel, int bp0, float[] c, int c0,
            int ldc, boolean zero) {
        FloatVector r00 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0);
        FloatVector r01 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + L);
        FloatVector r02 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector r10 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + ldc);
        FloatVector r11 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + ldc + L);
        FloatVector r12 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + ldc + 2 * L);
        FloatVector r20 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * ldc);
        FloatVector r21 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * ldc + L);
        FloatVector r22 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * ldc + 2 * L);
        FloatVector r30 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 3 * ldc);
        FloatVector r31 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 3 * ldc + L);
        FloatVector r32 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 3 * ldc + 2 * L);
        FloatVector r40 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 4 * ldc);
        FloatVector r41 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 4 * ldc + L);
        FloatVector r42 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 4 * ldc + 2 * L);
        FloatVector r50 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 5 * ldc);
        FloatVector r51 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 5 * ldc + L);
        FloatVector r52 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 5 * ldc + 2 * L);
        FloatVector r60 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 6 * ldc);
        FloatVector r61 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 6 * ldc + L);
        FloatVector r62 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 6 * ldc + 2 * L);
        FloatVector r70 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 7 * ldc);
        FloatVector r71 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 7 * ldc + L);
        FloatVector r72 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 7 * ldc + 2 * L);
        int bp = bp0;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, panel, bp + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            r00 = b0.fma(x, r00);
            r01 = b1.fma(x, r01);
            r02 = b2.fma(x, r02);
            x = FloatVector.broadcast(S, a[ai + aRs]);
            r10 = b0.fma(x, r10);
            r11 = b1.fma(x, r11);
            r12 = b2.fma(x, r12);
            x = FloatVector.broadcast(S, a[ai + 2 * aRs]);
            r20 = b0.fma(x, r20);
            r21 = b1.fma(x, r21);
            r22 = b2.fma(x, r22);
            x = FloatVector.broadcast(S, a[ai + 3 * aRs]);
            r30 = b0.fma(x, r30);
            r31 = b1.fma(x, r31);
            r32 = b2.fma(x, r32);
            x = FloatVector.broadcast(S, a[ai + 4 * aRs]);
            r40 = b0.fma(x, r40);
            r41 = b1.fma(x, r41);
            r42 = b2.fma(x, r42);
            x = FloatVector.broadcast(S, a[ai + 5 * aRs]);
            r50 = b0.fma(x, r50);
            r51 = b1.fma(x, r51);
            r52 = b2.fma(x, r52);
            x = FloatVector.broadcast(S, a[ai + 6 * aRs]);
            r60 = b0.fma(x, r60);
            r61 = b1.fma(x, r61);
            r62 = b2.fma(x, r62);
            x = FloatVector.broadcast(S, a[ai + 7 * aRs]);
            r70 = b0.fma(x, r70);
            r71 = b1.fma(x, r71);
            r72 = b2.fma(x, r72);
            ai += aCs;
            bp += 3 * L;
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r02.intoArray(c, c0 + 2 * L);
        r10.intoArray(c, c0 + ldc);
        r11.intoArray(c, c0 + ldc + L);
        r12.intoArray(c, c0 + ldc + 2 * L);
        r20.intoArray(c, c0 + 2 * ldc);
        r21.intoArray(c, c0 + 2 * ldc + L);
        r22.intoArray(c, c0 + 2 * ldc + 2 * L);
        r30.intoArray(c, c0 + 3 * ldc);
        r31.intoArray(c, c0 + 3 * ldc + L);
        r32.intoArray(c, c0 + 3 * ldc + 2 * L);
        r40.intoArray(c, c0 + 4 * ldc);
        r41.intoArray(c, c0 + 4 * ldc + L);
        r42.intoArray(c, c0 + 4 * ldc + 2 * L);
        r50.intoArray(c, c0 + 5 * ldc);
        r51.intoArray(c, c0 + 5 * ldc + L);
        r52.intoArray(c, c0 + 5 * ldc + 2 * L);
        r60.intoArray(c, c0 + 6 * ldc);
        r61.intoArray(c, c0 + 6 * ldc + L);
        r62.intoArray(c, c0 + 6 * ldc + 2 * L);
        r70.intoArray(c, c0 + 7 * ldc);
        r71.intoArray(c, c0 + 7 * ldc + L);
        r72.intoArray(c, c0 + 7 * ldc + 2 * L);
    }

    private static void tile8x2(float[] a, int ai, int aRs, int aCs, int kc, float[] panel, int bp0, float[] c, int c0,
            int ldc, boolean zero) {
        FloatVector r00 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0);
        FloatVector r01 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + L);
        FloatVector r10 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + ldc);
        FloatVector r11 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + ldc + L);
        FloatVector r20 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * ldc);
        FloatVector r21 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * ldc + L);
        FloatVector r30 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 3 * ldc);
        FloatVector r31 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 3 * ldc + L);
        FloatVector r40 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 4 * ldc);
        FloatVector r41 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 4 * ldc + L);
        FloatVector r50 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 5 * ldc);
        FloatVector r51 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 5 * ldc + L);
        FloatVector r60 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 6 * ldc);
        FloatVector r61 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 6 * ldc + L);
        FloatVector r70 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 7 * ldc);
        FloatVector r71 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 7 * ldc + L);
        int bp = bp0;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, panel, bp);
            FloatVector b1 = FloatVector.fromArray(S, panel, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            r00 = b0.fma(x, r00);
            r01 = b1.fma(x, r01);
            x = FloatVector.broadcast(S, a[ai + aRs]);
            r10 = b0.fma(x, r10);
            r11 = b1.fma(x, r11);
            x = FloatVector.broadcast(S, a[ai + 2 * aRs]);
            r20 = b0.fma(x, r20);
            r21 = b1.fma(x, r21);
            x = FloatVector.broadcast(S, a[ai + 3 * aRs]);
            r30 = b0.fma(x, r30);
            r31 = b1.fma(x, r31);
            x = FloatVector.broadcast(S, a[ai + 4 * aRs]);
            r40 = b0.fma(x, r40);
            r41 = b1.fma(x, r41);
            x = FloatVector.broadcast(S, a[ai + 5 * aRs]);
            r50 = b0.fma(x, r50);
            r51 = b1.fma(x, r51);
            x = FloatVector.broadcast(S, a[ai + 6 * aRs]);
            r60 = b0.fma(x, r60);
            r61 = b1.fma(x, r61);
            x = FloatVector.broadcast(S, a[ai + 7 * aRs]);
            r70 = b0.fma(x, r70);
            r71 = b1.fma(x, r71);
            ai += aCs;
            bp += 2 * L;
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r10.intoArray(c, c0 + ldc);
        r11.intoArray(c, c0 + ldc + L);
        r20.intoArray(c, c0 + 2 * ldc);
        r21.intoArray(c, c0 + 2 * ldc + L);
        r30.intoArray(c, c0 + 3 * ldc);
        r31.intoArray(c, c0 + 3 * ldc + L);
        r40.intoArray(c, c0 + 4 * ldc);
        r41.intoArray(c, c0 + 4 * ldc + L);
        r50.intoArray(c, c0 + 5 * ldc);
        r51.intoArray(c, c0 + 5 * ldc + L);
        r60.intoArray(c, c0 + 6 * ldc);
        r61.intoArray(c, c0 + 6 * ldc + L);
        r70.intoArray(c, c0 + 7 * ldc);
        r71.intoArray(c, c0 + 7 * ldc + L);
    }

    private static void tile4x3(int i, int j, int p0, int kc, float[] a, int aOff, int aRs, int aCs, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc, boolean zero) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector r00 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0);
        FloatVector r01 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + L);
        FloatVector r02 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * L);
        FloatVector r10 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c1);
        FloatVector r11 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c1 + L);
        FloatVector r12 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c1 + 2 * L);
        FloatVector r20 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c2);
        FloatVector r21 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c2 + L);
        FloatVector r22 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c2 + 2 * L);
        FloatVector r30 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c3);
        FloatVector r31 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c3 + L);
        FloatVector r32 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c3 + 2 * L);
        int ai = aOff + i * aRs + p0 * aCs;
        int bp = bOff + p0 * ldb + j;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            r00 = b0.fma(x, r00);
            r01 = b1.fma(x, r01);
            r02 = b2.fma(x, r02);
            x = FloatVector.broadcast(S, a[ai + aRs]);
            r10 = b0.fma(x, r10);
            r11 = b1.fma(x, r11);
            r12 = b2.fma(x, r12);
            x = FloatVector.broadcast(S, a[ai + 2 * aRs]);
            r20 = b0.fma(x, r20);
            r21 = b1.fma(x, r21);
            r22 = b2.fma(x, r22);
            x = FloatVector.broadcast(S, a[ai + 3 * aRs]);
            r30 = b0.fma(x, r30);
            r31 = b1.fma(x, r31);
            r32 = b2.fma(x, r32);
            ai += aCs;
            bp += ldb;
        }
        r00.intoArray(c, c0);
        r01.intoArray(c, c0 + L);
        r02.intoArray(c, c0 + 2 * L);
        r10.intoArray(c, c1);
        r11.intoArray(c, c1 + L);
        r12.intoArray(c, c1 + 2 * L);
        r20.intoArray(c, c2);
        r21.intoArray(c, c2 + L);
        r22.intoArray(c, c2 + 2 * L);
        r30.intoArray(c, c3);
        r31.intoArray(c, c3 + L);
        r32.intoArray(c, c3 + 2 * L);
    }

    private static void tile1x3(int i, int j, int p0, int kc, float[] a, int aOff, int aRs, int aCs, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc, boolean zero) {
        int c0 = cOff + i * ldc + j;
        FloatVector r0 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0);
        FloatVector r1 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + L);
        FloatVector r2 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0 + 2 * L);
        int ai = aOff + i * aRs + p0 * aCs;
        int bp = bOff + p0 * ldb + j;
        for (int p = 0; p < kc; p++) {
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            r0 = FloatVector.fromArray(S, b, bp).fma(x, r0);
            r1 = FloatVector.fromArray(S, b, bp + L).fma(x, r1);
            r2 = FloatVector.fromArray(S, b, bp + 2 * L).fma(x, r2);
            ai += aCs;
            bp += ldb;
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c0 + L);
        r2.intoArray(c, c0 + 2 * L);
    }

    private static void tile4x1(int i, int j, int p0, int kc, float[] a, int aOff, int aRs, int aCs, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc, boolean zero) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector r0 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0);
        FloatVector r1 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c1);
        FloatVector r2 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c2);
        FloatVector r3 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c3);
        int ai = aOff + i * aRs + p0 * aCs;
        int bp = bOff + p0 * ldb + j;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            r0 = b0.fma(FloatVector.broadcast(S, a[ai]), r0);
            r1 = b0.fma(FloatVector.broadcast(S, a[ai + aRs]), r1);
            r2 = b0.fma(FloatVector.broadcast(S, a[ai + 2 * aRs]), r2);
            r3 = b0.fma(FloatVector.broadcast(S, a[ai + 3 * aRs]), r3);
            ai += aCs;
            bp += ldb;
        }
        r0.intoArray(c, c0);
        r1.intoArray(c, c1);
        r2.intoArray(c, c2);
        r3.intoArray(c, c3);
    }

    private static void tile1x1(int i, int j, int p0, int kc, float[] a, int aOff, int aRs, int aCs, float[] b,
            int bOff, int ldb, float[] c, int cOff, int ldc, boolean zero) {
        int c0 = cOff + i * ldc + j;
        FloatVector r0 = zero ? FloatVector.zero(S) : FloatVector.fromArray(S, c, c0);
        int ai = aOff + i * aRs + p0 * aCs;
        int bp = bOff + p0 * ldb + j;
        for (int p = 0; p < kc; p++) {
            r0 = FloatVector.fromArray(S, b, bp).fma(FloatVector.broadcast(S, a[ai]), r0);
            ai += aCs;
            bp += ldb;
        }
        r0.intoArray(c, c0);
    }

    @Override
    public void gemmABt(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
            float[] c, int cOff, int ldc, boolean accumulate) {
        if (k <= TRANSPOSE_MAX_K && n >= 3 * L && m >= 4) {
            // short dot products would be dominated by lane reductions: transpose B and use gemm
            float[] bt = TRANSPOSED.get();
            if (bt.length < k * n) {
                bt = new float[k * n];
                TRANSPOSED.set(bt);
            }
            // blocks of 16 rows keep both the reads and the writes within a few cache lines
            for (int j0 = 0; j0 < n; j0 += 16) {
                int j1 = Math.min(n, j0 + 16);
                for (int p = 0; p < k; p++) {
                    int t = p * n;
                    for (int j = j0; j < j1; j++) {
                        bt[t + j] = b[bOff + j * ldb + p];
                    }
                }
            }
            gemm(m, n, k, a, aOff, lda, 1, bt, 0, n, c, cOff, ldc, accumulate);
            return;
        }
        if (!accumulate) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        }
        for (int p0 = 0; p0 < k; p0 += DOT_KC) {
            int kc = Math.min(DOT_KC, k - p0);
            // four rows of B stay in L1 while all rows of A stream past them (A is the smaller operand)
            int j = 0;
            int mainM = m / 4 * 4;
            for (; j + 4 <= n; j += 4) {
                for (int i = 0; i < mainM; i += 4) {
                    dot4x4(i, j, p0, kc, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
                }
            }
            for (int i = 0; i < m; i++) {
                int from = i < mainM ? j : 0;
                for (int jj = from; jj < n; jj++) {
                    c[cOff + i * ldc + jj] += dot(a, aOff + i * lda + p0, b, bOff + jj * ldb + p0, kc);
                }
            }
        }
    }

    private static float dot(float[] a, int ai, float[] b, int bj, int kc) {
        FloatVector acc = FloatVector.zero(S);
        int p = 0;
        int upper = S.loopBound(kc);
        for (; p < upper; p += L) {
            acc = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bj + p), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; p < kc; p++) {
            s += a[ai + p] * b[bj + p];
        }
        return s;
    }

    private static void dot4x4(int i, int j, int p0, int kc, float[] a, int aOff, int lda, float[] b, int bOff,
            int ldb, float[] c, int cOff, int ldc) {
        int a0 = aOff + i * lda + p0;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int b0 = bOff + j * ldb + p0;
        int b1 = b0 + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        FloatVector s00 = FloatVector.zero(S);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        FloatVector s20 = s00;
        FloatVector s21 = s00;
        FloatVector s22 = s00;
        FloatVector s23 = s00;
        FloatVector s30 = s00;
        FloatVector s31 = s00;
        FloatVector s32 = s00;
        FloatVector s33 = s00;
        int upper = S.loopBound(kc);
        int p = 0;
        for (; p < upper; p += L) {
            FloatVector y0 = FloatVector.fromArray(S, b, b0 + p);
            FloatVector y1 = FloatVector.fromArray(S, b, b1 + p);
            FloatVector y2 = FloatVector.fromArray(S, b, b2 + p);
            FloatVector y3 = FloatVector.fromArray(S, b, b3 + p);
            FloatVector x = FloatVector.fromArray(S, a, a0 + p);
            s00 = x.fma(y0, s00);
            s01 = x.fma(y1, s01);
            s02 = x.fma(y2, s02);
            s03 = x.fma(y3, s03);
            x = FloatVector.fromArray(S, a, a1 + p);
            s10 = x.fma(y0, s10);
            s11 = x.fma(y1, s11);
            s12 = x.fma(y2, s12);
            s13 = x.fma(y3, s13);
            x = FloatVector.fromArray(S, a, a2 + p);
            s20 = x.fma(y0, s20);
            s21 = x.fma(y1, s21);
            s22 = x.fma(y2, s22);
            s23 = x.fma(y3, s23);
            x = FloatVector.fromArray(S, a, a3 + p);
            s30 = x.fma(y0, s30);
            s31 = x.fma(y1, s31);
            s32 = x.fma(y2, s32);
            s33 = x.fma(y3, s33);
        }
        float[] t = new float[16];
        t[0] = s00.reduceLanes(VectorOperators.ADD);
        t[1] = s01.reduceLanes(VectorOperators.ADD);
        t[2] = s02.reduceLanes(VectorOperators.ADD);
        t[3] = s03.reduceLanes(VectorOperators.ADD);
        t[4] = s10.reduceLanes(VectorOperators.ADD);
        t[5] = s11.reduceLanes(VectorOperators.ADD);
        t[6] = s12.reduceLanes(VectorOperators.ADD);
        t[7] = s13.reduceLanes(VectorOperators.ADD);
        t[8] = s20.reduceLanes(VectorOperators.ADD);
        t[9] = s21.reduceLanes(VectorOperators.ADD);
        t[10] = s22.reduceLanes(VectorOperators.ADD);
        t[11] = s23.reduceLanes(VectorOperators.ADD);
        t[12] = s30.reduceLanes(VectorOperators.ADD);
        t[13] = s31.reduceLanes(VectorOperators.ADD);
        t[14] = s32.reduceLanes(VectorOperators.ADD);
        t[15] = s33.reduceLanes(VectorOperators.ADD);
        for (; p < kc; p++) {
            for (int r = 0; r < 4; r++) {
                float av = a[a0 + r * lda + p];
                for (int q = 0; q < 4; q++) {
                    t[r * 4 + q] += av * b[b0 + q * ldb + p];
                }
            }
        }
        for (int r = 0; r < 4; r++) {
            int ci = cOff + (i + r) * ldc + j;
            for (int q = 0; q < 4; q++) {
                c[ci + q] += t[r * 4 + q];
            }
        }
    }

    // The direct convolution kernels keep every vector loop a single loop whose only carried values
    // live in arrays: C2 (JDK 17) boxes vectors carried across nested loops, which is 10x slower.

    @Override
    public void convSingleChannel(float[] x, int xOff, int inW, float[] w, int wOff, int cout, int kh, int kw,
            float[] bias, int biasOff, boolean relu, float[] y, int yOff, int yStride, int outH, int outW) {
        // rows are computed over a width padded to whole vectors; the extra outputs read past the
        // row end (finite input values) and are dropped, except where that would leave the array
        int padded = (outW + L - 1) / L * L;
        int upper = S.loopBound(outW);
        int taps = kh * kw;
        float[] rows = new float[4 * padded];
        int[] tapOffset = new int[taps];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                tapOffset[i * kw + j] = i * inW + j;
            }
        }
        for (int co0 = 0; co0 < cout; co0 += 4) {
            int group = Math.min(4, cout - co0);
            for (int ho = 0; ho < outH; ho++) {
                boolean whole = xOff + (ho + kh - 1) * inW + kw - 1 + padded <= x.length;
                if (whole && group == 4) {
                    // four channels at once, the sums kept in registers across the taps: each input vector
                    // is loaded once for four FMAs and each output stored once (same FMA order as below)
                    int w0 = wOff + co0 * taps;
                    int xRow = xOff + ho * inW;
                    for (int t = 0; t < padded; t += L) {
                        FloatVector s0 = FloatVector.broadcast(S, bias[biasOff + co0]);
                        FloatVector s1 = FloatVector.broadcast(S, bias[biasOff + co0 + 1]);
                        FloatVector s2 = FloatVector.broadcast(S, bias[biasOff + co0 + 2]);
                        FloatVector s3 = FloatVector.broadcast(S, bias[biasOff + co0 + 3]);
                        // one flat loop over the taps: C2 keeps the sums in registers only across a single loop
                        for (int tap = 0; tap < taps; tap++) {
                            FloatVector xv = FloatVector.fromArray(S, x, xRow + tapOffset[tap] + t);
                            s0 = xv.fma(FloatVector.broadcast(S, w[w0 + tap]), s0);
                            s1 = xv.fma(FloatVector.broadcast(S, w[w0 + taps + tap]), s1);
                            s2 = xv.fma(FloatVector.broadcast(S, w[w0 + 2 * taps + tap]), s2);
                            s3 = xv.fma(FloatVector.broadcast(S, w[w0 + 3 * taps + tap]), s3);
                        }
                        s0.intoArray(rows, t);
                        s1.intoArray(rows, padded + t);
                        s2.intoArray(rows, 2 * padded + t);
                        s3.intoArray(rows, 3 * padded + t);
                    }
                } else {
                    for (int g = 0; g < group; g++) {
                        int co = co0 + g;
                        int wc = wOff + co * taps;
                        int r0 = g * padded;
                        Arrays.fill(rows, r0, r0 + padded, bias[biasOff + co]);
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                float wt = w[wc + i * kw + j];
                                int xr = xOff + (ho + i) * inW + j;
                                if (whole) {
                                    axpy(wt, x, xr, rows, r0, padded);
                                } else {
                                    axpy(wt, x, xr, rows, r0, upper);
                                    for (int wo = upper; wo < outW; wo++) {
                                        rows[r0 + wo] += wt * x[xr + wo];
                                    }
                                }
                            }
                        }
                    }
                }
                for (int g = 0; g < group; g++) {
                    int yr = yOff + (co0 + g) * yStride + ho * outW;
                    int r0 = g * padded;
                    if (relu) {
                        for (int wo = 0; wo < outW; wo++) {
                            y[yr + wo] = Math.max(rows[r0 + wo], 0f); // branch-free ReLU
                        }
                    } else {
                        System.arraycopy(rows, r0, y, yr, outW);
                    }
                }
            }
        }
    }

    /** {@code y[yr + t] += a * x[xr + t]} for {@code t < upper} (a multiple of the vector length). */
    private static void axpy(float a, float[] x, int xr, float[] y, int yr, int upper) {
        FloatVector av = FloatVector.broadcast(S, a);
        for (int t = 0; t < upper; t += L) {
            FloatVector.fromArray(S, x, xr + t).fma(av, FloatVector.fromArray(S, y, yr + t)).intoArray(y, yr + t);
        }
    }

    /** Returns {@code acc + sum_t a[ai + t] * b[bi + t]} for {@code t < upper} as lanes, not reduced. */
    private static FloatVector dotLanes(float[] a, int ai, float[] b, int bi, int upper, FloatVector acc) {
        FloatVector s = acc;
        for (int t = 0; t < upper; t += L) {
            s = FloatVector.fromArray(S, a, ai + t).fma(FloatVector.fromArray(S, b, bi + t), s);
        }
        return s;
    }

    @Override
    public void convSingleChannelWeightGrad(float[] x, int xOff, int inW, float[] dz, int dzOff, int dzStride,
            int cout, int kh, int kw, int outH, int outW, float[] g, int gOff) {
        // dz rows are copied into a zero-padded row so that whole vectors can run past the row end
        int padded = (outW + L - 1) / L * L;
        int upper = S.loopBound(outW);
        int taps = kh * kw;
        float[] lanes = new float[4 * taps * L];
        float[] tails = new float[4 * taps];
        float[] rows = new float[4 * padded];
        for (int co0 = 0; co0 < cout; co0 += 4) {
            int group = Math.min(4, cout - co0);
            Arrays.fill(lanes, 0f);
            Arrays.fill(tails, 0f);
            for (int ho = 0; ho < outH; ho++) {
                for (int c = 0; c < group; c++) {
                    System.arraycopy(dz, dzOff + (co0 + c) * dzStride + ho * outW, rows, c * padded, outW);
                }
                boolean whole = xOff + (ho + kh - 1) * inW + kw - 1 + padded <= x.length;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int t = i * kw + j;
                        int xr = xOff + (ho + i) * inW + j;
                        if (whole && group == 4) {
                            // four channels per input load, each with its own lanes in the same order as dotLanes
                            FloatVector s0 = FloatVector.fromArray(S, lanes, t * L);
                            FloatVector s1 = FloatVector.fromArray(S, lanes, (taps + t) * L);
                            FloatVector s2 = FloatVector.fromArray(S, lanes, (2 * taps + t) * L);
                            FloatVector s3 = FloatVector.fromArray(S, lanes, (3 * taps + t) * L);
                            for (int q = 0; q < padded; q += L) {
                                FloatVector xv = FloatVector.fromArray(S, x, xr + q);
                                s0 = FloatVector.fromArray(S, rows, q).fma(xv, s0);
                                s1 = FloatVector.fromArray(S, rows, padded + q).fma(xv, s1);
                                s2 = FloatVector.fromArray(S, rows, 2 * padded + q).fma(xv, s2);
                                s3 = FloatVector.fromArray(S, rows, 3 * padded + q).fma(xv, s3);
                            }
                            s0.intoArray(lanes, t * L);
                            s1.intoArray(lanes, (taps + t) * L);
                            s2.intoArray(lanes, (2 * taps + t) * L);
                            s3.intoArray(lanes, (3 * taps + t) * L);
                            continue;
                        }
                        for (int c = 0; c < group; c++) {
                            int lt = (c * taps + t) * L;
                            FloatVector acc = FloatVector.fromArray(S, lanes, lt);
                            if (whole) {
                                dotLanes(rows, c * padded, x, xr, padded, acc).intoArray(lanes, lt);
                            } else {
                                dotLanes(rows, c * padded, x, xr, upper, acc).intoArray(lanes, lt);
                                float tail = 0f;
                                for (int wo = upper; wo < outW; wo++) {
                                    tail += rows[c * padded + wo] * x[xr + wo];
                                }
                                tails[c * taps + t] += tail;
                            }
                        }
                    }
                }
            }
            for (int c = 0; c < group; c++) {
                for (int t = 0; t < taps; t++) {
                    g[gOff + (co0 + c) * taps + t] += FloatVector.fromArray(S, lanes, (c * taps + t) * L)
                            .reduceLanes(VectorOperators.ADD) + tails[c * taps + t];
                }
            }
        }
    }
}
