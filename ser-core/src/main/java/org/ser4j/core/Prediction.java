package org.ser4j.core;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable classification result: one probability per {@link Emotion}, and the top emotion.
 *
 * <p>Probabilities are stored in {@link Emotion} order, are finite and non-negative, and sum to 1
 * (within 1e-3; the constructor renormalises small drift).
 */
public final class Prediction {
    private final float[] probabilities;
    private final Emotion emotion;

    private Prediction(float[] probabilities) {
        this.probabilities = probabilities;
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        this.emotion = Emotion.values()[best];
    }

    /**
     * A prediction from a probability vector in {@link Emotion} order.
     *
     * @param probabilities one probability per emotion, in {@link Emotion} order (copied)
     * @return the prediction, its probabilities renormalised to sum to exactly 1
     * @throws IllegalArgumentException if the vector has the wrong length, holds a negative or
     *     non-finite value, or does not sum to 1 within 1e-3
     */
    public static Prediction of(float[] probabilities) {
        if (probabilities == null || probabilities.length != Emotion.COUNT) {
            throw new IllegalArgumentException("expected " + Emotion.COUNT + " probabilities, got "
                    + (probabilities == null ? "null" : probabilities.length));
        }
        double sum = 0;
        for (float p : probabilities) {
            if (!Float.isFinite(p) || p < 0) {
                throw new IllegalArgumentException("invalid probability " + p + " in " + Arrays.toString(probabilities));
            }
            sum += p;
        }
        if (Math.abs(sum - 1.0) > 1e-3) {
            throw new IllegalArgumentException("probabilities sum to " + sum + ", not 1: " + Arrays.toString(probabilities));
        }
        float[] copy = new float[Emotion.COUNT];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = (float) (probabilities[i] / sum);
        }
        return new Prediction(copy);
    }

    /**
     * The most probable emotion.
     *
     * @return the emotion with the highest probability (the first one in {@link Emotion} order on
     *     a tie)
     */
    public Emotion emotion() {
        return emotion;
    }

    /**
     * The probability of one emotion.
     *
     * @param e the emotion
     * @return its probability, in [0, 1]
     */
    public float probability(Emotion e) {
        return probabilities[e.ordinal()];
    }

    /**
     * All probabilities.
     *
     * @return a copy of the probabilities, in {@link Emotion} order
     */
    public float[] probabilities() {
        return probabilities.clone();
    }

    /**
     * The probabilities as a map.
     *
     * @return a new map from each emotion to its probability, iterating in {@link Emotion} order
     */
    public Map<Emotion, Float> asMap() {
        Map<Emotion, Float> m = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            m.put(e, probabilities[e.ordinal()]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prediction p && Arrays.equals(probabilities, p.probabilities);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(emotion.label()).append(' ').append('{');
        for (Emotion e : Emotion.values()) {
            if (e.ordinal() > 0) {
                sb.append(", ");
            }
            sb.append(e.label()).append('=').append(String.format(java.util.Locale.ROOT, "%.4f", probabilities[e.ordinal()]));
        }
        return sb.append('}').toString();
    }
}
