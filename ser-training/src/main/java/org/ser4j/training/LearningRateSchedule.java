package org.ser4j.training;

import java.util.Locale;

/**
 * How the learning rate changes during training: constant (the notebook's), or a cosine decay
 * from {@link TrainingConfig#learningRate()} down to {@value #COSINE_FLOOR} of it over
 * {@link #horizonEpochs()} epochs, step by step (SGDR without restarts, Loshchilov &amp; Hutter
 * 2017).
 *
 * <p>The horizon is a fixed number of epochs rather than "however many epochs this run has", so
 * that a final model trained for the epoch count chosen by cross-validation sees the same rate at
 * each epoch as the fold models did: a run stopped at epoch {@code e} of a {@code 30}-epoch
 * horizon keeps the rate it had at {@code e}, it does not decay faster.
 *
 * @param cosine true for cosine decay, false for a constant rate
 * @param horizonEpochs epochs over which the cosine decays (at least 1); 0 for a constant rate
 */
public record LearningRateSchedule(boolean cosine, int horizonEpochs) {
    /** The constant rate. */
    public static final LearningRateSchedule CONSTANT = new LearningRateSchedule(false, 0);
    /** The share of the base rate a cosine schedule ends at (and keeps after its horizon). */
    public static final double COSINE_FLOOR = 0.01;

    /**
     * Checks the arguments.
     *
     * @param cosine true for cosine decay, false for a constant rate
     * @param horizonEpochs at least 1 for cosine decay; 0 for a constant rate
     * @throws IllegalArgumentException if the horizon does not fit the kind
     */
    public LearningRateSchedule {
        if (cosine ? horizonEpochs < 1 : horizonEpochs != 0) {
            throw new IllegalArgumentException(cosine
                    ? "a cosine schedule needs a horizon of at least 1 epoch, got " + horizonEpochs
                    : "a constant schedule has no horizon, got " + horizonEpochs);
        }
    }

    /**
     * Cosine decay over {@code horizonEpochs} epochs.
     *
     * @param horizonEpochs epochs until the rate reaches {@value #COSINE_FLOOR} of the base rate,
     *     at least 1
     * @return the schedule
     * @throws IllegalArgumentException if {@code horizonEpochs} is less than 1
     */
    public static LearningRateSchedule cosine(int horizonEpochs) {
        return new LearningRateSchedule(true, horizonEpochs);
    }

    /**
     * The factor on the base learning rate for a step.
     *
     * @param epoch the 1-based epoch
     * @param step the 0-based step within the epoch
     * @param stepsPerEpoch steps per epoch, at least 1
     * @return 1 for a constant schedule; otherwise
     *     {@code FLOOR + (1 - FLOOR) * (1 + cos(pi * t)) / 2} with
     *     {@code t = min(1, (epoch - 1 + step / stepsPerEpoch) / horizonEpochs)}: 1 at the first
     *     step, decreasing, {@value #COSINE_FLOOR} from the horizon on
     * @throws IllegalArgumentException if {@code epoch} or {@code stepsPerEpoch} is below 1, or
     *     {@code step} is outside {@code 0 .. stepsPerEpoch - 1}
     */
    public double factor(int epoch, int step, int stepsPerEpoch) {
        if (epoch < 1 || stepsPerEpoch < 1 || step < 0 || step >= stepsPerEpoch) {
            throw new IllegalArgumentException("no step " + step + " of " + stepsPerEpoch + " in epoch " + epoch);
        }
        if (!cosine) {
            return 1.0;
        }
        double t = Math.min(1.0, (epoch - 1 + step / (double) stepsPerEpoch) / horizonEpochs);
        return COSINE_FLOOR + (1 - COSINE_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * t));
    }

    /**
     * A short description for reports.
     *
     * @return {@code "constant"} or {@code "cosine over N epochs"}
     */
    public String describe() {
        return cosine ? String.format(Locale.ROOT, "cosine over %d epochs", horizonEpochs) : "constant";
    }
}
