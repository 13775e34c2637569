package org.ser4j.cli;

/**
 * The exit codes every {@code ser4j} command returns, so that scripts can tell a partly failed run
 * from a run that could not start.
 */
final class ExitCodes {
    /** Everything worked. */
    static final int OK = 0;
    /**
     * The run happened, but some input file (or an output) failed, each failure named on stderr; or
     * the run was stopped by an {@link Error} such as {@link OutOfMemoryError} (one line says so and
     * what was already printed or written is kept).
     */
    static final int FAILED = 1;
    /** Nothing was done: bad usage, a missing folder, or a model that cannot be loaded. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
