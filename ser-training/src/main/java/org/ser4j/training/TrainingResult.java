package org.ser4j.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of {@link Trainer#train}: the per-epoch history and which epoch's parameters the
 * network now holds.
 *
 * @param history one record per epoch run, in order
 * @param bestEpoch the 1-based epoch with the best validation accuracy (the first on a tie)
 * @param bestValidationAccuracy its validation accuracy
 * @param stoppedEarly whether early stopping ended the run before the configured epochs
 */
public record TrainingResult(List<EpochRecord> history, int bestEpoch, double bestValidationAccuracy, boolean stoppedEarly) {
    /**
     * Copies the history.
     *
     * @param history one record per epoch run, in order; copied into an unmodifiable list
     * @param bestEpoch the 1-based epoch with the best validation accuracy (the first on a tie)
     * @param bestValidationAccuracy its validation accuracy, in [0, 1]
     * @param stoppedEarly whether early stopping ended the run before the configured epochs
     * @throws NullPointerException if {@code history} or one of its records is null
     */
    public TrainingResult {
        history = List.copyOf(history);
    }

    /**
     * Median training throughput over the epochs after the first (the first pays for JIT
     * warm-up); the first epoch's throughput when only one epoch ran.
     *
     * @return training samples per second of the optimisation steps alone (the mean of the two
     *     middle values for an even count), or NaN when the history is empty
     */
    public double trainSamplesPerSecond() {
        return medianThroughput(history);
    }

    static double medianThroughput(List<EpochRecord> history) {
        if (history.isEmpty()) {
            return Double.NaN;
        }
        List<Double> v = new ArrayList<>();
        for (int i = history.size() == 1 ? 0 : 1; i < history.size(); i++) {
            v.add(history.get(i).samplesPerSecond());
        }
        Collections.sort(v);
        int m = v.size();
        return m % 2 == 1 ? v.get(m / 2) : (v.get(m / 2 - 1) + v.get(m / 2)) / 2;
    }
}
