package org.ser4j.models;

import org.ser4j.core.Ser4jException;

/**
 * A model opened fine but is not one this ser4j can use: its ser4j metadata is missing,
 * malformed or of an unsupported format, its labels are not the six {@link org.ser4j.core.Emotion}
 * labels, or its input or output shape is not what the metadata implies. The message names the
 * model and the mismatch. A {@link Ser4jException}, like every failure of ser4j's own.
 */
public class IncompatibleModelException extends Ser4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An error about the named model.
     *
     * @param model the model as the user knows it: a file path or a class-path resource such as
     *     {@code org/ser4j/models/bundled/time.onnx}
     * @param problem what does not fit, e.g. {@code "expected exactly one input, found [a, b]"};
     *     the message is {@code model + ": " + problem}
     */
    public IncompatibleModelException(String model, String problem) {
        super(model + ": " + problem);
    }

    /**
     * An error about the named model with an underlying cause.
     *
     * @param model the model as the user knows it: a file path or a class-path resource such as
     *     {@code org/ser4j/models/bundled/time.onnx}
     * @param problem what does not fit, e.g. {@code "expected exactly one input, found [a, b]"};
     *     the message is {@code model + ": " + problem}
     * @param cause the exception that revealed the problem, e.g. the
     *     {@link IllegalArgumentException} from parsing the metadata; may be null
     */
    public IncompatibleModelException(String model, String problem, Throwable cause) {
        super(model + ": " + problem, cause);
    }
}
