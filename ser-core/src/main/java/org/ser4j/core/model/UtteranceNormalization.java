package org.ser4j.core.model;

import java.util.Optional;

/**
 * Whether a model's features are normalised per utterance before its (fitted, global or per
 * feature) standardisation. Part of the feature pipeline: stored in {@link ModelMetadata} as
 * {@code ser4j.feature.utterance_norm}, applied by the feature extractors in training and in
 * inference alike.
 *
 * <p>Why: the fitted standardisation uses statistics of the training corpora, so a recording
 * made with another microphone, room or level reaches the model shifted. Normalising each clip
 * by its own statistics removes such per-recording offsets and scales (spectral tilt, gain),
 * at the price of also removing whatever emotion information they carried.
 */
public enum UtteranceNormalization {
    /** Features as extracted (the reference notebook). */
    NONE("none"),
    /**
     * Mean and variance normalisation of every feature row (each mel band; the ZCR row; the RMS
     * row) over the clip's own frames: {@code x' = (x - mean) / std}, mean and population
     * standard deviation taken over the frames whose centre lies inside the clip's samples
     * (after silence trimming, before padding: frames {@code 0 .. ceil(n / hop) - 1} of a clip
     * of {@code n} samples, at least one, at most all), applied to every frame, padded ones
     * included. A standard deviation below {@code 1e-8} (a constant row) is taken as 1.
     */
    CMVN("cmvn");

    private final String id;

    UtteranceNormalization(String id) {
        this.id = id;
    }

    /**
     * Short id used on the command line and in model metadata.
     *
     * @return {@code "none"} or {@code "cmvn"}
     */
    public String id() {
        return id;
    }

    /**
     * The normalisation with the given id.
     *
     * @param id {@code "none"} or {@code "cmvn"}, case-insensitive; null matches none
     * @return the normalisation, or empty if {@code id} is null or unknown
     */
    public static Optional<UtteranceNormalization> fromId(String id) {
        for (UtteranceNormalization u : values()) {
            if (u.id.equalsIgnoreCase(id)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
