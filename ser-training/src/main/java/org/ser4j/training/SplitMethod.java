package org.ser4j.training;

import java.util.Locale;
import java.util.Optional;

/** How a training run divides the labelled clips into train, validation and test parts. */
public enum SplitMethod {
    /** Whole speakers go to validation and test (no speaker is in two parts). */
    SPEAKER("speaker"),
    /** The notebook's stratified random 70/30 split, then 5 % of train for validation. */
    RANDOM("random");

    private final String id;

    SplitMethod(String id) {
        this.id = id;
    }

    /**
     * Command-line id.
     *
     * @return {@code speaker} or {@code random}, lower case; also the value stored in reports
     */
    public String id() {
        return id;
    }

    /**
     * The method with the given id, case-insensitive.
     *
     * @param id a command-line id such as {@code speaker} or {@code RANDOM}; surrounding whitespace
     *     is ignored; not null
     * @return the matching method, or empty if {@code id} names none
     * @throws NullPointerException if {@code id} is null
     */
    public static Optional<SplitMethod> fromId(String id) {
        String norm = id.trim().toLowerCase(Locale.ROOT);
        for (SplitMethod s : values()) {
            if (s.id.equals(norm)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
