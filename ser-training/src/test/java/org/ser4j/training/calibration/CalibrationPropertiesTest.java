package org.ser4j.training.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CalibrationPropertiesTest {
    private static final int C = 6;

    /** Rows softmax(z) for Gaussian logits z of the given scale. */
    private static float[] probabilities(int n, double scale, Random r) {
        float[] p = new float[n * C];
        double[] z = new double[C];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < C; c++) {
                z[c] = Math.exp(scale * r.nextGaussian());
                sum += z[c];
            }
            for (int c = 0; c < C; c++) {
                p[i * C + c] = (float) (z[c] / sum);
            }
        }
        return p;
    }

    /** A label drawn from each row's own distribution (the rows are then calibrated). */
    private static int[] sampleLabels(float[] p, Random r) {
        int[] y = new int[p.length / C];
        for (int i = 0; i < y.length; i++) {
            double u = r.nextDouble();
            int c = 0;
            double acc = p[i * C];
            while (u > acc && c < C - 1) {
                acc += p[i * C + ++c];
            }
            y[i] = c;
        }
        return y;
    }

    @Property(tries = 50)
    void binsCoverEveryPredictionAndEceIsBounded(@ForAll @IntRange(min = 1, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 20) int bins, @ForAll long seed) {
        Random r = new Random(seed);
        float[] p = probabilities(n, 1.5, r);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(C);
        }
        List<ReliabilityBin> b = Calibration.reliability(p, y, C, bins);
        assertEquals(bins, b.size());
        assertEquals(n, b.stream().mapToLong(ReliabilityBin::count).sum());
        for (ReliabilityBin x : b) {
            if (x.count() > 0) {
                assertTrue(x.meanConfidence() >= x.lower() - 1e-7 && x.meanConfidence() <= x.upper() + 1e-7, x.toString());
            }
        }
        double ece = Calibration.expectedCalibrationError(p, y, C, bins);
        assertTrue(ece >= 0 && ece <= 1, "ECE " + ece);
    }

    @Test
    void eceOfAHandMadeCase() {
        // two predictions at confidence 0.9 (one right), one at 0.5 (right): bins of 15
        float[] p = {0.9f, 0.02f, 0.02f, 0.02f, 0.02f, 0.02f, 0.02f, 0.9f, 0.02f, 0.02f, 0.02f, 0.02f,
            0.5f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f};
        int[] y = {0, 0, 0};
        double expected = (2 * Math.abs(0.5 - 0.9) + 1 * Math.abs(1 - 0.5)) / 3;
        assertEquals(expected, Calibration.expectedCalibrationError(p, y, C, 15), 1e-6);
    }

    @Property(tries = 10)
    void calibratedRowsHaveSmallEceAndTemperatureNearOne(@ForAll long seed) {
        Random r = new Random(seed);
        float[] p = probabilities(20000, 1.5, r);
        int[] y = sampleLabels(p, r);
        assertTrue(Calibration.expectedCalibrationError(p, y, C, 15) < 0.03);
        assertEquals(1.0, TemperatureScaling.fit(p, y, C), 0.08);
    }

    /** Labels drawn from softmax(z / T0): the fit on softmax(z) recovers T0, and lowers ECE. */
    @Property(tries = 8)
    void fitRecoversTheTemperatureOfOverconfidentRows(@ForAll @DoubleRange(min = 0.5, max = 3) double t0, @ForAll long seed) {
        Random r = new Random(seed);
        float[] p = probabilities(20000, 1.5, r);
        int[] y = sampleLabels(TemperatureScaling.apply(p, C, t0), r);
        double t = TemperatureScaling.fit(p, y, C);
        assertEquals(t0, t, 0.1 * t0);
        float[] scaled = TemperatureScaling.apply(p, C, t);
        assertTrue(Calibration.negativeLogLikelihood(scaled, y, C) <= Calibration.negativeLogLikelihood(p, y, C) + 1e-9);
        assertTrue(Calibration.expectedCalibrationError(scaled, y, C, 15) < 0.03);
    }

    @Property(tries = 30)
    void fittedTemperatureIsALocalMinimumOfTheLikelihood(@ForAll @IntRange(min = 1, max = 200) int n, @ForAll long seed) {
        Random r = new Random(seed);
        float[] p = probabilities(n, 2, r);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(C);
        }
        double t = TemperatureScaling.fit(p, y, C);
        assertTrue(t >= TemperatureScaling.MIN_TEMPERATURE && t <= TemperatureScaling.MAX_TEMPERATURE);
        double at = Calibration.negativeLogLikelihood(TemperatureScaling.apply(p, C, t), y, C);
        for (double f : new double[] {1.02, 1 / 1.02}) {
            double other = f * t;
            if (other >= TemperatureScaling.MIN_TEMPERATURE && other <= TemperatureScaling.MAX_TEMPERATURE) {
                assertTrue(at <= Calibration.negativeLogLikelihood(TemperatureScaling.apply(p, C, other), y, C) + 1e-6);
            }
        }
    }

    @Property(tries = 30)
    void temperatureKeepsTheRankingAndOneIsIdentity(@ForAll @IntRange(min = 1, max = 50) int n,
            @ForAll @DoubleRange(min = 0.1, max = 10) double t, @ForAll long seed) {
        float[] p = probabilities(n, 2, new Random(seed));
        float[] same = TemperatureScaling.apply(p, C, 1);
        assertArrayEquals(p, same, 1e-6f);
        float[] q = TemperatureScaling.apply(p, C, t);
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < C; c++) {
                sum += q[i * C + c];
                for (int d = 0; d < C; d++) {
                    if (p[i * C + c] > p[i * C + d] * 1.0001) {
                        assertTrue(q[i * C + c] >= q[i * C + d]);
                    }
                }
            }
            assertEquals(1, sum, 1e-5);
        }
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.fit(new float[0], new int[0], C));
        assertThrows(IllegalArgumentException.class, () -> Calibration.reliability(new float[5], new int[1], C, 15));
        assertThrows(IllegalArgumentException.class, () -> Calibration.reliability(new float[6], new int[] {6}, C, 15));
        assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.apply(new float[6], C, 0));
        assertThrows(IllegalArgumentException.class, () -> TemperatureScaling.apply(new float[6], C, Double.NaN));
    }
}
