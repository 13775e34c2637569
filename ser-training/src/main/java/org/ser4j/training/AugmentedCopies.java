package org.ser4j.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.ser4j.core.audio.AudioFiles;
import org.ser4j.features.FeatureExtractor;

/**
 * The features of the waveform-augmented copies of a list of clips, one feature cache per copy
 * index (its key names the copy's settings and the seed, so changing either recomputes).
 *
 * <p>A copy that cannot be made is left out with one line to {@code problem}; its original is
 * kept. Both pipelines use this one class, so a fold and a plain run augment alike.
 */
final class AugmentedCopies {
    private final List<List<float[]>> rows;

    private AugmentedCopies(List<List<float[]>> rows) {
        this.rows = rows;
    }

    /** No copies at all. */
    static AugmentedCopies none() {
        return new AugmentedCopies(List.of());
    }

    /**
     * Loads (from the cache) or extracts the features of every copy of every file.
     *
     * @param files the clips' files, in the order later indices refer to
     */
    static AugmentedCopies load(WaveformAugmentation augmentation, long seed, FeatureExtractor extractor, Path cacheDirectory,
            List<Path> files, int threads, Consumer<String> info, Consumer<String> problem) {
        if (!augmentation.enabled()) {
            return none();
        }
        List<List<float[]>> rows = new ArrayList<>();
        for (int copy = 0; copy < augmentation.copies(); copy++) {
            int j = copy;
            FeatureCache cache = new FeatureCache(cacheDirectory, FeatureCache.configKey(extractor) + " " + augmentation.describeCopy(j, seed),
                    extractor.featureLength(), file -> extractor.extract(augmentation.apply(AudioFiles.read(file), j, seed)));
            info.accept(String.format(Locale.ROOT, "waveform copy %d/%d (speed %s)", j + 1, augmentation.copies(),
                    Double.toString(augmentation.speedOf(j))));
            FeatureCache.Result r = cache.load(files, threads, info);
            for (FeatureCache.Failure f : r.failures()) {
                problem.accept("leaving out waveform copy " + (j + 1) + " of " + f.file() + ": " + f.reason());
            }
            rows.add(r.features());
        }
        return new AugmentedCopies(rows);
    }

    /** The number of copies per clip. */
    int copies() {
        return rows.size();
    }

    /** Features of copy {@code copy} of clip {@code clip}, or null when that copy failed. */
    float[] row(int copy, int clip) {
        return rows.get(copy).get(clip);
    }
}
