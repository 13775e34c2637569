package org.ser4j.training.explore;

import java.util.Objects;
import org.ser4j.training.corpus.ScanOptions;
import org.ser4j.features.FeatureConfig;

/**
 * Settings of a corpus exploration.
 *
 * @param seed seed of the random choice of the clip shown per emotion
 * @param thresholds limits of the quality checks
 * @param featureConfig feature settings: the log-mel figure's parameters and the fixed clip length
 *     (in samples at its sample rate) that durations are compared with
 * @param scanOptions how the corpus scan labels files
 * @param maxClipSeconds files declaring a longer duration are reported unreadable instead of
 *     decoded, so one huge file cannot exhaust memory (default 600 s)
 */
public record ExploreOptions(long seed, QualityThresholds thresholds, FeatureConfig featureConfig,
        ScanOptions scanOptions, double maxClipSeconds) {
    /** Default seed, as {@code ser4j explore} uses without {@code --seed}. */
    public static final long DEFAULT_SEED = 42;

    /** Defaults: seed 42, default thresholds, the notebook's feature configuration, default scan. */
    public static final ExploreOptions DEFAULT = new ExploreOptions(DEFAULT_SEED, QualityThresholds.DEFAULT,
            FeatureConfig.DEFAULT, ScanOptions.DEFAULT, 600.0);

    /**
     * Checks the arguments.
     *
     * @param seed seed of the random choice of the clip shown per emotion; any value
     * @param thresholds limits of the quality checks; not null
     * @param featureConfig feature settings of the log-mel figure and the fixed clip length; not
     *     null
     * @param scanOptions how the corpus scan labels files; not null
     * @param maxClipSeconds longest declared duration decoded, in seconds; positive (infinity
     *     allows any length)
     * @throws NullPointerException if {@code thresholds}, {@code featureConfig} or
     *     {@code scanOptions} is null
     * @throws IllegalArgumentException if {@code maxClipSeconds} is not positive (or is NaN)
     */
    public ExploreOptions {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(featureConfig, "featureConfig");
        Objects.requireNonNull(scanOptions, "scanOptions");
        if (!(maxClipSeconds > 0)) {
            throw new IllegalArgumentException("maxClipSeconds must be positive, got " + maxClipSeconds);
        }
    }

    /**
     * These options with another seed.
     *
     * @param newSeed seed of the random choice of the clip shown per emotion; any value
     * @return new options, otherwise equal to these
     */
    public ExploreOptions withSeed(long newSeed) {
        return new ExploreOptions(newSeed, thresholds, featureConfig, scanOptions, maxClipSeconds);
    }
}
