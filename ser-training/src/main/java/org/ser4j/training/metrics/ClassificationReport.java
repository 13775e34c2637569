package org.ser4j.training.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.ser4j.core.Emotion;

/**
 * Accuracy, per-class precision/recall/F1, macro F1 and most-confused pairs of one
 * {@link ConfusionMatrix}. Immutable and thread-safe: it keeps its own copy of the counts.
 *
 * <p>Conventions (as scikit-learn with {@code zero_division=0}):
 * <ul>
 *   <li>every ratio whose denominator is 0 is defined as 0: precision of a class never
 *       predicted, recall of a class with no clips, F1 when precision and recall are both 0, and
 *       accuracy of an empty matrix;</li>
 *   <li>F1 is the harmonic mean {@code 2 P R / (P + R)};</li>
 *   <li>macro F1 is the unweighted mean of the F1 of the classes that occur, as actual or as
 *       predicted, in the matrix (a class absent from both would otherwise count as a 0); it is 0
 *       for an empty matrix.</li>
 * </ul>
 */
public final class ClassificationReport {
    private final long[][] counts;
    private final long total;
    private final long correct;
    private final List<ClassMetrics> classes;
    private final double macroF1;
    private final List<ConfusedPair> confusedPairs;

    /**
     * Metrics of one emotion.
     *
     * @param emotion the emotion
     * @param precision correct predictions of it / all predictions of it (0 if never predicted)
     * @param recall correct predictions of it / its clips (0 if it has none)
     * @param f1 harmonic mean of precision and recall (0 if both are 0)
     * @param support number of clips whose actual emotion it is
     */
    public record ClassMetrics(Emotion emotion, double precision, double recall, double f1, long support) {
    }

    /**
     * An off-diagonal cell of the matrix: clips of {@code actual} predicted as {@code predicted}.
     *
     * @param actual the true emotion
     * @param predicted the wrongly predicted emotion
     * @param count how many clips
     */
    public record ConfusedPair(Emotion actual, Emotion predicted, long count) {
    }

    private ClassificationReport(long[][] counts) {
        this.counts = counts;
        long t = 0;
        long c = 0;
        long[] actual = new long[Emotion.COUNT];
        long[] predicted = new long[Emotion.COUNT];
        List<ConfusedPair> pairs = new ArrayList<>();
        for (Emotion a : Emotion.values()) {
            for (Emotion p : Emotion.values()) {
                long v = counts[a.ordinal()][p.ordinal()];
                t += v;
                actual[a.ordinal()] += v;
                predicted[p.ordinal()] += v;
                if (a == p) {
                    c += v;
                } else if (v > 0) {
                    pairs.add(new ConfusedPair(a, p, v));
                }
            }
        }
        this.total = t;
        this.correct = c;
        List<ClassMetrics> cm = new ArrayList<>();
        double f1Sum = 0;
        int present = 0;
        for (Emotion e : Emotion.values()) {
            int i = e.ordinal();
            long tp = counts[i][i];
            double precision = ratio(tp, predicted[i]);
            double recall = ratio(tp, actual[i]);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            cm.add(new ClassMetrics(e, precision, recall, f1, actual[i]));
            if (actual[i] > 0 || predicted[i] > 0) {
                f1Sum += f1;
                present++;
            }
        }
        this.classes = List.copyOf(cm);
        this.macroF1 = present == 0 ? 0 : f1Sum / present;
        // Stable sort: equal counts keep (actual, predicted) Emotion order.
        pairs.sort(Comparator.comparingLong(ConfusedPair::count).reversed());
        this.confusedPairs = List.copyOf(pairs);
    }

    /**
     * The report of a confusion matrix (a snapshot: later changes to the matrix do not show).
     *
     * @param matrix the counts to report on, not null; may be empty
     * @return a new, immutable report on the matrix's current counts
     * @throws NullPointerException if {@code matrix} is null
     */
    public static ClassificationReport of(ConfusionMatrix matrix) {
        return new ClassificationReport(Objects.requireNonNull(matrix, "matrix").counts());
    }

    private static double ratio(long num, long den) {
        return den == 0 ? 0 : num / (double) den;
    }

    /**
     * Fraction of clips predicted correctly: trace / total (0 for an empty matrix).
     *
     * @return accuracy in [0, 1]
     */
    public double accuracy() {
        return ratio(correct, total);
    }

    /**
     * Unweighted mean of the per-class F1 scores of the classes that occur (see class comment).
     *
     * @return macro F1 in [0, 1], 0 for an empty matrix
     */
    public double macroF1() {
        return macroF1;
    }

    /**
     * Number of clips in the matrix.
     *
     * @return the sum of all counts
     */
    public long total() {
        return total;
    }

    /**
     * Number of clips predicted correctly.
     *
     * @return the trace of the matrix
     */
    public long correct() {
        return correct;
    }

    /**
     * Metrics of every emotion, in {@link Emotion} order.
     *
     * @return an unmodifiable list of 6 entries, one per emotion, also those absent from the matrix
     */
    public List<ClassMetrics> classes() {
        return classes;
    }

    /**
     * Metrics of one emotion.
     *
     * @param emotion the emotion, not null
     * @return its precision, recall, F1 and support (all 0 if it is absent from the matrix)
     */
    public ClassMetrics metrics(Emotion emotion) {
        return classes.get(emotion.ordinal());
    }

    /**
     * The {@code k} largest off-diagonal cells with a non-zero count, largest first (ties in
     * {@link Emotion} order of actual, then predicted). Fewer if fewer cells are non-zero.
     *
     * @param k how many pairs at most, non-negative; 0 gives an empty list
     * @return an unmodifiable list of at most {@code k} pairs, each with a positive count
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public List<ConfusedPair> mostConfused(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, got " + k);
        }
        return confusedPairs.subList(0, Math.min(k, confusedPairs.size()));
    }

    /**
     * A copy of the counts, {@code [actual][predicted]} in {@link Emotion} order.
     *
     * @return a new 6 x 6 array; changing it does not change the report
     */
    public long[][] counts() {
        long[][] c = new long[Emotion.COUNT][];
        for (int i = 0; i < Emotion.COUNT; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /**
     * A text table: per-class precision, recall, F1 and support, then accuracy and macro F1.
     *
     * @return a header line, one line per emotion and two summary lines (their support column
     *     holds the total); values to 4 decimals in {@link Locale#ROOT}, every line ending in the
     *     platform line separator
     */
    public String toText() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s %9s %9s %9s%n",
                "", "precision", "recall", "f1", "support"));
        for (ClassMetrics m : classes) {
            sb.append(String.format(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %9d%n",
                    m.emotion().label(), m.precision(), m.recall(), m.f1(), m.support()));
        }
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %9.4f %9d%n", "accuracy", "", "", accuracy(), total));
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %9.4f %9d%n", "macro f1", "", "", macroF1, total));
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClassificationReport[n=%d, accuracy=%.4f, macroF1=%.4f]", total, accuracy(), macroF1);
    }
}
