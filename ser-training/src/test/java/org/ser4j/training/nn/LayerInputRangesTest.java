package org.ser4j.training.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ser4j.core.model.FeatureKind;

class LayerInputRangesTest {
    @Test
    void rangesCoverEachWeightedLayersInputAndChangeNothing() {
        try (SequentialNetwork net = (SequentialNetwork) Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 3, 2)) {
            int n = 37;
            float[] x = new float[n * net.inputLength()];
            Random r = new Random(1);
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (r.nextGaussian() * 3);
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            float[] params = net.parameters();
            float[] before = net.predict(x, n);
            List<ValueRange> ranges = net.weightedLayerInputRanges(x, n);
            assertArrayEquals(before, net.predict(x, n), "predictions are bit-identical afterwards");
            assertArrayEquals(params, net.parameters());
            // 4 convolutions and 3 dense layers
            assertEquals(7, ranges.size());
            assertEquals(new ValueRange(lo, hi), ranges.get(0), "the first layer reads the inputs");
            for (int q = 1; q < ranges.size(); q++) {
                assertEquals(0f, ranges.get(q).min(), "after ReLU nothing is negative, and some unit is off: " + ranges.get(q));
                assertTrue(ranges.get(q).max() > 0, ranges.get(q).toString());
            }
            List<long[]> histograms = net.weightedLayerInputHistograms(x, n, ranges, 64);
            assertEquals(7, histograms.size());
            long total = 0;
            for (long c : histograms.get(0)) {
                total += c;
            }
            assertEquals((long) n * net.inputLength(), total, "every input value is counted once");
            assertArrayEquals(before, net.predict(x, n));
            // the same ranges whatever the thread split
            try (SequentialNetwork one = (SequentialNetwork) Architectures.build(FeatureKind.TIME_DOMAIN, 1.0, 3, 1)) {
                assertEquals(ranges, one.weightedLayerInputRanges(x, n));
            }
        }
    }

    @Test
    void aUnionHoldsBothRanges() {
        assertEquals(new ValueRange(-2f, 5f), new ValueRange(-2f, 1f).union(new ValueRange(0f, 5f)));
    }
}
