package org.ser4j.training;

/** The training loss became NaN or infinite; the message says in which epoch and what to try. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with the given message.
     *
     * @param message names the epoch, the non-finite loss value and a setting to try instead
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
