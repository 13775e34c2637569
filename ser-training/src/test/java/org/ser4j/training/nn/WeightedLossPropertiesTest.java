package org.ser4j.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Sample-weighted and label-smoothed cross-entropy: the gradient against finite differences of the
 * loss, constant weights equal to no weights, integer weights equal to repeating samples, and
 * smoothing 0 equal to the plain loss.
 */
class WeightedLossPropertiesTest {

    private static SequentialNetwork net(long seed) {
        SequentialNetwork n = NetworkGradientPropertiesTest.tiny(0.05, seed, 1, 64, ScalarKernels.INSTANCE);
        float[] p = n.parameters();
        Random noise = new Random(seed + 1);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (noise.nextGaussian() * 0.05); // keep ReLUs off their kinks
        }
        n.loadParameters(p);
        return n;
    }

    private static float[] weights(int n, long seed) {
        Random r = new Random(seed * 31 + 7);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (0.1 + 3 * r.nextDouble());
        }
        return w;
    }

    @Property(tries = 12)
    void weightedSmoothedGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @DoubleRange(min = 0, max = 0.4) double smoothing, @ForAll long seed) {
        try (SequentialNetwork net = net(seed)) {
            net.setLabelSmoothing(smoothing);
            float[] x = NetworkGradientPropertiesTest.randomInputs(n, net.inputLength(), seed);
            int[] y = NetworkGradientPropertiesTest.randomLabels(n, net.classes(), seed);
            float[] w = weights(n, seed);
            float[] params = net.parameters();
            float[] grad = new float[params.length];
            net.lossAndGradient(x, y, w, n, grad);
            Random pick = new Random(seed);
            int checked = 0;
            for (int t = 0; t < 30; t++) {
                int i = pick.nextInt(params.length);
                float orig = params[i];
                double up = (float) (orig + 1e-3);
                double down = (float) (orig - 1e-3);
                double plus = lossAt(net, params, i, up, x, y, w, n);
                double minus = lossAt(net, params, i, down, x, y, w, n);
                double centre = lossAt(net, params, i, orig, x, y, w, n);
                double forward = (plus - centre) / (up - orig);
                double backward = (centre - minus) / (orig - down);
                if (Math.abs(forward - backward) > 2e-3 * (1 + Math.abs(forward))) {
                    continue; // a ReLU or max-pool kink lies within the step
                }
                double numeric = (plus - minus) / (up - down);
                assertEquals(numeric, grad[i], 3e-3 * (1 + Math.abs(numeric)), "gradient of parameter " + i);
                checked++;
            }
            assertTrue(checked >= 10, "too few smooth coordinates: " + checked);
        }
    }

    private static double lossAt(SequentialNetwork net, float[] params, int i, double value, float[] x, int[] y, float[] w, int n) {
        params[i] = (float) value;
        net.loadParameters(params);
        double loss = net.lossAndGradient(x, y, w, n, null);
        return loss;
    }

    @Property(tries = 15)
    void constantWeightsEqualNoWeights(@ForAll @IntRange(min = 1, max = 7) int n,
            @ForAll @DoubleRange(min = 0.01, max = 100) double c, @ForAll long seed) {
        try (SequentialNetwork net = net(seed)) {
            float[] x = NetworkGradientPropertiesTest.randomInputs(n, net.inputLength(), seed);
            int[] y = NetworkGradientPropertiesTest.randomLabels(n, net.classes(), seed);
            float[] w = new float[n];
            Arrays.fill(w, (float) c);
            float[] g0 = new float[(int) net.parameterCount()];
            float[] g1 = new float[g0.length];
            double l0 = net.lossAndGradient(x, y, null, n, g0);
            double l1 = net.lossAndGradient(x, y, w, n, g1);
            assertEquals(l0, l1, 1e-12 * (1 + Math.abs(l0)));
            for (int i = 0; i < g0.length; i++) {
                assertEquals(g0[i], g1[i], 1e-6f * (1 + Math.abs(g0[i])), "parameter " + i);
            }
        }
    }

    /** Weight 2 on a sample is the same as the sample appearing twice with weight 1. */
    @Property(tries = 10)
    void integerWeightsEqualRepeatedSamples(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll long seed) {
        try (SequentialNetwork net = net(seed)) {
            int len = net.inputLength();
            float[] x = NetworkGradientPropertiesTest.randomInputs(n, len, seed);
            int[] y = NetworkGradientPropertiesTest.randomLabels(n, net.classes(), seed);
            float[] w = new float[n];
            int total = 0;
            for (int i = 0; i < n; i++) {
                w[i] = 1 + (i % 3);
                total += (int) w[i];
            }
            float[] xr = new float[total * len];
            int[] yr = new int[total];
            int k = 0;
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < (int) w[i]; r++) {
                    System.arraycopy(x, i * len, xr, k * len, len);
                    yr[k++] = y[i];
                }
            }
            float[] gw = new float[(int) net.parameterCount()];
            float[] gr = new float[gw.length];
            double lw = net.lossAndGradient(x, y, w, n, gw);
            double lr = net.lossAndGradient(xr, yr, null, total, gr);
            assertEquals(lr, lw, 1e-6 * (1 + Math.abs(lr)));
            for (int i = 0; i < gw.length; i++) {
                assertEquals(gr[i], gw[i], 1e-5f * (1 + Math.abs(gr[i])), "parameter " + i);
            }
        }
    }

    @Property(tries = 5)
    void uniformWeightedTrainingStepsEqualUnweightedOnes(@ForAll long seed) {
        float[][] params = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (SequentialNetwork net = net(seed)) {
                float[] x = NetworkGradientPropertiesTest.randomInputs(6, net.inputLength(), seed);
                int[] y = NetworkGradientPropertiesTest.randomLabels(6, net.classes(), seed);
                float[] ones = new float[6];
                Arrays.fill(ones, 1f);
                for (int s = 0; s < 3; s++) {
                    if (run == 0) {
                        net.trainStep(x, y, 6);
                    } else {
                        net.trainStep(x, y, ones, 6);
                    }
                }
                params[run] = net.parameters();
            }
        }
        assertArrayEquals(params[0], params[1]);
    }

    /** Mixup targets: the gradient matches finite differences of the mixed loss. */
    @Property(tries = 10)
    void mixedTargetGradientMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int n,
            @ForAll @DoubleRange(min = 0, max = 0.2) double smoothing, @ForAll long seed) {
        try (SequentialNetwork net = net(seed)) {
            net.setLabelSmoothing(smoothing);
            float[] x = NetworkGradientPropertiesTest.randomInputs(n, net.inputLength(), seed);
            int[] y = NetworkGradientPropertiesTest.randomLabels(n, net.classes(), seed);
            int[] y2 = NetworkGradientPropertiesTest.randomLabels(n, net.classes(), seed + 5);
            float[] lambda = weights(n, seed + 3);
            for (int i = 0; i < n; i++) {
                lambda[i] = lambda[i] / 3.2f;
            }
            float[] w = weights(n, seed);
            float[] params = net.parameters();
            float[] grad = new float[params.length];
            net.lossAndGradient(x, y, y2, lambda, w, n, grad);
            Random pick = new Random(seed);
            int checked = 0;
            for (int t = 0; t < 30; t++) {
                int i = pick.nextInt(params.length);
                float orig = params[i];
                double up = (float) (orig + 1e-3);
                double down = (float) (orig - 1e-3);
                double[] l = new double[3];
                double[] at = {up, down, orig};
                for (int k = 0; k < 3; k++) {
                    params[i] = (float) at[k];
                    net.loadParameters(params);
                    l[k] = net.lossAndGradient(x, y, y2, lambda, w, n, null);
                }
                params[i] = orig;
                net.loadParameters(params);
                double forward = (l[0] - l[2]) / (up - orig);
                double backward = (l[2] - l[1]) / (orig - down);
                if (Math.abs(forward - backward) > 2e-3 * (1 + Math.abs(forward))) {
                    continue;
                }
                double numeric = (l[0] - l[1]) / (up - down);
                assertEquals(numeric, grad[i], 3e-3 * (1 + Math.abs(numeric)), "gradient of parameter " + i);
                checked++;
            }
            assertTrue(checked >= 10, "too few smooth coordinates: " + checked);
        }
    }

    /** lambda = 1 is the plain step; equal labels make any lambda the plain step. */
    @Property(tries = 10)
    void mixingWithWeightOneOrTheSameLabelIsThePlainLoss(@ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @DoubleRange(min = 0, max = 1) double lambda, @ForAll long seed) {
        try (SequentialNetwork net = net(seed)) {
            float[] x = NetworkGradientPropertiesTest.randomInputs(n, net.inputLength(), seed);
            int[] y = NetworkGradientPropertiesTest.randomLabels(n, net.classes(), seed);
            int[] y2 = NetworkGradientPropertiesTest.randomLabels(n, net.classes(), seed + 1);
            float[] ones = new float[n];
            Arrays.fill(ones, 1f);
            float[] lam = new float[n];
            Arrays.fill(lam, (float) lambda);
            float[] g0 = new float[(int) net.parameterCount()];
            float[] g1 = new float[g0.length];
            float[] g2 = new float[g0.length];
            double l0 = net.lossAndGradient(x, y, null, n, g0);
            double l1 = net.lossAndGradient(x, y, y2, ones, null, n, g1);
            double l2 = net.lossAndGradient(x, y, y, lam, null, n, g2);
            assertEquals(l0, l1, 1e-9 * (1 + Math.abs(l0)));
            assertEquals(l0, l2, 1e-6 * (1 + Math.abs(l0)));
            for (int i = 0; i < g0.length; i++) {
                assertEquals(g0[i], g1[i], 1e-6f * (1 + Math.abs(g0[i])), "parameter " + i);
                assertEquals(g0[i], g2[i], 1e-5f * (1 + Math.abs(g0[i])), "parameter " + i);
            }
        }
    }

    @Test
    void badWeightsAndSmoothingAreRefused() {
        try (SequentialNetwork net = net(3)) {
            float[] x = NetworkGradientPropertiesTest.randomInputs(2, net.inputLength(), 3);
            int[] y = {0, 1};
            assertThrows(IllegalArgumentException.class, () -> net.trainStep(x, y, new float[] {1, -1}, 2));
            assertThrows(IllegalArgumentException.class, () -> net.trainStep(x, y, new float[] {0, 0}, 2));
            assertThrows(IllegalArgumentException.class, () -> net.trainStep(x, y, new float[] {1, Float.NaN}, 2));
            assertThrows(IllegalArgumentException.class, () -> net.trainStep(x, y, new float[] {1}, 2));
            assertThrows(IllegalArgumentException.class, () -> net.trainStepMixed(x, y, y, new float[] {0.5f, 1.5f}, null, 2));
            assertThrows(IllegalArgumentException.class, () -> net.trainStepMixed(x, y, new int[] {0, 9}, new float[] {0.5f, 0.5f}, null, 2));
            assertThrows(IllegalArgumentException.class, () -> net.setLabelSmoothing(1));
            assertThrows(IllegalArgumentException.class, () -> net.setLabelSmoothing(-0.1));
        }
    }
}
