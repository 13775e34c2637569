/**
 * Reports of a training or evaluation run: {@link org.ser4j.training.report.ClassMetrics}, the
 * serialisable view of ser-core's {@link org.ser4j.core.metrics.ClassificationReport} (which does
 * the computing), the {@code report.json} document, the human-readable {@code report.md}, and the
 * figures {@code confusion.png}, {@code f1.png} and {@code history.png}, drawn with the shared
 * {@link org.ser4j.training.charts.Charts}. Every file is written atomically. No metric
 * arithmetic, chart styling, training, feature extraction or ONNX code here.
 */
package org.ser4j.training.report;
