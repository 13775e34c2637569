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
     * @throws IllegalArgumentException if the lengths disagree or a label is not an emotion ordinal
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

    /** Number of samples. */
    public int size() {
        return labels.length;
    }

    /** Floats per sample. */
    public int featureLength() {
        return featureLength;
    }

    /** The backing feature array (not a copy). */
    public float[] features() {
        return features;
    }

    /** The backing label array (not a copy). */
    public int[] labels() {
        return labels;
    }

    /** Label of sample {@code i}. */
    public Emotion emotion(int i) {
        return Emotion.values()[labels[i]];
    }

    /** How many samples each emotion has (every emotion present as a key, possibly 0). */
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
