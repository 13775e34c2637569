package org.ser4j.training.metrics;

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
     * @param counts {@code counts[actual][predicted]}, 6 rows of 6 non-negative counts; copied
     * @return a new matrix holding a copy of {@code counts}
     * @throws NullPointerException if {@code counts} is null
     * @throws IllegalArgumentException if the shape is not 6 x 6 (including a null row) or a count
     *     is negative
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

    /**
     * Records one prediction.
     *
     * @param actual the clip's true emotion, not null
     * @param predicted the emotion predicted for it, not null
     * @throws NullPointerException if {@code actual} or {@code predicted} is null
     */
    public void add(Emotion actual, Emotion predicted) {
        add(actual, predicted, 1);
    }

    /**
     * Records {@code n} predictions of {@code actual} as {@code predicted}.
     *
     * @param actual the clips' true emotion, not null
     * @param predicted the emotion predicted for them, not null
     * @param n number of clips, non-negative; 0 changes nothing
     * @throws NullPointerException if {@code actual} or {@code predicted} is null
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

    /**
     * Count of clips of {@code actual} predicted as {@code predicted}.
     *
     * @param actual the true emotion (row), not null
     * @param predicted the predicted emotion (column), not null
     * @return the cell's count, 0 or more
     */
    public synchronized long count(Emotion actual, Emotion predicted) {
        return counts[actual.ordinal()][predicted.ordinal()];
    }

    /**
     * A copy of all counts, {@code [actual][predicted]} in {@link Emotion} order.
     *
     * @return a new 6 x 6 array, a consistent snapshot; changing it does not change the matrix
     */
    public synchronized long[][] counts() {
        long[][] c = new long[Emotion.COUNT][];
        for (int a = 0; a < Emotion.COUNT; a++) {
            c[a] = counts[a].clone();
        }
        return c;
    }

    /**
     * Number of recorded predictions.
     *
     * @return the sum of all cells, 0 for an empty matrix
     */
    public synchronized long total() {
        long t = 0;
        for (long[] row : counts) {
            for (long v : row) {
                t += v;
            }
        }
        return t;
    }

    /**
     * Number of clips whose actual emotion is {@code actual} (its support).
     *
     * @param actual the true emotion, not null
     * @return the sum of its row
     */
    public synchronized long actualTotal(Emotion actual) {
        long t = 0;
        for (long v : counts[actual.ordinal()]) {
            t += v;
        }
        return t;
    }

    /**
     * Number of clips predicted as {@code predicted}.
     *
     * @param predicted the predicted emotion, not null
     * @return the sum of its column
     */
    public synchronized long predictedTotal(Emotion predicted) {
        long t = 0;
        for (long[] row : counts) {
            t += row[predicted.ordinal()];
        }
        return t;
    }

    /**
     * Number of correct predictions (the trace).
     *
     * @return the sum of the diagonal
     */
    public synchronized long correct() {
        long t = 0;
        for (int i = 0; i < Emotion.COUNT; i++) {
            t += counts[i][i];
        }
        return t;
    }

    /**
     * Adds all of {@code other}'s counts to this matrix and returns this matrix.
     *
     * @param other the matrix to add, not null and not changed; a snapshot of it is taken first, so
     *     {@code m.merge(m)} doubles {@code m}
     * @return this matrix, for chaining
     * @throws NullPointerException if {@code other} is null
     */
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

    /**
     * An independent copy of this matrix.
     *
     * @return a new matrix with this one's current counts
     */
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
