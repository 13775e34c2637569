package org.ser4j.training.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every layer's backward pass against central finite differences of the scalar
 * {@code L = sum(r * y)} for a random {@code r}, over random small shapes. The layers are
 * piecewise linear, so a central difference is exact (up to float rounding) unless the step
 * crosses a ReLU or max-pool kink; such coordinates are detected by their one-sided differences
 * over the step and over half of it disagreeing, and skipped (an undetected kink has a slope
 * change below the tolerance).
 */
class LayerGradientPropertiesTest {
    private static final double STEP = 1e-2;
    /** The kernels training uses in this JVM (vector when the module is loaded). */
    private static final Kernels KERNELS = KernelSelector.select();

    @Property(tries = 40)
    void conv2dMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 3) int inC,
            @ForAll @IntRange(min = 1, max = 3) int outC, @ForAll @IntRange(min = 1, max = 7) int h,
            @ForAll @IntRange(min = 1, max = 8) int w, @ForAll @IntRange(min = 0, max = 2) int halfKh,
            @ForAll @IntRange(min = 0, max = 2) int halfKw, @ForAll boolean same, @ForAll boolean relu,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
        int kh = 2 * halfKh + 1;
        int kw = 2 * halfKw + 1;
        Assume.that(same || (kh <= h && kw <= w));
        ConvLayer layer = new ConvLayer(false, inC, h, w, outC, kh, kw, same ? halfKh : 0, same ? halfKw : 0, relu, 0);
        check(layer, batch, seed);
    }

    /**
     * A case where two ReLU kinks within the step, one on each side, made the forward and
     * backward differences agree with each other but not with the gradient (found by jqwik).
     */
    @org.junit.jupiter.api.Test
    void kinksOnBothSidesOfTheStepAreDetected() {
        check(new ConvLayer(false, 2, 5, 8, 3, 1, 3, 0, 1, true, 0), 3, -591286729879L);
    }

    @Property(tries = 40)
    void convolutionWithFusedPoolingMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 3) int inC,
            @ForAll @IntRange(min = 1, max = 3) int outC, @ForAll @IntRange(min = 1, max = 8) int h,
            @ForAll @IntRange(min = 2, max = 9) int w, @ForAll @IntRange(min = 0, max = 2) int halfK,
            @ForAll boolean same, @ForAll boolean relu, @ForAll boolean oneDimensional,
            @ForAll @IntRange(min = 1, max = 3) int poolH, @ForAll @IntRange(min = 1, max = 3) int poolW,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
        int k = 2 * halfK + 1;
        int height = oneDimensional ? 1 : h;
        int kh = oneDimensional ? 1 : k;
        int ph = oneDimensional ? 1 : poolH;
        int pad = same ? halfK : 0;
        int convH = height + 2 * (oneDimensional ? 0 : pad) - kh + 1;
        int convW = w + 2 * pad - k + 1;
        Assume.that(convH >= ph && convW >= poolW);
        ConvLayer layer = new ConvLayer(oneDimensional, inC, height, w, outC, kh, k, oneDimensional ? 0 : pad, pad,
                relu, 0, ph, poolW);
        assertEquals(convH / ph, layer.outH);
        assertEquals(convW / poolW, layer.outW);
        check(layer, batch, seed);
    }

    @Property(tries = 30)
    void conv2dWithEvenKernelsAndValidPaddingMatches(@ForAll @IntRange(min = 1, max = 2) int inC,
            @ForAll @IntRange(min = 1, max = 3) int outC, @ForAll @IntRange(min = 2, max = 6) int h,
            @ForAll @IntRange(min = 2, max = 7) int w, @ForAll @IntRange(min = 1, max = 2) int kh,
            @ForAll @IntRange(min = 1, max = 4) int kw, @ForAll @IntRange(min = 1, max = 3) int batch,
            @ForAll long seed) {
        Assume.that(kh <= h && kw <= w);
        check(new ConvLayer(false, inC, h, w, outC, kh, kw, 0, 0, true, 0), batch, seed);
    }

    @Property(tries = 40)
    void conv1dMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 4) int inC,
            @ForAll @IntRange(min = 1, max = 4) int outC, @ForAll @IntRange(min = 1, max = 16) int length,
            @ForAll @IntRange(min = 0, max = 3) int halfK, @ForAll boolean same, @ForAll boolean relu,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
        int k = 2 * halfK + 1;
        Assume.that(same || k <= length);
        check(new ConvLayer(true, inC, 1, length, outC, 1, k, 0, same ? halfK : 0, relu, 0), batch, seed);
    }

    @Property(tries = 50)
    void maxPoolMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 2, max = 11) int w,
            @ForAll boolean oneDimensional, @ForAll @IntRange(min = 1, max = 3) int poolH,
            @ForAll @IntRange(min = 1, max = 3) int poolW, @ForAll boolean referenceWindow,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
        // the reference models pool 1x2 and 2x2 (a specialised path); other windows take the generic one
        int ph = oneDimensional ? 1 : referenceWindow ? 2 : poolH;
        int pw = referenceWindow ? 2 : poolW;
        int height = oneDimensional ? 1 : Math.max(h, ph);
        Assume.that(pw <= w);
        MaxPoolLayer layer = new MaxPoolLayer(oneDimensional, c, height, w, ph, pw);
        assertEquals(height / ph, layer.outH, "floor of the height");
        assertEquals(w / pw, layer.outW, "floor of the width");
        check(layer, batch, seed);
    }

    @Property(tries = 30)
    void denseMatchesFiniteDifferences(@ForAll @IntRange(min = 1, max = 12) int in,
            @ForAll @IntRange(min = 1, max = 9) int out, @ForAll boolean relu,
            @ForAll @IntRange(min = 1, max = 5) int batch, @ForAll long seed) {
        check(new DenseLayer(in, out, relu, 0), batch, seed);
    }

    /** jqwik's case (seed 1025847908106354268): one ReLU unit whose input lies within a step of 0. */
    @net.jqwik.api.Example
    void aSingleReluUnitAtItsKinkIsCheckedOnAnotherDraw() {
        check(new DenseLayer(7, 1, true, 0), 1, 1L);
    }

    @Property(tries = 20)
    void flattenIsAPermutationWithItsInverseAsGradient(@ForAll @IntRange(min = 1, max = 4) int c,
            @ForAll @IntRange(min = 1, max = 4) int h, @ForAll @IntRange(min = 1, max = 4) int w,
            @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll long seed) {
        FlattenLayer layer = new FlattenLayer(c, h, w);
        float[] x = new float[c * h * w * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        float[] y = new float[x.length];
        layer.forward(ScalarKernels.INSTANCE, new float[0], x, y, batch, new float[0]);
        // y[s][(c,h,w)] = x[c][s][h][w]
        for (int s = 0; s < batch; s++) {
            for (int ci = 0; ci < c; ci++) {
                for (int i = 0; i < h * w; i++) {
                    assertEquals(x[(ci * batch + s) * h * w + i], y[s * c * h * w + ci * h * w + i]);
                }
            }
        }
        check(layer, batch, seed);
    }

    /**
     * Compares analytic input and parameter gradients with finite differences. A draw where every
     * sampled coordinate sits within a step of a ReLU or max-pool kink (e.g. a single ReLU unit
     * whose input is almost 0) checks nothing, so a few more draws are made before that counts as
     * a failure.
     */
    static void check(Layer layer, int batch, long seed) {
        int checked = 0;
        for (int attempt = 0; attempt < 5 && checked == 0; attempt++) {
            checked = checkOnce(layer, batch, seed + attempt * 0x9E3779B97F4A7C15L);
        }
        assertTrue(checked > 0 || (long) layer.inSize() * batch + layer.paramCount() < 8, "no coordinate could be checked");
    }

    /** One draw of {@link #check}; returns how many coordinates could be compared. */
    private static int checkOnce(Layer layer, int batch, long seed) {
        Kernels k = KERNELS;
        SplittableRandom random = new SplittableRandom(seed);
        float[] params = new float[layer.paramCount()];
        layer.paramOffset = 0;
        layer.init(params, random);
        for (int i = layer.kernelCount(); i < params.length; i++) {
            params[i] = (float) (random.nextDouble() - 0.5); // non-zero biases exercise the bias path
        }
        float[] x = new float[layer.inSize() * batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] r = new float[layer.outSize() * batch];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (random.nextDouble() * 2 - 1);
        }
        float[] scratch = new float[Math.max(1, layer.scratchSize(batch))];
        float[] y = new float[layer.activationSize() * batch];
        layer.forward(k, params, x, y, batch, scratch);
        float[] dy = r.clone();
        float[] dx = new float[x.length];
        float[] g = new float[params.length];
        layer.backward(k, params, x, y, dy, dx, g, batch, scratch);

        Random pick = new Random(seed);
        int checked = 0;
        for (int t = 0; t < Math.min(25, x.length); t++) {
            int i = x.length <= 25 ? t : pick.nextInt(x.length);
            checked += compare(layer, params, x, x, i, r, batch, scratch, dx[i], "input " + i);
        }
        for (int t = 0; t < Math.min(25, params.length); t++) {
            int i = params.length <= 25 ? t : pick.nextInt(params.length);
            checked += compare(layer, params, x, params, i, r, batch, scratch, g[i], "parameter " + i);
        }
        return checked;
    }

    private static int compare(Layer layer, float[] params, float[] x, float[] target, int i, float[] r, int batch,
            float[] scratch, float analytic, String what) {
        float orig = target[i];
        double centre = objective(layer, params, x, r, batch, scratch);
        double[] slopes = new double[4];
        double[] values = new double[2];
        int s = 0;
        for (double step : new double[] {STEP, STEP / 2}) {
            float up = (float) (orig + step);
            float down = (float) (orig - step);
            target[i] = up;
            double plus = objective(layer, params, x, r, batch, scratch);
            target[i] = down;
            double minus = objective(layer, params, x, r, batch, scratch);
            target[i] = orig;
            slopes[s++] = (plus - centre) / ((double) up - orig);
            slopes[s++] = (centre - minus) / ((double) orig - down);
            if (step == STEP) {
                values[0] = plus - minus;
                values[1] = (double) up - down;
            }
        }
        // Piecewise linear: with no ReLU or max-pool kink within the step, the slopes right and
        // left of the point, over the whole step and over half of it, are all the same. One kink
        // on each side can make the two whole-step slopes agree; the half steps then tell.
        for (double slope : slopes) {
            if (Math.abs(slope - slopes[0]) > 1e-3 * (1 + Math.abs(slopes[0]))) {
                return 0;
            }
        }
        double numeric = values[0] / values[1];
        assertEquals(numeric, analytic, 3e-3 * (1 + Math.abs(numeric)),
                () -> layer.getClass().getSimpleName() + " gradient of " + what);
        return 1;
    }

    private static double objective(Layer layer, float[] params, float[] x, float[] r, int batch, float[] scratch) {
        float[] y = new float[layer.activationSize() * batch];
        layer.forward(KERNELS, params, x, y, batch, scratch);
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += (double) r[i] * y[i];
        }
        return s;
    }
}
