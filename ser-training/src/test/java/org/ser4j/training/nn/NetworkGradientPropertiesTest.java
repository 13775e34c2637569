package org.ser4j.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Whole-network checks: the gradient of mean softmax cross-entropy plus the L2 penalty against
 * finite differences, and invariance of the gradient to how a batch is cut into chunks and spread
 * over threads.
 */
class NetworkGradientPropertiesTest {

    static SequentialNetwork tiny(double l2, long seed, int threads, int chunk, Kernels kernels) {
        return SequentialNetwork.builder(null, 2, 5, 6)
                .conv2d(3, 3, 3, true, l2)
                .maxPool2d(2, 2)
                .conv2d(4, 1, 3, false, l2 / 2)
                .flatten()
                .dense(5, true, l2)
                .dense(4, false, l2 / 3)
                .build(seed, threads, chunk, kernels);
    }

    static float[] randomInputs(int n, int len, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * len];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static int[] randomLabels(int n, int classes, long seed) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(classes);
        }
        return y;
    }

    @Property(tries = 15)
    void softmaxCrossEntropyAndL2GradientMatchFiniteDifferences(@ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @DoubleRange(min = 0, max = 0.5) double l2, @ForAll long seed) {
        try (SequentialNetwork net = tiny(l2, seed, 1, 64, ScalarKernels.INSTANCE)) {
            float[] x = randomInputs(n, net.inputLength(), seed);
            int[] labels = randomLabels(n, net.classes(), seed);
            float[] params = net.parameters();
            Random noise = new Random(seed + 1);
            for (int i = 0; i < params.length; i++) {
                // zero biases would put ReLUs of dead units exactly on their kink
                params[i] += (float) (noise.nextGaussian() * 0.05);
            }
            net.loadParameters(params);
            float[] grad = new float[params.length];
            net.lossAndGradient(x, labels, n, grad);
            Random pick = new Random(seed);
            int checked = 0;
            for (int t = 0; t < 30; t++) {
                int i = pick.nextInt(params.length);
                float orig = params[i];
                double up = (float) (orig + 1e-3);
                double down = (float) (orig - 1e-3);
                double plus = lossAt(net, params, i, up, x, labels, n);
                double minus = lossAt(net, params, i, down, x, labels, n);
                double centre = lossAt(net, params, i, orig, x, labels, n);
                double forward = (plus - centre) / (up - orig);
                double backward = (centre - minus) / (orig - down);
                if (Math.abs(forward - backward) > 2e-3 * (1 + Math.abs(forward))) {
                    continue; // a ReLU or max-pool kink lies within the step: left and right slopes differ
                }
                double numeric = (plus - minus) / (up - down);
                assertEquals(numeric, grad[i], 3e-3 * (1 + Math.abs(numeric)), "gradient of parameter " + i);
                checked++;
            }
            assertTrue(checked >= 10, "too few smooth coordinates: " + checked);
        }
    }

    private static double lossAt(SequentialNetwork net, float[] params, int i, double value, float[] x, int[] labels,
            int n) {
        params[i] = (float) value;
        net.loadParameters(params);
        return net.lossAndGradient(x, labels, n, null);
    }

    @Property(tries = 10)
    void gradientDoesNotDependOnChunkingOrThreads(@ForAll @IntRange(min = 1, max = 9) int n,
            @ForAll @IntRange(min = 1, max = 4) int chunk, @ForAll @IntRange(min = 1, max = 3) int threads,
            @ForAll long seed) {
        try (SequentialNetwork whole = tiny(0.1, seed, 1, 64, ScalarKernels.INSTANCE);
                SequentialNetwork split = tiny(0.1, seed, threads, chunk, ScalarKernels.INSTANCE)) {
            float[] x = randomInputs(n, whole.inputLength(), seed);
            int[] labels = randomLabels(n, whole.classes(), seed);
            float[] g1 = new float[(int) whole.parameterCount()];
            float[] g2 = new float[g1.length];
            double l1 = whole.lossAndGradient(x, labels, n, g1);
            double l2 = split.lossAndGradient(x, labels, n, g2);
            assertEquals(l1, l2, 1e-5 * (1 + Math.abs(l1)));
            for (int i = 0; i < g1.length; i++) {
                assertEquals(g1[i], g2[i], 1e-5f * (1 + Math.abs(g1[i])), "parameter " + i);
            }
        }
    }

    @Property(tries = 5)
    void trainingIsDeterministicForSeedAndThreads(@ForAll @IntRange(min = 1, max = 3) int threads,
            @ForAll long seed) {
        float[][] results = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (SequentialNetwork net = tiny(0.01, seed, threads, 2, ScalarKernels.INSTANCE)) {
                float[] x = randomInputs(7, net.inputLength(), seed);
                int[] labels = randomLabels(7, net.classes(), seed);
                for (int s = 0; s < 3; s++) {
                    net.trainStep(x, labels, 7);
                }
                results[run] = net.parameters();
            }
        }
        assertArrayEquals(results[0], results[1]);
    }
}
