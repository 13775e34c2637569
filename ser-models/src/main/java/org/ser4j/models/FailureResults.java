package org.ser4j.models;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * How failures of a batch run become {@link ClassificationResult}s: each carries the exception
 * itself (a missing file stays a {@code NoSuchFileException}, a model fault its own type), files
 * never classified because the run was interrupted carry a {@link CancellationException}, and an
 * {@link Error} is never turned into a result.
 */
final class FailureResults {
    private FailureResults() {
    }

    /** The same failure for every file of a group. */
    static List<ClassificationResult> all(List<Path> files, Exception e) {
        return files.stream().map(p -> ClassificationResult.failure(p, e)).toList();
    }

    /** "classification interrupted" for every file of a group. */
    static List<ClassificationResult> interrupted(List<Path> files) {
        return files.stream().map(FailureResults::interrupted).toList();
    }

    /** "classification interrupted" for one file. */
    static ClassificationResult interrupted(Path file) {
        return ClassificationResult.failure(file, new CancellationException(file + ": classification interrupted"));
    }

    /**
     * The exception a group's task failed with, to become its files' results.
     *
     * @throws Error the task's own, rethrown: an Error stops the run
     */
    static Exception cause(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error err) {
            throw err;
        }
        return cause instanceof Exception x ? x : new RuntimeException(cause);
    }
}
