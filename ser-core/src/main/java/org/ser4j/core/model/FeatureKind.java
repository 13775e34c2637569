package org.ser4j.core.model;

import java.util.Optional;

/**
 * The two feature spaces of the reference notebook, and the model input shape each implies
 * (without the batch dimension).
 */
public enum FeatureKind {
    /** 157 zero-crossing rates then 157 RMS values; model input {@code [1, 314]}. */
    TIME_DOMAIN("time"),
    /** 128 mel bands by 157 frames of dB; model input {@code [1, 128, 157]}. */
    LOG_MEL("mel");

    private final String id;

    FeatureKind(String id) {
        this.id = id;
    }

    /**
     * Short id used on the command line and in model metadata: {@code "time"} or {@code "mel"}.
     *
     * @return {@code "time"} for {@link #TIME_DOMAIN}, {@code "mel"} for {@link #LOG_MEL}
     */
    public String id() {
        return id;
    }

    /**
     * The kind with the given id.
     *
     * @param id {@code "time"} or {@code "mel"}, case-insensitive; null matches no kind
     * @return the kind, or empty if {@code id} is null or not one of the two ids
     */
    public static Optional<FeatureKind> fromId(String id) {
        for (FeatureKind k : values()) {
            if (k.id.equalsIgnoreCase(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
