package org.ser4j.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.ser4j.core.model.FeatureKind;
import org.junit.jupiter.api.Test;

class SequentialNetworkTest {

    @Test
    void timeModelHasTheNotebooksParameterCountAndShapes() {
        try (Network net = Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 1, 1)) {
            assertEquals(318_438, net.parameterCount());
            assertEquals(314, net.inputLength());
            assertEquals(FeatureKind.TIME_DOMAIN, net.kind());
            List<LayerSpec> specs = net.layers();
            LayerSpec.Dense first = (LayerSpec.Dense) specs.get(7);
            assertEquals(64 * 72, first.inputs(), "flattened width 64 channels x 72 steps");
        }
    }

    @Test
    void melModelHasTheNotebooksParameterCountAndShapes() {
        try (Network net = Architectures.build(FeatureKind.LOG_MEL, 1.0, 1, 1)) {
            assertEquals(1_175_174, net.parameterCount());
            assertEquals(128 * 157, net.inputLength());
            LayerSpec.Dense first = (LayerSpec.Dense) net.layers().get(13);
            assertEquals(256, first.inputs(), "flattened width 128 x 1 x 2");
        }
    }

    @Test
    void profilingTimesEveryLayerAndChangesNoResult() {
        float[] x = NetworkGradientPropertiesTest.randomInputs(12, 314, 9);
        int[] y = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5};
        try (SequentialNetwork plain = Architectures.builder(FeatureKind.TIME_DOMAIN, 1).build(5, 2, 4);
                SequentialNetwork timed = Architectures.builder(FeatureKind.TIME_DOMAIN, 1).build(5, 2, 4)) {
            timed.setProfiling(true);
            for (int step = 0; step < 3; step++) {
                assertEquals(plain.trainStep(x, y, 12), timed.trainStep(x, y, 12), "bit-identical losses");
            }
            assertArrayEquals(plain.parameters(), timed.parameters());
            LayerProfile p = timed.layerProfile();
            assertEquals(3, p.steps());
            assertEquals(36, p.samples());
            assertEquals(plain.layerProfile().layers().size(), p.layers().size());
            assertTrue(p.layers().stream().allMatch(t -> t.forwardNanos() > 0 && t.backwardNanos() > 0), p.toString());
            assertTrue(p.optimizerNanos() > 0 && p.reduceNanos() > 0, p.toString());
            assertEquals(2L * 16 * 3 * 312, p.layers().get(0).forwardFlopsPerSample(), "conv1d 16 k3 'valid' over 314 steps");
            assertTrue(plain.layerProfile().layers().stream().allMatch(t -> t.forwardNanos() == 0), "off by default");
            timed.setProfiling(false);
            assertEquals(0, timed.layerProfile().steps());
        }
    }

    @Test
    void glorotUniformKernelsAndZeroBiases() {
        try (SequentialNetwork net = Architectures.builder(FeatureKind.LOG_MEL, 1).build(7, 1, 4)) {
            LayerSpec.Conv conv = (LayerSpec.Conv) net.layers().get(6); // 64 5x5 same over 64 channels
            double limit = Math.sqrt(6.0 / (25 * 64 + 25 * 64));
            double sumSq = 0;
            for (float w : conv.weights()) {
                assertTrue(Math.abs(w) <= limit);
                sumSq += w * w;
            }
            double variance = sumSq / conv.weights().length;
            assertEquals(limit * limit / 3, variance, 0.05 * limit * limit / 3);
            for (float b : conv.bias()) {
                assertEquals(0f, b);
            }
        }
    }

    @Test
    void predictGivesProbabilitiesForBothModels() {
        for (FeatureKind kind : FeatureKind.values()) {
            try (Network net = Architectures.build(kind, 1.0, 3, 2)) {
                float[] x = NetworkGradientPropertiesTest.randomInputs(3, net.inputLength(), 5);
                float[] p = net.predict(x, 3);
                assertEquals(18, p.length);
                for (int s = 0; s < 3; s++) {
                    double sum = 0;
                    for (int c = 0; c < 6; c++) {
                        assertTrue(p[s * 6 + c] >= 0);
                        sum += p[s * 6 + c];
                    }
                    assertEquals(1.0, sum, 1e-5);
                }
            }
        }
    }

    @Test
    void adamStepFollowsKerasFormula() {
        try (SequentialNetwork net = NetworkGradientPropertiesTest.tiny(0.05, 11, 1, 8, ScalarKernels.INSTANCE)) {
            net.setLearningRate(0.01);
            float[] x = NetworkGradientPropertiesTest.randomInputs(4, net.inputLength(), 3);
            int[] labels = {0, 1, 2, 3};
            float[] w0 = net.parameters();
            float[] g1 = new float[w0.length];
            net.lossAndGradient(x, labels, 4, g1);
            net.trainStep(x, labels, 4);
            float[] w1 = net.parameters();
            float[] g2 = new float[w0.length];
            net.lossAndGradient(x, labels, 4, g2);
            net.trainStep(x, labels, 4);
            float[] w2 = net.parameters();
            for (int i = 0; i < w0.length; i++) {
                double m1 = 0.1 * g1[i];
                double v1 = 0.001 * g1[i] * g1[i];
                double lr1 = 0.01 * Math.sqrt(1 - 0.999) / (1 - 0.9);
                double e1 = w0[i] - lr1 * m1 / (Math.sqrt(v1) + 1e-7);
                assertEquals(e1, w1[i], 1e-6, "step 1, parameter " + i);
                double m2 = 0.9 * m1 + 0.1 * g2[i];
                double v2 = 0.999 * v1 + 0.001 * g2[i] * g2[i];
                double lr2 = 0.01 * Math.sqrt(1 - 0.999 * 0.999) / (1 - 0.81);
                double e2 = w1[i] - lr2 * m2 / (Math.sqrt(v2) + 1e-7);
                assertEquals(e2, w2[i], 1e-5, "step 2, parameter " + i);
            }
        }
    }

    @Test
    void learnsASeparableProblem() {
        try (SequentialNetwork net = NetworkGradientPropertiesTest.tiny(0.0, 5, 2, 4, KernelSelector.select())) {
            net.setLearningRate(0.01);
            int n = 32;
            Random r = new Random(2);
            float[] x = new float[n * net.inputLength()];
            int[] labels = new int[n];
            for (int s = 0; s < n; s++) {
                labels[s] = s % 4;
                for (int i = 0; i < net.inputLength(); i++) {
                    x[s * net.inputLength() + i] = (float) (r.nextGaussian() * 0.3 + (i % 4 == labels[s] ? 1.5 : 0));
                }
            }
            double first = net.trainStep(x, labels, n);
            double last = first;
            for (int e = 0; e < 60; e++) {
                last = net.trainStep(x, labels, n);
            }
            assertTrue(last < 0.2 * first, "loss fell from " + first + " only to " + last);
            float[] p = net.predict(x, n);
            int correct = 0;
            for (int s = 0; s < n; s++) {
                int best = 0;
                for (int c = 1; c < 4; c++) {
                    if (p[s * 4 + c] > p[s * 4 + best]) {
                        best = c;
                    }
                }
                correct += best == labels[s] ? 1 : 0;
            }
            assertEquals(n, correct);
        }
    }

    @Test
    void parametersRoundTripAndRejectWrongLength() {
        try (Network net = Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 1, 1)) {
            float[] p = net.parameters();
            p[0] = 42f;
            net.loadParameters(p);
            assertArrayEquals(p, net.parameters());
            assertThrows(IllegalArgumentException.class, () -> net.loadParameters(new float[3]));
        }
    }

    @Test
    void badBatchesAreRejectedWithClearMessages() {
        try (Network net = Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 1, 1)) {
            float[] x = new float[2 * 314];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> net.trainStep(x, new int[] {0, 6}, 2));
            assertTrue(e.getMessage().contains("label 6"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> net.predict(x, 3));
            assertThrows(IllegalArgumentException.class, () -> net.predict(x, 0));
            x[400] = Float.NaN;
            e = assertThrows(IllegalArgumentException.class, () -> net.predict(x, 2));
            assertTrue(e.getMessage().contains("sample 1"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> net.setLearningRate(-1));
            assertThrows(IllegalArgumentException.class, () -> Architectures.build(FeatureKind.LOG_MEL, -1, 1, 1));
            assertThrows(IllegalArgumentException.class, () -> Architectures.build(FeatureKind.LOG_MEL, 1, 1, 0));
            // absurd thread counts are refused up front instead of running out of memory
            e = assertThrows(IllegalArgumentException.class, () -> Architectures.build(FeatureKind.LOG_MEL, 1, 1, 100_000));
            assertTrue(e.getMessage().contains("heap"), e.getMessage());
        }
    }
    @Test
    void builderRefusesLayerSequencesThatWouldComputeGarbage() {
        // a conv + pool reaching 1 x 1 keeps channels outermost: dense without flatten() would mix samples
        NetworkBuilder toOne = SequentialNetwork.builder(FeatureKind.TIME_DOMAIN, 1, 1, 4).conv1d(3, 3, true, 0)
                .maxPool1d(4);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> toOne.dense(6, false, 0));
        assertTrue(e.getMessage().contains("flatten()"), e.getMessage());
        toOne.flatten().dense(6, false, 0); // the right way is accepted

        NetworkBuilder conv = SequentialNetwork.builder(FeatureKind.LOG_MEL, 1, 8, 8).conv2d(2, 3, 3, true, 0);
        assertThrows(IllegalArgumentException.class, () -> conv.maxPool2d(2, 0));
        assertThrows(IllegalArgumentException.class, () -> conv.maxPool2d(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> conv.maxPool1d(2), "height 8 is not 1-D, even fused");
        assertThrows(IllegalArgumentException.class, () -> conv.conv2d(2, 0, 3, false, 0));
        assertThrows(IllegalArgumentException.class,
                () -> SequentialNetwork.builder(FeatureKind.TIME_DOMAIN, 1, 1, 10).conv1d(2, -1, false, 0));
        // a dense-only network on a network input of [10, 1, 1] needs no flatten()
        SequentialNetwork.builder(FeatureKind.TIME_DOMAIN, 10, 1, 1).dense(4, true, 0).dense(6, false, 0);
    }
}
