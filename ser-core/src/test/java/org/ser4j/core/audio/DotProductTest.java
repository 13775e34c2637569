package org.ser4j.core.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both resampler kernels against a double-precision reference, and against each other. */
class DotProductTest {

    @Test
    void theSimdKernelIsChosenWhenTheVectorModuleIsPresent() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertEquals(present ? "VectorDotProduct" : "Scalar", DotProduct.best().getClass().getSimpleName());
    }

    @Test
    void kernelsMatchADoublePrecisionReference() {
        Random r = new Random(3);
        float[] x = new float[600];
        float[] h = new float[600];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
            h[i] = (float) r.nextGaussian();
        }
        for (DotProduct d : new DotProduct[] {new DotProduct.Scalar(), DotProduct.best()}) {
            for (int n = 0; n <= 150; n++) {
                int xi = r.nextInt(300);
                int hi = r.nextInt(300);
                double ref = 0;
                double mag = 0;
                for (int j = 0; j < n; j++) {
                    ref += (double) x[xi + j] * h[hi + j];
                    mag += Math.abs((double) x[xi + j] * h[hi + j]);
                }
                assertEquals(ref, d.dot(x, xi, h, hi, n), 1e-6 * (1 + mag), d.getClass().getSimpleName() + " n=" + n);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"48000,16000", "44100,16000", "22050,16000", "8000,16000", "44100,16001"})
    void resamplingWithEitherKernelAgrees(int source, int target) {
        Random r = new Random(source);
        float[] x = new float[source / 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * r.nextGaussian());
        }
        float[] a = Resampler.resample(x, source, target, new DotProduct.Scalar());
        float[] b = Resampler.resample(x, source, target, DotProduct.best());
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 2e-6f, "sample " + i);
        }
    }
}
