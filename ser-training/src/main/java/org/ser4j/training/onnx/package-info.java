/**
 * Export of trained {@link org.ser4j.training.nn.Network}s to ONNX (IR 8, opset 17) with the
 * {@code ai.onnx.proto.OnnxMl} protobuf classes, carrying {@link org.ser4j.core.model.ModelMetadata}
 * as metadata properties. Writing only: no inference and no training logic here.
 */
package org.ser4j.training.onnx;
