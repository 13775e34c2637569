package org.ser4j.training;

import org.ser4j.core.Ser4jException;

/** The training loss became NaN or infinite; the message says in which epoch and what to try. */
public class TrainingDivergedException extends Ser4jException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message names the epoch, the non-finite loss value and a setting to try instead
     */
    public TrainingDivergedException(String message) {
        super(message);
    }

    /**
     * An exception naming the setting to change.
     *
     * @param message names the epoch and the non-finite loss value
     * @param setting the {@link TrainingConfig} component to change, e.g. {@code "learningRate"}
     */
    public TrainingDivergedException(String message, String setting) {
        super(message, setting, null);
    }
}
