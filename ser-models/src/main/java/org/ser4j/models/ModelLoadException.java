package org.ser4j.models;

/**
 * A model could not be loaded: a bundled resource is missing, its SHA-256 does not match, or the
 * bytes are not a model ONNX Runtime can open. The message names the model.
 */
public class ModelLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error about the named model. */
    public ModelLoadException(String model, String problem) {
        super(model + ": " + problem);
    }

    /** An error about the named model with an underlying cause. */
    public ModelLoadException(String model, String problem, Throwable cause) {
        super(model + ": " + problem, cause);
    }
}
