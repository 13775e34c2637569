/**
 * Reports of a training, evaluation or cross-validation run: {@link org.ser4j.training.report.ClassMetrics}, the
 * serialisable view of ser-core's {@link org.ser4j.training.metrics.ClassificationReport} (which does
 * the computing), the {@code report.json} document, the human-readable {@code report.md}, and the
 * figures {@code confusion.png}, {@code f1.png} and {@code history.png} (and, for a
 * cross-validation, {@link org.ser4j.training.report.CrossValidationReport},
 * {@code reliability.png}, {@code cv-epochs.png} and the out-of-fold predictions CSV), drawn with the shared
 * {@link org.ser4j.training.charts.Charts}. Every file is written atomically. No metric
 * arithmetic, chart styling, training, feature extraction or ONNX code here.
 */
package org.ser4j.training.report;
