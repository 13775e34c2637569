/**
 * ONNX files of trained {@link org.ser4j.training.nn.Network}s (IR 8, opset 17) with the
 * {@code ai.onnx.proto.OnnxMl} protobuf classes, carrying {@link org.ser4j.core.model.ModelMetadata}
 * as metadata properties: {@link org.ser4j.training.onnx.OnnxExporter} writes the float graph,
 * {@link org.ser4j.training.onnx.OnnxImporter} reads it back into layers and a network
 * ({@link org.ser4j.training.onnx.ImportedModel}), and {@link org.ser4j.training.onnx.QdqExporter}
 * writes its int8 (static QDQ) twin from calibrated ranges. No inference and no training logic
 * here (calibration runs in {@code org.ser4j.training.ModelQuantization}).
 */
package org.ser4j.training.onnx;
