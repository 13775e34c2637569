package org.ser4j.training;

import java.util.Locale;

/**
 * Averaging of the network's weights over the training steps: off (the notebook's), or an
 * exponential moving average (Polyak averaging) whose weights are the ones evaluated after each
 * epoch, kept as the best epoch's and exported; the optimiser itself keeps training the live
 * weights.
 *
 * <p>Why: with a constant learning rate the held-out accuracy of these small CNNs swings by
 * several points from one epoch to the next (the weights keep moving around a minimum); the
 * average of the recent weights sits nearer its centre, so the chosen epoch depends less on
 * which side of the swing it fell, and the model generalises a little better. The exported graph
 * is the notebook's: only the values of its weights change.
 *
 * <p>After step {@code t} (1-based) the average is {@code a = d_t * a + (1 - d_t) * w} with
 * {@code d_t = min(decay, (1 + t) / (10 + t))} and {@code a} equal to the weights after the
 * first step: the warm-up term (as in TensorFlow's {@code ExponentialMovingAverage} with
 * {@code num_updates}) keeps the first epochs from being dominated by the random initial
 * weights. With decay {@code d} the average spans about {@code 1 / (1 - d)} steps (0.999: 1,000
 * steps, some 35 epochs of 913 clips in batches of 32).
 *
 * @param decay the decay per step in [0, 1); 0 = off
 */
public record WeightAveraging(double decay) {
    /** No averaging: the live weights are evaluated and exported. */
    public static final WeightAveraging NONE = new WeightAveraging(0);

    /**
     * Checks the decay.
     *
     * @param decay in [0, 1); 0 = off
     * @throws IllegalArgumentException if {@code decay} is outside [0, 1) or NaN
     */
    public WeightAveraging {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("weight-average decay must be in [0, 1), got " + decay);
        }
    }

    /**
     * An exponential moving average of the weights.
     *
     * @param decay the decay per step, in (0, 1) for an average; 0 gives {@link #NONE}
     * @return the setting
     * @throws IllegalArgumentException if {@code decay} is outside [0, 1)
     */
    public static WeightAveraging exponential(double decay) {
        return decay == 0 ? NONE : new WeightAveraging(decay);
    }

    /**
     * Whether the weights are averaged.
     *
     * @return {@code decay > 0}
     */
    public boolean enabled() {
        return decay > 0;
    }

    /**
     * The decay used after a step: the configured one, lowered for the first steps.
     *
     * @param step the 1-based step count since training started
     * @return {@code min(decay, (1 + step) / (10 + step))}
     */
    public double decayAt(long step) {
        return Math.min(decay, (1.0 + step) / (10.0 + step));
    }

    /**
     * A short description for reports.
     *
     * @return e.g. {@code "exponential moving average, decay 0.999 per step"}, or {@code "none"}
     */
    public String describe() {
        return enabled() ? String.format(Locale.ROOT, "exponential moving average, decay %s per step", decay) : "none";
    }
}
