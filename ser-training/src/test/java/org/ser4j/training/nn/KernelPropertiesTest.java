package org.ser4j.training.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.ser4j.core.model.FeatureKind;
import org.junit.jupiter.api.Test;

/**
 * The active kernels (and the scalar ones) agree with a naive double-precision reference on
 * random shapes, strides and offsets; vector and scalar networks agree (skipped when the JVM runs
 * without {@code jdk.incubator.vector}); the scalar path can be forced.
 */
class KernelPropertiesTest {

    /** The active kernels (vector when the module is loaded, scalar otherwise). */
    private static final Kernels ACTIVE = KernelSelector.select();

    private static float[] random(int n, Random r) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Property(tries = 60)
    void gemmMatchesScalar(@ForAll @IntRange(min = 1, max = 13) int m, @ForAll @IntRange(min = 1, max = 110) int n,
            @ForAll @IntRange(min = 1, max = 600) int k, @ForAll boolean transposedA, @ForAll boolean accumulate,
            @ForAll @IntRange(min = 0, max = 5) int pad, @ForAll long seed) {
        Random r = new Random(seed);
        int aRs = transposedA ? 1 : k + pad;
        int aCs = transposedA ? m + pad : 1;
        float[] a = random(pad + m * k + (m + k) * pad + 1, r);
        int ldb = n + pad;
        float[] b = random(pad + k * ldb, r);
        int ldc = n + pad;
        float[] c0 = random(pad + m * ldc, r);
        double[] expected = new double[c0.length];
        for (int e = 0; e < c0.length; e++) {
            expected[e] = c0[e];
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0[pad + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[pad + i * aRs + p * aCs] * b[pad + p * ldb + j];
                }
                expected[pad + i * ldc + j] = s;
            }
        }
        for (Kernels kernels : new Kernels[] {ScalarKernels.INSTANCE, ACTIVE}) {
            float[] c = c0.clone();
            kernels.gemm(m, n, k, a, pad, aRs, aCs, b, pad, ldb, c, pad, ldc, accumulate);
            for (int i = 0; i < c.length; i++) {
                assertEquals(expected[i], c[i], 1e-5 * Math.sqrt(k) * (1 + Math.abs(expected[i])),
                        kernels.name() + " element " + i);
            }
        }
    }

    @Property(tries = 60)
    void gemmABtMatchesScalar(@ForAll @IntRange(min = 1, max = 11) int m, @ForAll @IntRange(min = 1, max = 11) int n,
            @ForAll @IntRange(min = 1, max = 9000) int k, @ForAll boolean accumulate,
            @ForAll @IntRange(min = 0, max = 5) int pad, @ForAll long seed) {
        Random r = new Random(seed);
        int lda = k + pad;
        int ldb = k + pad;
        float[] a = random(pad + m * lda, r);
        float[] b = random(pad + n * ldb, r);
        int ldc = n + pad;
        float[] c0 = random(pad + m * ldc, r);
        double[] expected = new double[c0.length];
        for (int e = 0; e < c0.length; e++) {
            expected[e] = c0[e];
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c0[pad + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[pad + i * lda + p] * b[pad + j * ldb + p];
                }
                expected[pad + i * ldc + j] = s;
            }
        }
        for (Kernels kernels : new Kernels[] {ScalarKernels.INSTANCE, ACTIVE}) {
            float[] c = c0.clone();
            kernels.gemmABt(m, n, k, a, pad, lda, b, pad, ldb, c, pad, ldc, accumulate);
            for (int i = 0; i < c.length; i++) {
                assertEquals(expected[i], c[i], 1e-5 * Math.sqrt(k) * (1 + Math.abs(expected[i])),
                        kernels.name() + " element " + i);
            }
        }
    }

    @Property(tries = 40)
    void singleChannelConvolutionMatchesReference(@ForAll @IntRange(min = 1, max = 5) int cout,
            @ForAll @IntRange(min = 1, max = 4) int kh, @ForAll @IntRange(min = 1, max = 7) int kw,
            @ForAll @IntRange(min = 0, max = 5) int extraH, @ForAll @IntRange(min = 0, max = 70) int extraW,
            @ForAll boolean relu, @ForAll long seed) {
        Random r = new Random(seed);
        int outH = extraH + 1;
        int outW = extraW + 1;
        int inH = outH + kh - 1;
        int inW = outW + kw - 1;
        int off = 3;
        float[] x = random(off + inH * inW, r);
        float[] w = random(off + cout * kh * kw, r);
        float[] bias = random(off + cout, r);
        float[] dz = random(off + cout * outH * outW, r);
        for (Kernels kernels : new Kernels[] {ScalarKernels.INSTANCE, ACTIVE}) {
            float[] y = new float[off + cout * outH * outW];
            kernels.convSingleChannel(x, off, inW, w, off, cout, kh, kw, bias, off, relu, y, off, outH * outW, outH, outW);
            float[] g = new float[off + cout * kh * kw];
            kernels.convSingleChannelWeightGrad(x, off, inW, dz, off, outH * outW, cout, kh, kw, outH, outW, g, off);
            for (int co = 0; co < cout; co++) {
                for (int ho = 0; ho < outH; ho++) {
                    for (int wo = 0; wo < outW; wo++) {
                        double s = bias[off + co];
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                s += (double) w[off + (co * kh + i) * kw + j] * x[off + (ho + i) * inW + wo + j];
                            }
                        }
                        double e = relu ? Math.max(0, s) : s;
                        assertEquals(e, y[off + co * outH * outW + ho * outW + wo], 1e-4 * (1 + Math.abs(e)),
                                kernels.name() + " output");
                    }
                }
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        double s = 0;
                        for (int ho = 0; ho < outH; ho++) {
                            for (int wo = 0; wo < outW; wo++) {
                                s += (double) dz[off + co * outH * outW + ho * outW + wo] * x[off + (ho + i) * inW + wo + j];
                            }
                        }
                        assertEquals(s, g[off + (co * kh + i) * kw + j], 1e-4 * Math.sqrt(outH * outW) * (1 + Math.abs(s)),
                                kernels.name() + " weight gradient");
                    }
                }
            }
        }
    }

    @Test
    void vectorAndScalarNetworksAgreeOnBothArchitectures() {
        Kernels v = KernelSelector.vectorKernels();
        org.junit.jupiter.api.Assumptions.assumeTrue(v != null, "jdk.incubator.vector not loaded");
        for (FeatureKind kind : FeatureKind.values()) {
            try (SequentialNetwork scalar = Architectures.builder(kind, 1).build(9, 1, 4, ScalarKernels.INSTANCE);
                    SequentialNetwork vector = Architectures.builder(kind, 1).build(9, 2, 4, v)) {
                float[] x = NetworkGradientPropertiesTest.randomInputs(3, scalar.inputLength(), 1);
                int[] labels = {0, 4, 5};
                float[] g1 = new float[(int) scalar.parameterCount()];
                float[] g2 = new float[g1.length];
                double l1 = scalar.lossAndGradient(x, labels, 3, g1);
                double l2 = vector.lossAndGradient(x, labels, 3, g2);
                assertEquals(l1, l2, 1e-4 * Math.abs(l1));
                double maxG = 0;
                for (float g : g1) {
                    maxG = Math.max(maxG, Math.abs(g));
                }
                for (int i = 0; i < g1.length; i++) {
                    assertEquals(g1[i], g2[i], 1e-3 * maxG, kind + " gradient " + i);
                }
            }
        }
    }

    @Test
    void scalarPathCanBeForced() {
        String old = System.getProperty(KernelSelector.PROPERTY);
        System.setProperty(KernelSelector.PROPERTY, "scalar");
        try {
            assertSame(ScalarKernels.INSTANCE, KernelSelector.select());
        } finally {
            if (old == null) {
                System.clearProperty(KernelSelector.PROPERTY);
            } else {
                System.setProperty(KernelSelector.PROPERTY, old);
            }
        }
    }

    @Test
    void selectorUsesVectorKernelsExactlyWhenTheModuleIsLoaded() {
        boolean loaded = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        Kernels k = KernelSelector.select();
        assertEquals(loaded && !"scalar".equals(System.getProperty(KernelSelector.PROPERTY)),
                k != ScalarKernels.INSTANCE, "selected " + k.name());
    }
}
