package org.ser4j.training;

import java.nio.file.Path;
import java.util.List;

/**
 * What to train on and where to put the result.
 *
 * @param dataDirectories corpus folders, scanned recursively (CREMA-D, RAVDESS, EmoDB, TESS, SAVEE or
 *     folder-per-label names)
 * @param split how to divide the clips
 * @param validationFraction share of speakers held out for validation (speaker split only)
 * @param testFraction share of speakers held out for testing (speaker split only; may be 0)
 * @param outputDirectory where model.onnx and the reports go
 * @param cacheDirectory where features are cached
 * @param config the hyper-parameters
 */
public record TrainingRequest(List<Path> dataDirectories, SplitMethod split, double validationFraction, double testFraction,
        Path outputDirectory, Path cacheDirectory, TrainingConfig config) {

    /** Default validation share of the speaker split. */
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    /** Default test share of the speaker split. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    /**
     * Checks the arguments.
     *
     * @param dataDirectories corpus folders, scanned recursively; copied into an unmodifiable list
     *     (existence and content are checked later, by {@link TrainingPipeline#run})
     * @param split how to divide the clips; not null
     * @param validationFraction share of speakers held out for validation, in (0, 1) (used by the
     *     speaker split only, but checked for both)
     * @param testFraction share of speakers held out for testing, in [0, 1), with
     *     {@code validationFraction + testFraction < 1}
     * @param outputDirectory where model.onnx and the reports go; not checked here (a null one is
     *     rejected by {@link TrainingPipeline#run})
     * @param cacheDirectory where features are cached; not null
     * @param config the hyper-parameters; not null
     * @throws IllegalArgumentException if {@code split}, {@code config} or {@code cacheDirectory} is
     *     null, or a fraction is out of range
     * @throws NullPointerException if {@code dataDirectories} or one of its elements is null
     */
    public TrainingRequest {
        dataDirectories = List.copyOf(dataDirectories);
        if (split == null || config == null || cacheDirectory == null) {
            throw new IllegalArgumentException("split, config and cache directory must be given");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + validationFraction);
        }
        if (!(testFraction >= 0 && testFraction < 1) || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("test fraction must be in [0, 1) and leave room for training, got "
                    + testFraction + " (validation " + validationFraction + ")");
        }
    }
}
