/**
 * The training program: feature caching, input standardisation, the epoch loop with best-epoch
 * selection and early stopping, input checks, and the pipeline from corpus folders to a trained,
 * exported model. Depends on the engine only through {@link org.ser4j.training.nn.Network}; no
 * layers or kernels here (those live in {@code org.ser4j.training.nn}), no ONNX writing (that is
 * {@code org.ser4j.training.onnx}), no report formatting (that is {@code org.ser4j.training.report}).
 */
package org.ser4j.training;
