/**
 * The hand-written training engine: layers (convolution with fused bias and ReLU, max pooling,
 * flatten, dense), softmax cross-entropy, Keras-style L2 and Adam, the numerical kernels (Vector
 * API with a scalar fallback) and the two reference {@link org.ser4j.training.nn.Architectures}.
 * Entry points: {@link org.ser4j.training.nn.Network} and
 * {@link org.ser4j.training.nn.Architectures#build}. No file I/O, reporting or ONNX here.
 */
package org.ser4j.training.nn;
