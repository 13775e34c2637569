package org.ser4j.training.corpus;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.ser4j.core.Emotion;

/**
 * Folder-per-label layout: the file's parent folder is named after its emotion, e.g.
 * {@code angry/clip7.wav} or {@code NEU/x.wav}. Folder names are read by
 * {@link Emotion#fromLabel(String)} (labels, constant names, CREMA-D codes and common synonyms,
 * case-insensitive).
 *
 * <p><b>Speaker fallback.</b> Such a layout says nothing about speakers, so the speaker id is the
 * file's name stem ({@code clip7}): files are assumed to be from different speakers unless they
 * share a stem. A speaker-disjoint split of such clips is therefore only a clip-level random
 * split. The intensity is {@code ""}.
 *
 * <p>Folders named after an emotion outside the six (calm, surprise(d), boredom, bored, contempt,
 * pleasant_surprise, ps, other) are claimed and their files skipped; any other folder name is not
 * this convention's.
 */
public final class FolderLabelConvention implements CorpusConvention {
    /** The convention; it holds no state, so one instance can serve any number of scans. */
    public FolderLabelConvention() {
    }

    /** The corpus id. */
    public static final String CORPUS = "folder";
    private static final Set<String> OTHER_EMOTIONS = Set.of(
            "calm", "surprise", "surprised", "boredom", "bored", "contempt", "pleasant_surprise",
            "pleasant_surprised", "ps", "other");

    @Override
    public String corpus() {
        return CORPUS;
    }

    @Override
    public Optional<ParseOutcome> parse(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        if (parent == null || parent.getFileName() == null) {
            return Optional.empty();
        }
        String folder = parent.getFileName().toString();
        Optional<Emotion> e = folder.isBlank() ? Optional.empty() : Emotion.fromLabel(folder);
        if (e.isPresent()) {
            return Optional.of(new ParseOutcome.Labelled(
                    new LabelledClip(file, e.get(), CorpusConvention.stem(file), CORPUS, "")));
        }
        if (OTHER_EMOTIONS.contains(folder.toLowerCase(Locale.ROOT))) {
            return Optional.of(new ParseOutcome.Skipped(file.getFileName() + ": folder label '" + folder
                    + "' is not one of the six emotions"));
        }
        return Optional.empty();
    }
}
