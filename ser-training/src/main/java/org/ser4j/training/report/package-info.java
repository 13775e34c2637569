/**
 * Reports of a training or evaluation run: classification metrics from confusion counts, the
 * {@code report.json} document, the human-readable {@code report.md}, and the XChart figures
 * {@code confusion.png} and {@code f1.png}. Every file is written atomically. No training, feature
 * extraction or ONNX code here.
 */
package org.ser4j.training.report;
