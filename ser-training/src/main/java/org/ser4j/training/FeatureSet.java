package org.ser4j.training;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.ser4j.core.Emotion;

/**
 * Model inputs with their labels, held as one row-major array: sample {@code i} occupies
 * {@code features[i * featureLength .. (i + 1) * featureLength)} and has label
 * {@code labels[i]}, an {@link Emotion} ordinal.
 *
 * <p>The arrays are not copied; treat them as read-only once wrapped (standardisation creates a
 * new set).
 */
public final class FeatureSet {
    private final float[] features;
    private final int[] labels;
    private final int featureLength;

    /**
     * Wraps the arrays.
     *
     * @param features the inputs, {@code [size][featureLength]} flattened row-major; not copied
     * @param labels one {@link Emotion} ordinal per sample, in {@code [0, Emotion.COUNT)}; not
     *     copied; its length is the set's size (may be 0)
     * @param featureLength floats per sample, positive
     * @throws IllegalArgumentException if {@code featureLength} is not positive, the lengths disagree
     *     ({@code features.length != labels.length * featureLength}) or a label is not an emotion
     *     ordinal
     * @throws NullPointerException if an array is null
     */
    public FeatureSet(float[] features, int[] labels, int featureLength) {
        if (featureLength <= 0) {
            throw new IllegalArgumentException("feature length must be positive, got " + featureLength);
        }
        if ((long) labels.length * featureLength != features.length) {
            throw new IllegalArgumentException(labels.length + " labels need " + (long) labels.length * featureLength
                    + " feature values, got " + features.length);
        }
        for (int l : labels) {
            if (l < 0 || l >= Emotion.COUNT) {
                throw new IllegalArgumentException("label " + l + " is not an emotion index (0.." + (Emotion.COUNT - 1) + ")");
            }
        }
        this.features = features;
        this.labels = labels;
        this.featureLength = featureLength;
    }

    /**
     * Number of samples.
     *
     * @return the length of the label array, 0 or more
     */
    public int size() {
        return labels.length;
    }

    /**
     * Floats per sample.
     *
     * @return the row length of {@link #features()}, positive
     */
    public int featureLength() {
        return featureLength;
    }

    /**
     * The backing feature array (not a copy).
     *
     * @return {@code [size][featureLength]} flattened row-major; do not modify
     */
    public float[] features() {
        return features;
    }

    /**
     * The backing label array (not a copy).
     *
     * @return one {@link Emotion} ordinal per sample, {@code size()} long; do not modify
     */
    public int[] labels() {
        return labels;
    }

    /**
     * Label of sample {@code i}.
     *
     * @param i sample index, in {@code [0, size())}
     * @return the emotion whose ordinal is {@code labels()[i]}
     * @throws ArrayIndexOutOfBoundsException if {@code i} is out of range
     */
    public Emotion emotion(int i) {
        return Emotion.values()[labels[i]];
    }

    /**
     * How many samples each emotion has (every emotion present as a key, possibly 0).
     *
     * @return a new mutable map in {@link Emotion} order, with counts summing to {@link #size()}
     */
    public Map<Emotion, Integer> classCounts() {
        Map<Emotion, Integer> m = new EnumMap<>(Emotion.class);
        for (Emotion e : Emotion.values()) {
            m.put(e, 0);
        }
        for (int l : labels) {
            m.merge(Emotion.values()[l], 1, Integer::sum);
        }
        return m;
    }

    /** Copies samples {@code order[0..count)} into the front of {@code x} and {@code y}. */
    void gather(int[] order, int from, int count, float[] x, int[] y) {
        for (int j = 0; j < count; j++) {
            int i = order[from + j];
            System.arraycopy(features, i * featureLength, x, j * featureLength, featureLength);
            y[j] = labels[i];
        }
    }

    @Override
    public String toString() {
        return "FeatureSet[" + size() + " x " + featureLength + ", " + Arrays.toString(classCounts().values().toArray()) + "]";
    }
}
