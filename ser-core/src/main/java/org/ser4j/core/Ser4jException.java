package org.ser4j.core;

/**
 * The unchecked root of ser4j's own failures: a model that cannot be loaded or does not fit the
 * library, inference that fails, training input that cannot be used, training that diverges.
 * Catch it to handle every ser4j failure at once; catch a subclass to handle one.
 *
 * <p>Malformed or unreadable audio is not a {@code Ser4jException}: it is an I/O problem of one
 * input and stays a checked {@link java.io.IOException}
 * ({@link org.ser4j.core.audio.AudioFormatException} for content that is not valid audio).
 * Programming errors (a null argument, an out-of-range setting) are the JDK's
 * {@link NullPointerException} and {@link IllegalArgumentException}.
 *
 * <p>Messages describe the problem in the library's terms (the setting, the file, the field);
 * they never name a command-line flag. {@link #setting()} names the setting to change, when
 * there is one, so that a front end can map it to its own flag or field.
 */
public class Ser4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The setting to change, or null. */
    private final String setting;

    /**
     * A failure with a message.
     *
     * @param message what went wrong, in the library's terms
     */
    public Ser4jException(String message) {
        this(message, null, null);
    }

    /**
     * A failure with a message and its cause.
     *
     * @param message what went wrong, in the library's terms
     * @param cause the exception that revealed it; may be null
     */
    public Ser4jException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * A failure that a change of one setting may fix.
     *
     * @param message what went wrong, in the library's terms
     * @param setting the setting's name as the library's API spells it (for example
     *     {@code "learningRate"} of {@code TrainingConfig}); may be null
     * @param cause the exception that revealed it; may be null
     */
    public Ser4jException(String message, String setting, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /**
     * The setting whose change may fix the failure, as the library's API names it.
     *
     * @return the setting's name, or empty when no single setting is to blame
     */
    public java.util.Optional<String> setting() {
        return java.util.Optional.ofNullable(setting);
    }
}
