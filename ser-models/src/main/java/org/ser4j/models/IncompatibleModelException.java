package org.ser4j.models;

/**
 * A model opened fine but is not one this ser4j can use: its ser4j metadata is missing,
 * malformed or of an unsupported format, its labels are not the six {@link org.ser4j.core.Emotion}
 * labels, or its input or output shape is not what the metadata implies. The message names the
 * model and the mismatch.
 */
public class IncompatibleModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error about the named model. */
    public IncompatibleModelException(String model, String problem) {
        super(model + ": " + problem);
    }

    /** An error about the named model with an underlying cause. */
    public IncompatibleModelException(String model, String problem, Throwable cause) {
        super(model + ": " + problem, cause);
    }
}
