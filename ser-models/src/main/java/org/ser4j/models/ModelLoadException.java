package org.ser4j.models;

import org.ser4j.core.Ser4jException;

/**
 * A model could not be loaded: a bundled resource is missing, its SHA-256 does not match, or the
 * bytes are not a model ONNX Runtime can open. The message names the model.
 */
public class ModelLoadException extends Ser4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An error about the named model.
     *
     * @param model the model as the user knows it: a file path or a class-path resource such as
     *     {@code org/ser4j/models/bundled/time.onnx}
     * @param problem what went wrong, e.g. {@code "SHA-256 mismatch: ..."}; the message is
     *     {@code model + ": " + problem}
     */
    public ModelLoadException(String model, String problem) {
        super(model + ": " + problem);
    }

    /**
     * An error about the named model with an underlying cause.
     *
     * @param model the model as the user knows it: a file path or a class-path resource such as
     *     {@code org/ser4j/models/bundled/time.onnx}
     * @param problem what went wrong, e.g. {@code "SHA-256 mismatch: ..."}; the message is
     *     {@code model + ": " + problem}
     * @param cause the exception that revealed the problem, e.g. ONNX Runtime's {@code OrtException}
     *     or an {@link java.io.IOException}; may be null
     */
    public ModelLoadException(String model, String problem, Throwable cause) {
        super(model + ": " + problem, cause);
    }
}
