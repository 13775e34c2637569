package org.ser4j.training.calibration;

/**
 * One confidence bin of a reliability diagram.
 *
 * @param lower lower edge of the bin's confidence range (exclusive, except 0 for the first bin)
 * @param upper upper edge (inclusive)
 * @param count predictions whose confidence falls in the bin
 * @param meanConfidence mean confidence (top probability) of those predictions, NaN when empty
 * @param accuracy fraction of those predictions that are correct, NaN when empty
 */
public record ReliabilityBin(double lower, double upper, long count, double meanConfidence, double accuracy) {
}
