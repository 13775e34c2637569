package org.ser4j.training.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.ser4j.core.Emotion;

/**
 * Classification metrics of one labelled part, computed from its confusion counts: accuracy,
 * per-class precision, recall and F1, macro F1 and the most-confused pairs. Immutable; serialised
 * into {@code report.json} as is.
 *
 * <p>Precision, recall and F1 of a class with no denominators are 0 (scikit-learn's
 * {@code zero_division=0}); macro F1 averages over the classes that occur as actual or predicted
 * labels, as scikit-learn does.
 *
 * @param clips number of clips scored
 * @param accuracy fraction predicted correctly
 * @param macroF1 unweighted mean of the per-class F1 scores
 * @param perClass one entry per emotion, in {@link Emotion} order
 * @param labels the emotion labels, indexing the matrix's rows and columns
 * @param confusionMatrix counts: row = actual, column = predicted
 * @param mostConfused the two largest off-diagonal cells, largest first (fewer if fewer exist)
 */
@JsonPropertyOrder({"clips", "accuracy", "macroF1", "perClass", "labels", "confusionMatrix", "mostConfused"})
public record ClassMetrics(long clips, double accuracy, double macroF1, List<ClassScore> perClass, List<String> labels,
        long[][] confusionMatrix, List<ConfusedPair> mostConfused) {

    /** How many most-confused pairs are reported. */
    public static final int CONFUSED_PAIRS = 2;

    /**
     * Scores of one emotion.
     *
     * @param label the emotion's label
     * @param precision correct predictions of it over all predictions of it
     * @param recall correct predictions of it over its clips
     * @param f1 harmonic mean of precision and recall
     * @param support number of clips of it
     */
    public record ClassScore(String label, double precision, double recall, double f1, long support) {
    }

    /**
     * An off-diagonal cell of the confusion matrix.
     *
     * @param actual the true label
     * @param predicted what it was taken for
     * @param count how many clips
     */
    public record ConfusedPair(String actual, String predicted, long count) {
    }

    /**
     * Metrics of a 6x6 confusion matrix (row = actual, column = predicted, {@link Emotion} order).
     *
     * @throws IllegalArgumentException if the matrix is not 6x6 or holds a negative count
     */
    public static ClassMetrics of(long[][] confusion) {
        int k = Emotion.COUNT;
        if (confusion.length != k) {
            throw new IllegalArgumentException("confusion matrix must be " + k + "x" + k + ", has " + confusion.length + " rows");
        }
        long[][] m = new long[k][];
        long total = 0;
        long correct = 0;
        for (int i = 0; i < k; i++) {
            if (confusion[i].length != k) {
                throw new IllegalArgumentException("confusion matrix row " + i + " has " + confusion[i].length + " columns, not " + k);
            }
            m[i] = confusion[i].clone();
            for (int j = 0; j < k; j++) {
                if (m[i][j] < 0) {
                    throw new IllegalArgumentException("negative count " + m[i][j] + " at (" + i + ", " + j + ")");
                }
                total += m[i][j];
            }
            correct += m[i][i];
        }
        List<ClassScore> scores = new ArrayList<>();
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            long support = 0;
            long predicted = 0;
            for (int j = 0; j < k; j++) {
                support += m[c][j];
                predicted += m[j][c];
            }
            double p = predicted == 0 ? 0 : m[c][c] / (double) predicted;
            double r = support == 0 ? 0 : m[c][c] / (double) support;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            scores.add(new ClassScore(Emotion.values()[c].label(), p, r, f1, support));
            if (support > 0 || predicted > 0) {
                f1Sum += f1;
                present++;
            }
        }
        List<ConfusedPair> pairs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                if (i != j && m[i][j] > 0) {
                    pairs.add(new ConfusedPair(Emotion.values()[i].label(), Emotion.values()[j].label(), m[i][j]));
                }
            }
        }
        pairs.sort(Comparator.comparingLong(ConfusedPair::count).reversed());
        List<String> labels = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            labels.add(e.label());
        }
        return new ClassMetrics(total, total == 0 ? 0 : correct / (double) total, present == 0 ? 0 : f1Sum / present,
                List.copyOf(scores), List.copyOf(labels), m, List.copyOf(pairs.subList(0, Math.min(CONFUSED_PAIRS, pairs.size()))));
    }

    /** A copy of the counts: row = actual, column = predicted. */
    @Override
    public long[][] confusionMatrix() {
        long[][] c = new long[confusionMatrix.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = confusionMatrix[i].clone();
        }
        return c;
    }

    /** Count of clips of {@code actual} predicted as {@code predicted}. */
    public long count(Emotion actual, Emotion predicted) {
        return confusionMatrix[actual.ordinal()][predicted.ordinal()];
    }

    /** The scores of one emotion. */
    public ClassScore score(Emotion e) {
        return perClass.get(e.ordinal());
    }
}
