/**
 * The training program: feature caching, input standardisation, per-sample loss weights, the
 * epoch loop with best-epoch selection, early stopping and training-time augmentation (waveform
 * copies of the training clips; SpecAugment, mixup and time shifts per batch), input
 * checks, the pipeline from corpus folders to a trained, exported model, and speaker-grouped
 * k-fold cross-validation ({@link org.ser4j.training.CrossValidationPipeline}, with per-speaker normalisation as a measurement). Depends on the engine only through {@link org.ser4j.training.nn.Network}; no
 * layers or kernels here (those live in {@code org.ser4j.training.nn}), no ONNX writing (that is
 * {@code org.ser4j.training.onnx}), no report formatting (that is {@code org.ser4j.training.report}), no calibration arithmetic
 * (that is {@code org.ser4j.training.calibration}).
 */
package org.ser4j.training;
