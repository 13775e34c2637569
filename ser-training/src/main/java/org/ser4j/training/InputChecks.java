package org.ser4j.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.split.DatasetSplit;

/**
 * The checks a run makes before any feature extraction or training, each failing with a
 * {@link TrainingInputException} that names the path or class at fault.
 */
public final class InputChecks {
    private InputChecks() {
    }

    /**
     * Every data directory exists, is a readable directory and holds at least one regular file
     * somewhere below it.
     *
     * @param dirs the data directories, checked in order; the whole tree below each is walked
     * @throws TrainingInputException if {@code dirs} is null or empty, or a directory is missing,
     *     not a directory, not readable, holds no regular file, or cannot be walked
     */
    public static void dataDirectories(List<Path> dirs) {
        if (dirs == null || dirs.isEmpty()) {
            throw new TrainingInputException("no data directory given", "dataDirectories", null);
        }
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                throw new TrainingInputException("data directory " + dir + " does not exist");
            }
            if (!Files.isDirectory(dir)) {
                throw new TrainingInputException("data directory " + dir + " is not a directory");
            }
            if (!Files.isReadable(dir)) {
                throw new TrainingInputException("data directory " + dir + " is not readable");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                if (files.noneMatch(Files::isRegularFile)) {
                    throw new TrainingInputException("data directory " + dir + " is empty: it holds no files");
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new TrainingInputException("data directory " + dir + " cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The output directory exists or can be created, and a file can be written in it (checked by
     * creating and deleting a probe file).
     *
     * @param dir the output directory; created with its parents if missing (and left in place)
     * @throws TrainingInputException if {@code dir} is null, exists but is not a directory, or
     *     cannot be created or written to
     */
    public static void outputDirectory(Path dir) {
        if (dir == null) {
            throw new TrainingInputException("no output directory given", "outputDirectory", null);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new TrainingInputException("output directory " + dir + " exists and is not a directory");
        }
        try {
            createWritable(dir);
        } catch (IOException | SecurityException e) {
            throw new TrainingInputException("output directory " + dir + " is not writable: " + e, e);
        }
    }

    /**
     * The feature cache directory exists or can be created, and is writable.
     *
     * @param dir the cache directory; created with its parents if missing (and left in place);
     *     not null
     * @throws TrainingInputException if {@code dir} cannot be created or written to (including when
     *     it exists as a file)
     * @throws NullPointerException if {@code dir} is null
     */
    public static void cacheDirectory(Path dir) {
        try {
            createWritable(dir);
        } catch (IOException | SecurityException e) {
            throw new TrainingInputException("feature cache directory " + dir + " is not writable: " + e + " (choose another feature cache directory)", "cacheDirectory", e);
        }
    }

    /** Creates {@code dir} if needed and proves it writable by creating and deleting a probe file. */
    private static void createWritable(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.delete(Files.createTempFile(dir, ".ser4j-write-probe", ".tmp"));
    }

    /**
     * The clips hold at least two emotions.
     *
     * @param clips the labelled clips found by the scan
     * @param dirs the scanned directories, only named in the message
     * @throws TrainingInputException if {@code clips} is empty or all of one emotion
     */
    public static void atLeastTwoClasses(List<LabelledClip> clips, List<Path> dirs) {
        if (clips.isEmpty()) {
            throw new TrainingInputException("no labelled clips found in " + dirs
                    + " (file names follow no known corpus convention: CREMA-D, RAVDESS, EmoDB, TESS, SAVEE or folder-per-label)");
        }
        Map<Emotion, Integer> counts = counts(clips);
        if (counts.size() < 2) {
            throw new TrainingInputException("the corpus in " + dirs + " has only one class (" + counts.keySet().iterator().next().label()
                    + ", " + clips.size() + " clips); training needs at least two");
        }
    }

    /**
     * Every emotion in the corpus has clips in the training part, and the validation part is not
     * empty.
     *
     * @param split the train, validation and test clips
     * @throws TrainingInputException if an emotion of the validation or test part is absent from
     *     the training part, the training part has fewer than two emotions, or the validation part
     *     is empty
     */
    public static void trainingPartHasEveryClass(DatasetSplit split) {
        Map<Emotion, Integer> train = counts(split.train());
        for (List<LabelledClip> part : List.of(split.validation(), split.test())) {
            for (Map.Entry<Emotion, Integer> e : counts(part).entrySet()) {
                if (!train.containsKey(e.getKey())) {
                    throw new TrainingInputException("class " + e.getKey().label() + " is missing from the training part ("
                            + e.getValue() + " clips in validation/test, none in train); add more clips of it or use the random split",
                            "split", null);
                }
            }
        }
        if (train.size() < 2) {
            throw new TrainingInputException("the training part has fewer than two classes: " + train.keySet());
        }
        if (split.validation().isEmpty()) {
            throw new TrainingInputException("the validation part is empty; use more data or a larger validation fraction",
                    "validationFraction", null);
        }
    }

    /** Clips per emotion, only emotions that occur. */
    static Map<Emotion, Integer> counts(List<LabelledClip> clips) {
        Map<Emotion, Integer> m = new EnumMap<>(Emotion.class);
        for (LabelledClip c : clips) {
            m.merge(c.emotion(), 1, Integer::sum);
        }
        return m;
    }
}
