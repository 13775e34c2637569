package org.ser4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ser4j.core.audio.AudioFormatException;

/** One-line, user-facing descriptions of per-file failures (no stack traces). */
final class CliErrors {
    private CliErrors() {
    }

    /** A line naming {@code file} and saying what went wrong. */
    static String describe(Path file, Exception e) {
        if (e instanceof NoSuchFileException) {
            return file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return file + ": permission denied";
        }
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof AudioFormatException && msg.contains(file.toString())) {
            return msg; // already names the file
        }
        return file + ": " + msg;
    }
}
