package org.ser4j.training;

import org.ser4j.core.Ser4jException;

/**
 * The input of a training or evaluation run is unusable: a missing, empty or unreadable data
 * directory, fewer than two classes, a class absent from the training part, an unwritable output
 * directory, and the like. Raised before any training starts; the message names the path or class
 * and says what is wrong, and is meant to be shown to the user as is.
 */
public class TrainingInputException extends Ser4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message what is wrong, naming the path or class at fault; shown to the user as is
     */
    public TrainingInputException(String message) {
        super(message);
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message what is wrong, naming the path or class at fault; shown to the user as is
     * @param cause the underlying failure (typically an {@link java.io.IOException}), or null
     */
    public TrainingInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * An exception naming the setting to change.
     *
     * @param message what is wrong, naming the path or class at fault
     * @param setting the {@link TrainingRequest} or {@link TrainingConfig} component to change,
     *     e.g. {@code "dataDirs"}
     * @param cause the underlying failure, or null
     */
    public TrainingInputException(String message, String setting, Throwable cause) {
        super(message, setting, cause);
    }
}
