package org.ser4j.training;

/**
 * What one epoch did.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss over the epoch's steps (cross-entropy plus L2 penalty)
 * @param trainAccuracy accuracy on (a fixed sample of) the training part after the epoch
 * @param validationAccuracy accuracy on the validation part after the epoch
 * @param validationLoss mean cross-entropy on the validation part (no penalty)
 * @param samplesPerSecond training samples per second of the optimisation steps alone
 * @param seconds wall time of the whole epoch, including evaluation
 */
public record EpochRecord(int epoch, double loss, double trainAccuracy, double validationAccuracy,
        double validationLoss, double samplesPerSecond, double seconds) {
}
