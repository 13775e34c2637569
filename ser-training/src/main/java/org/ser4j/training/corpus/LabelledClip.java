package org.ser4j.training.corpus;

import java.nio.file.Path;
import java.util.Objects;
import org.ser4j.core.Emotion;

/**
 * One labelled recording of a corpus.
 *
 * @param path the audio file
 * @param emotion its label
 * @param speaker speaker id, unique within the corpus, e.g. {@code "1001"}, {@code "Actor_03"}
 * @param corpus which convention named it, e.g. {@code "crema-d"}, {@code "ravdess"},
 *     {@code "emodb"}, {@code "tess"}, {@code "savee"}, {@code "folder"}
 * @param intensity the corpus's intensity code (CREMA-D LO/MD/HI/XX, RAVDESS normal/strong),
 *     or {@code ""} where the corpus has none
 */
public record LabelledClip(Path path, Emotion emotion, String speaker, String corpus, String intensity) {
    /**
     * Checks the arguments.
     *
     * @param path the audio file, not null
     * @param emotion its label, not null
     * @param speaker speaker id, unique within the corpus, not null
     * @param corpus which convention named it, e.g. {@code "crema-d"}, not null
     * @param intensity the corpus's intensity code, {@code ""} where the corpus has none; not null
     * @throws NullPointerException if any argument is null
     */
    public LabelledClip {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(emotion, "emotion");
        Objects.requireNonNull(speaker, "speaker");
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(intensity, "intensity");
    }

    /**
     * Speaker id qualified by corpus, so that speakers of different corpora never collide.
     *
     * @return {@code corpus + ":" + speaker}, e.g. {@code "crema-d:1001"}
     */
    public String speakerKey() {
        return corpus + ":" + speaker;
    }
}
