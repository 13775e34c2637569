/**
 * Evaluation metrics: a thread-safe {@link org.ser4j.training.metrics.ConfusionMatrix} and an
 * immutable {@link org.ser4j.training.metrics.ClassificationReport} (accuracy, per-class
 * precision/recall/F1, macro F1, most-confused pairs; 0/0 is defined as 0). No plotting or file
 * output here.
 */
package org.ser4j.training.metrics;
