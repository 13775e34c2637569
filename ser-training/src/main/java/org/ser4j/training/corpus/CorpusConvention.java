package org.ser4j.training.corpus;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One corpus file-naming convention: it recognises the files that follow it and reads their
 * label, speaker and intensity from the name (and, for {@link FolderLabelConvention}, the parent
 * folder). It never opens the file.
 *
 * <p>{@link #parse(Path)} answers one of three things:
 * <ul>
 *   <li>empty: the file does not look like this convention at all (another may claim it);</li>
 *   <li>{@link ParseOutcome.Labelled}: the name is valid and carries one of the six emotions;</li>
 *   <li>{@link ParseOutcome.Skipped}: the name looks like this convention but is malformed, or
 *       names an emotion outside the six; the reason names the file.</li>
 * </ul>
 * A convention never guesses: a name it cannot fully validate is skipped, not labelled.
 * Implementations are immutable and thread-safe.
 */
public interface CorpusConvention {

    /**
     * The corpus id stored in {@link LabelledClip#corpus()}, e.g. {@code "crema-d"}.
     *
     * @return the constant id of this convention: {@code "crema-d"}, {@code "ravdess"},
     *     {@code "emodb"}, {@code "tess"}, {@code "savee"} or {@code "folder"} for the built-in ones
     */
    String corpus();

    /**
     * What this convention makes of {@code file}; see the interface comment.
     *
     * @param file the audio file; only its name (and, for {@link FolderLabelConvention}, its parent
     *     folder's name) is read, so it need not exist
     * @return empty if the name does not look like this convention; otherwise
     *     {@link ParseOutcome.Labelled} or {@link ParseOutcome.Skipped} with a reason naming the file
     */
    Optional<ParseOutcome> parse(Path file);

    /**
     * The file name without its extension (everything before the last dot).
     *
     * @param file a path that has a file name (not a root such as {@code /})
     * @return the name up to its last dot; the whole name if it has no dot, {@code ""} for
     *     {@code .wav}
     * @throws NullPointerException if {@code file} is null or has no file name
     */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
