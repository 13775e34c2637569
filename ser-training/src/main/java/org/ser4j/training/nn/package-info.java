/**
 * The hand-written training engine: layers, kernels, losses, the Adam optimiser and the two reference architectures. No file I/O, reporting or ONNX here.
 */
package org.ser4j.training.nn;
