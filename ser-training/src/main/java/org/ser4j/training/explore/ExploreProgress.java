package org.ser4j.training.explore;

import java.nio.file.Path;

/** Hears about an exploration's progress; called on the exploring thread after each file. */
@FunctionalInterface
public interface ExploreProgress {
    /** Ignores progress. */
    ExploreProgress NONE = (done, total, file, problem) -> { };

    /**
     * One labelled file was processed.
     *
     * @param done files processed so far, 1-based
     * @param total labelled files in all
     * @param file the file just processed
     * @param problem null if the file was decoded, else why it could not be, as {@code "path: reason"}
     */
    void fileDone(int done, int total, Path file, String problem);
}
