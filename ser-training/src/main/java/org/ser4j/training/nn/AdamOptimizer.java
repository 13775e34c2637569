package org.ser4j.training.nn;

/**
 * Adam with Keras semantics (epsilon added to {@code sqrt(v)}, bias correction folded into the
 * step size): the first and second moment of every parameter and the step count. The update is
 * element-wise, each worker of the pool on its own parameter range, in float arithmetic exactly
 * as written below (the results are bit-identical for any thread count).
 */
final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-7;

    private final float[] m;
    private final float[] v;
    private long step;

    /** @param parameters number of parameters; moments start at zero */
    AdamOptimizer(int parameters) {
        this.m = new float[parameters];
        this.v = new float[parameters];
    }

    /** One Adam step of {@code params} along {@code grad} at {@code learningRate}. */
    void update(float[] params, float[] grad, double learningRate, WorkerPool workers) {
        step++;
        double lrT = learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        float b1 = (float) BETA1;
        float b2 = (float) BETA2;
        float c1 = (float) (1 - BETA1);
        float c2 = (float) (1 - BETA2);
        float lr = (float) lrT;
        float eps = (float) EPSILON;
        float[] adamM = m;
        float[] adamV = v;
        workers.run(w -> {
            for (int i = workers.rangeStart(params.length, w), e = workers.rangeStart(params.length, w + 1); i < e; i++) {
                float g = grad[i];
                float mi = b1 * adamM[i] + c1 * g;
                float vi = b2 * adamV[i] + c2 * g * g;
                adamM[i] = mi;
                adamV[i] = vi;
                params[i] -= lr * mi / ((float) Math.sqrt(vi) + eps);
            }
        });
    }
}
