package org.ser4j.core.metrics;

import java.util.Arrays;
import java.util.Objects;
import org.ser4j.core.Emotion;

/**
 * Counts of (actual, predicted) emotion pairs: row = actual emotion, column = predicted emotion,
 * both in {@link Emotion} order.
 *
 * <p>Mutable and thread-safe: several threads may {@link #add} to one matrix; matrices filled
 * separately can be combined with {@link #merge}.
 */
public final class ConfusionMatrix {
    private final long[][] counts = new long[Emotion.COUNT][Emotion.COUNT];

    /** An empty matrix. */
    public ConfusionMatrix() {
    }

    /**
     * A matrix holding the given counts ({@code counts[actual][predicted]}, 6 x 6, in
     * {@link Emotion} order).
     *
     * @throws IllegalArgumentException if the shape is not 6 x 6 or a count is negative
     */
    public static ConfusionMatrix of(long[][] counts) {
        Objects.requireNonNull(counts, "counts");
        if (counts.length != Emotion.COUNT) {
            throw new IllegalArgumentException("expected " + Emotion.COUNT + " rows, got " + counts.length);
        }
        ConfusionMatrix m = new ConfusionMatrix();
        for (int a = 0; a < Emotion.COUNT; a++) {
            if (counts[a] == null || counts[a].length != Emotion.COUNT) {
                throw new IllegalArgumentException("row " + a + " must have " + Emotion.COUNT + " counts");
            }
            for (int p = 0; p < Emotion.COUNT; p++) {
                if (counts[a][p] < 0) {
                    throw new IllegalArgumentException("negative count " + counts[a][p] + " at [" + a + "][" + p + "]");
                }
                m.counts[a][p] = counts[a][p];
            }
        }
        return m;
    }

    /** Records one prediction. */
    public void add(Emotion actual, Emotion predicted) {
        add(actual, predicted, 1);
    }

    /**
     * Records {@code n} predictions of {@code actual} as {@code predicted}.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public synchronized void add(Emotion actual, Emotion predicted, long n) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n);
        }
        counts[actual.ordinal()][predicted.ordinal()] += n;
    }

    /** Count of clips of {@code actual} predicted as {@code predicted}. */
    public synchronized long count(Emotion actual, Emotion predicted) {
        return counts[actual.ordinal()][predicted.ordinal()];
    }

    /** A copy of all counts, {@code [actual][predicted]} in {@link Emotion} order. */
    public synchronized long[][] counts() {
        long[][] c = new long[Emotion.COUNT][];
        for (int a = 0; a < Emotion.COUNT; a++) {
            c[a] = counts[a].clone();
        }
        return c;
    }

    /** Number of recorded predictions. */
    public synchronized long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long v : row) {
                t += v;
            }
        }
        return t;
    }

    /** Number of clips whose actual emotion is {@code actual} (its support). */
    public synchronized long actualTotal(Emotion actual) {
        long t = 0;
        for (long v : counts[actual.ordinal()]) {
            t += v;
        }
        return t;
    }

    /** Number of clips predicted as {@code predicted}. */
    public synchronized long predictedTotal(Emotion predicted) {
        long t = 0;
        for (long[] row : counts) {
            t += row[predicted.ordinal()];
        }
        return t;
    }

    /** Number of correct predictions (the trace). */
    public synchronized long correct() {
        long t = 0;
        for (int i = 0; i < Emotion.COUNT; i++) {
            t += counts[i][i];
        }
        return t;
    }

    /** Adds all of {@code other}'s counts to this matrix and returns this matrix. */
    public ConfusionMatrix merge(ConfusionMatrix other) {
        long[][] o = Objects.requireNonNull(other, "other").counts(); // snapshot outside our lock
        synchronized (this) {
            for (int a = 0; a < Emotion.COUNT; a++) {
                for (int p = 0; p < Emotion.COUNT; p++) {
                    counts[a][p] += o[a][p];
                }
            }
        }
        return this;
    }

    /** An independent copy of this matrix. */
    public ConfusionMatrix copy() {
        return of(counts());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && Arrays.deepEquals(counts(), m.counts());
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts());
    }

    /** The matrix as text, one row per actual emotion. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%-10s", "actual\\pred"));
        for (Emotion e : Emotion.values()) {
            sb.append(String.format(java.util.Locale.ROOT, "%9s", e.label()));
        }
        long[][] c = counts();
        for (Emotion a : Emotion.values()) {
            sb.append('\n').append(String.format(java.util.Locale.ROOT, "%-11s", a.label()));
            for (Emotion p : Emotion.values()) {
                sb.append(String.format(java.util.Locale.ROOT, "%9d", c[a.ordinal()][p.ordinal()]));
            }
        }
        return sb.toString();
    }
}
