/**
 * Evaluation metrics: confusion matrix, accuracy, per-class precision/recall/F1, macro F1, most-confused pairs. No plotting here.
 */
package org.ser4j.core.metrics;
