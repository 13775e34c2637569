package org.ser4j.core.corpus;

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

    /** The corpus id stored in {@link LabelledClip#corpus()}, e.g. {@code "crema-d"}. */
    String corpus();

    /** What this convention makes of {@code file}; see the interface comment. */
    Optional<ParseOutcome> parse(Path file);

    /** The file name without its extension (everything before the last dot). */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
