package org.ser4j.training;

import java.util.Locale;
import java.util.Optional;

/** How model inputs are standardised before training and inference. */
public enum Standardization {
    /** Inputs are used as extracted (the notebook's recipe). */
    NONE("none"),
    /** One mean and one standard deviation over every value of every training input. */
    GLOBAL("global"),
    /** One mean and standard deviation per input position, over the training inputs. */
    PER_FEATURE("per-feature");

    private final String id;

    Standardization(String id) {
        this.id = id;
    }

    /**
     * Command-line id: {@code none}, {@code global} or {@code per-feature}.
     *
     * @return the lower-case id, as written to reports and accepted by {@link #fromId(String)}
     */
    public String id() {
        return id;
    }

    /**
     * The mode with the given id (case-insensitive; {@code per_feature} is accepted too).
     *
     * @param id a command-line id; surrounding whitespace is ignored and {@code _} counts as
     *     {@code -}; not null
     * @return the matching mode, or empty if {@code id} names none
     * @throws NullPointerException if {@code id} is null
     */
    public static Optional<Standardization> fromId(String id) {
        String norm = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Standardization s : values()) {
            if (s.id.equals(norm)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
