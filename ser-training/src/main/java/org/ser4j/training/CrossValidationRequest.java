package org.ser4j.training;

import java.nio.file.Path;
import java.util.List;

/**
 * What to cross-validate and where to put the result.
 *
 * @param dataDirectories corpus folders, scanned recursively (any name the corpus scanner knows)
 * @param folds number of speaker-grouped folds, at least 2
 * @param outputDirectory where the reports, the out-of-fold predictions and (if asked for) the
 *     final model go
 * @param cacheDirectory where features are cached
 * @param config the hyper-parameters of every fold ({@link TrainingConfig#patience()} is not used:
 *     every fold runs all epochs so that the epoch count can be chosen from all folds)
 * @param finalModel whether to train a model on all clips for the chosen epoch count afterwards
 *     and export it, with the fitted temperature in its metadata
 * @param speakerNormalization whether every feature row is first standardised over its speaker's
 *     clips (a measurement: such a model cannot be served, so it excludes {@code finalModel})
 */
public record CrossValidationRequest(List<Path> dataDirectories, int folds, Path outputDirectory, Path cacheDirectory,
        TrainingConfig config, boolean finalModel, boolean speakerNormalization) {

    /**
     * A request without speaker normalisation.
     *
     * @param dataDirectories corpus folders
     * @param folds number of speaker-grouped folds, at least 2
     * @param outputDirectory where the results go
     * @param cacheDirectory where features are cached; not null
     * @param config the hyper-parameters of every fold; not null
     * @param finalModel whether to train and export a model on all clips afterwards
     * @throws IllegalArgumentException as the canonical constructor
     */
    public CrossValidationRequest(List<Path> dataDirectories, int folds, Path outputDirectory, Path cacheDirectory,
            TrainingConfig config, boolean finalModel) {
        this(dataDirectories, folds, outputDirectory, cacheDirectory, config, finalModel, false);
    }

    /** Default number of folds. */
    public static final int DEFAULT_FOLDS = 5;

    /**
     * Checks the arguments.
     *
     * @param dataDirectories corpus folders; copied into an unmodifiable list (existence and
     *     content are checked by {@link CrossValidationPipeline#run})
     * @param folds number of speaker-grouped folds, at least 2
     * @param outputDirectory where the results go; checked by {@link CrossValidationPipeline#run}
     * @param cacheDirectory where features are cached; not null
     * @param config the hyper-parameters of every fold; not null
     * @param finalModel whether to train and export a model on all clips afterwards
     * @param speakerNormalization whether to standardise every feature row over its speaker's clips
     * @throws IllegalArgumentException if {@code folds < 2}, {@code config} or
     *     {@code cacheDirectory} is null, or speaker normalisation is asked for with a final model
     *     or with waveform copies
     * @throws NullPointerException if {@code dataDirectories} or an element is null
     */
    public CrossValidationRequest {
        if (speakerNormalization && finalModel) {
            throw new IllegalArgumentException("a model trained on per-speaker normalised inputs needs its speaker's statistics at "
                    + "inference, which classify does not have: speaker normalisation is a cross-validation measurement, without a final model");
        }
        if (speakerNormalization && config != null && config.waveform().enabled()) {
            throw new IllegalArgumentException("speaker normalisation does not combine with waveform copies");
        }
        dataDirectories = List.copyOf(dataDirectories);
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds);
        }
        if (config == null || cacheDirectory == null) {
            throw new IllegalArgumentException("config and cache directory must be given");
        }
    }
}
