package org.ser4j.training;

/**
 * The running average of one training run's weights ({@link WeightAveraging}): fed the live
 * weights after every step, it holds their exponential moving average. Not thread-safe: the
 * training loop owns it.
 */
final class WeightAverage {
    private final WeightAveraging setting;
    private double[] average;
    private long steps;

    WeightAverage(WeightAveraging setting) {
        this.setting = setting;
    }

    /**
     * Folds in the weights after one more step (the first call copies them).
     *
     * @param weights the live weights, every call the same length
     */
    void update(float[] weights) {
        steps++;
        if (average == null) {
            average = new double[weights.length];
            for (int i = 0; i < weights.length; i++) {
                average[i] = weights[i];
            }
            return;
        }
        if (weights.length != average.length) {
            throw new IllegalArgumentException(weights.length + " weights, the average has " + average.length);
        }
        // in double, so that a decay near 1 does not lose the small updates to float rounding
        double d = setting.decayAt(steps);
        double e = 1 - d;
        for (int i = 0; i < weights.length; i++) {
            average[i] = d * average[i] + e * weights[i];
        }
    }

    /**
     * The steps folded in so far.
     *
     * @return the number of {@link #update} calls
     */
    long steps() {
        return steps;
    }

    /**
     * The current average, rounded to float.
     *
     * @return a new array
     * @throws IllegalStateException before the first {@link #update}
     */
    float[] values() {
        if (average == null) {
            throw new IllegalStateException("no weights averaged yet");
        }
        float[] out = new float[average.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) average[i];
        }
        return out;
    }
}
