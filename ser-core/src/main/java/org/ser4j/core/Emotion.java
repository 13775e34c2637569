package org.ser4j.core;

import java.util.Locale;
import java.util.Optional;

/**
 * The six emotions ser4j recognises, in the order every model's output uses.
 *
 * <p>The order (anger, disgust, fear, happy, neutral, sad) is part of the model contract:
 * index {@code i} of a probability vector is {@code Emotion.values()[i]}. Each constant carries
 * its CREMA-D code ({@code ANG}, {@code DIS}, ...).
 */
public enum Emotion {
    /** Anger (CREMA-D {@code ANG}); output index 0. */
    ANGER("ANG"),
    /** Disgust (CREMA-D {@code DIS}); output index 1. */
    DISGUST("DIS"),
    /** Fear (CREMA-D {@code FEA}); output index 2. */
    FEAR("FEA"),
    /** Happiness (CREMA-D {@code HAP}); output index 3. */
    HAPPY("HAP"),
    /** Neutral (CREMA-D {@code NEU}); output index 4. */
    NEUTRAL("NEU"),
    /** Sadness (CREMA-D {@code SAD}); output index 5. */
    SAD("SAD");

    /** Number of emotions, i.e. the length of every probability vector. */
    public static final int COUNT = 6;

    private final String cremaCode;

    Emotion(String cremaCode) {
        this.cremaCode = cremaCode;
    }

    /**
     * The CREMA-D code.
     *
     * @return the three-letter code, e.g. {@code "ANG"}
     */
    public String cremaCode() {
        return cremaCode;
    }

    /**
     * The label used in reports and model metadata.
     *
     * @return the lower-case name, e.g. {@code "anger"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The emotion with a CREMA-D code.
     *
     * @param code a three-letter code such as {@code "ANG"}, case-insensitive
     * @return the emotion, or empty if the code is not one of the six
     */
    public static Optional<Emotion> fromCremaCode(String code) {
        for (Emotion e : values()) {
            if (e.cremaCode.equalsIgnoreCase(code)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The emotion named by a label: its {@link #label()}, constant name or CREMA-D code,
     * case-insensitive, plus the common synonyms {@code angry}, {@code happiness},
     * {@code fearful}, {@code sadness}, {@code disgusted}.
     *
     * @param label the label; surrounding white space is ignored
     * @return the emotion, or empty if the label names none of the six
     */
    public static Optional<Emotion> fromLabel(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        switch (l) {
            case "angry": return Optional.of(ANGER);
            case "happiness": return Optional.of(HAPPY);
            case "fearful": return Optional.of(FEAR);
            case "sadness": return Optional.of(SAD);
            case "disgusted": return Optional.of(DISGUST);
            default: break;
        }
        for (Emotion e : values()) {
            if (e.label().equals(l)) {
                return Optional.of(e);
            }
        }
        return fromCremaCode(l);
    }
}
