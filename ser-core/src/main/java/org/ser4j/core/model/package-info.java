/**
 * The contract between training and inference: {@link org.ser4j.core.model.FeatureKind} and
 * {@link org.ser4j.core.model.ModelMetadata}, the feature settings, labels and standardisation
 * stored inside every exported model. No ONNX or runtime code here.
 */
package org.ser4j.core.model;
