package org.ser4j.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.ser4j.core.Ser4jException;
import org.ser4j.core.audio.AudioFormatException;
import picocli.CommandLine.Model.CommandSpec;

/** One-line, user-facing descriptions of per-file failures (no stack traces). */
final class CliErrors {
    private CliErrors() {
    }

    /**
     * What every error line of a command starts with: the command's full name and a colon, e.g.
     * {@code "ser4j benchmark features: "}, so that a line in a script's log says which command
     * wrote it.
     */
    static String prefix(CommandSpec spec) {
        return spec.qualifiedName() + ": ";
    }

    /** The command-line flag for each library setting a {@link Ser4jException} can name. */
    private static final Map<String, String> FLAGS = Map.of(
            "dataDirectories", "--data DIR",
            "outputDirectory", "--out DIR",
            "cacheDirectory", "--cache DIR",
            "split", "--split random",
            "validationFraction", "--val-fraction",
            "learningRate", "--lr (or --standardize global)",
            "calibrationClips", "--clips N",
            "calibrationPercentile", "--percentile P",
            "quantizedOutput", "--out FILE");

    /**
     * A library failure's message with the flag that changes the setting it names, e.g.
     * {@code "the validation part is empty; ... (see --val-fraction)"}: the library speaks of its
     * settings, the command line of its flags.
     */
    static String message(Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof Ser4jException s) {
            String flag = s.setting().map(FLAGS::get).orElse(null);
            if (flag != null) {
                return msg + " (see " + flag + ")";
            }
        }
        return msg;
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

    /**
     * The line for a run stopped by an {@link Error} in a worker: what happened, how far the run
     * got, and that what was printed or written so far stands.
     */
    static String stopped(Error e, long done, long total) {
        String what = e instanceof OutOfMemoryError ? "ran out of memory (" + e + ")" : "stopped by " + e;
        return what + " after " + done + " of " + total + " files; every result before that was kept."
                + (e instanceof OutOfMemoryError ? " Give the JVM more heap (-Xmx) or lower --max-duration." : "");
    }
}
