/**
 * Calibration of predicted probabilities: reliability bins and expected calibration error
 * ({@link org.ser4j.training.calibration.Calibration}), and temperature scaling fitted on held-out
 * predictions ({@link org.ser4j.training.calibration.TemperatureScaling}). Pure functions of
 * probability arrays; no I/O.
 */
package org.ser4j.training.calibration;
