package org.ser4j.core.audio;

import org.ser4j.core.simd.SimdSupport;

/**
 * The resampler's inner kernel: a dot product of two float ranges. Two implementations: plain
 * Java ({@link Scalar}) and, when the JVM runs with {@code --add-modules jdk.incubator.vector},
 * a SIMD one ({@code VectorDotProduct}, loaded reflectively so that this class works without the
 * module). Implementations are stateless and thread-safe.
 */
interface DotProduct {

    /** {@code sum_{j < n} x[xi + j] * h[hi + j]}. */
    float dot(float[] x, int xi, float[] h, int hi, int n);

    /** The fastest implementation available in this JVM. */
    static DotProduct best() {
        return Holder.BEST;
    }

    /** Plain Java with four partial sums (independent additions the CPU can overlap). */
    final class Scalar implements DotProduct {
        @Override
        public float dot(float[] x, int xi, float[] h, int hi, int n) {
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int j = 0;
            for (; j + 3 < n; j += 4) {
                s0 += x[xi + j] * h[hi + j];
                s1 += x[xi + j + 1] * h[hi + j + 1];
                s2 += x[xi + j + 2] * h[hi + j + 2];
                s3 += x[xi + j + 3] * h[hi + j + 3];
            }
            for (; j < n; j++) {
                s0 += x[xi + j] * h[hi + j];
            }
            return (s0 + s1) + (s2 + s3);
        }
    }

    /** Lazy, once-only choice of the implementation. */
    final class Holder {
        static final DotProduct BEST = choose();

        private Holder() {
        }

        private static DotProduct choose() {
            DotProduct vector = SimdSupport.load(DotProduct.class, "org.ser4j.core.audio.VectorDotProduct", new Class<?>[0]);
            return vector != null ? vector : new Scalar();
        }
    }
}
