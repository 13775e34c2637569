/**
 * The contract between training and inference: feature kinds and the metadata stored inside every exported model. No ONNX or runtime code here.
 */
package org.ser4j.core.model;
