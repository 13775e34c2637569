package org.ser4j.training.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.core.Emotion;
import org.ser4j.training.metrics.ClassificationReport;
import org.ser4j.training.metrics.ConfusionMatrix;

/**
 * Classification metrics of one labelled part as {@code report.json} holds them: accuracy,
 * per-class precision, recall and F1, macro F1, the confusion matrix and the most-confused pairs.
 * A plain, serialisable view of ser-core's {@link ClassificationReport}, which computes them
 * (scikit-learn conventions: 0/0 = 0, macro F1 over the classes that occur). Immutable.
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
     * Copies the lists and the matrix, so that the record stays immutable. Shapes are not checked;
     * {@link #of(long[][])} builds consistent values.
     *
     * @param clips number of clips scored, the sum of the matrix
     * @param accuracy fraction predicted correctly, in [0, 1] (0 when no clip was scored)
     * @param macroF1 unweighted mean of the per-class F1 scores, in [0, 1]
     * @param perClass one entry per emotion, in {@link Emotion} order (relied on by
     *     {@link #score(Emotion)}); copied
     * @param labels the emotion labels, indexing the matrix's rows and columns; copied
     * @param confusionMatrix counts {@code [actual][predicted]}, one row and column per label; each
     *     row copied
     * @param mostConfused the largest off-diagonal cells, largest first; copied
     * @throws NullPointerException if a list, a list element, the matrix or one of its rows is null
     */
    public ClassMetrics {
        perClass = List.copyOf(perClass);
        labels = List.copyOf(labels);
        mostConfused = List.copyOf(mostConfused);
        confusionMatrix = copy(confusionMatrix);
    }

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
     * @param confusion {@code confusion[actual][predicted]} clip counts, 6 x 6; copied
     * @return the metrics, with the {@value #CONFUSED_PAIRS} most-confused pairs; all zeros for an
     *     all-zero matrix
     * @throws IllegalArgumentException if the matrix is not 6x6 (a null row included) or holds a
     *     negative count
     * @throws NullPointerException if {@code confusion} is null
     */
    public static ClassMetrics of(long[][] confusion) {
        return of(ClassificationReport.of(ConfusionMatrix.of(confusion)));
    }

    /**
     * The report-file view of ser-core's {@link ClassificationReport}.
     *
     * @param report the computed metrics; not null
     * @return the same numbers, with emotions as their labels and the {@value #CONFUSED_PAIRS}
     *     most-confused pairs (ties in {@link Emotion} order of actual, then predicted)
     * @throws NullPointerException if {@code report} is null
     */
    public static ClassMetrics of(ClassificationReport report) {
        List<ClassScore> scores = new ArrayList<>();
        for (ClassificationReport.ClassMetrics c : report.classes()) {
            scores.add(new ClassScore(c.emotion().label(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        List<ConfusedPair> pairs = new ArrayList<>();
        for (ClassificationReport.ConfusedPair p : report.mostConfused(CONFUSED_PAIRS)) {
            pairs.add(new ConfusedPair(p.actual().label(), p.predicted().label(), p.count()));
        }
        List<String> labels = new ArrayList<>();
        for (Emotion e : Emotion.values()) {
            labels.add(e.label());
        }
        return new ClassMetrics(report.total(), report.accuracy(), report.macroF1(), scores, labels, report.counts(), pairs);
    }

    /**
     * A copy of the counts: row = actual, column = predicted.
     *
     * @return a new {@code [actual][predicted]} array (6 x 6 when built by {@link #of}), rows in
     *     the order of {@link #labels()}
     */
    @Override
    public long[][] confusionMatrix() {
        return copy(confusionMatrix);
    }

    private static long[][] copy(long[][] matrix) {
        long[][] c = new long[matrix.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = matrix[i].clone();
        }
        return c;
    }

    /**
     * Count of clips of {@code actual} predicted as {@code predicted}.
     *
     * @param actual the true emotion; not null
     * @param predicted the predicted emotion; not null
     * @return the matrix cell {@code [actual.ordinal()][predicted.ordinal()]}, 0 or more
     * @throws NullPointerException if an emotion is null
     */
    public long count(Emotion actual, Emotion predicted) {
        return confusionMatrix[actual.ordinal()][predicted.ordinal()];
    }

    /**
     * The scores of one emotion.
     *
     * @param e the emotion; not null
     * @return the entry of {@link #perClass()} at {@code e.ordinal()}
     * @throws NullPointerException if {@code e} is null
     */
    public ClassScore score(Emotion e) {
        return perClass.get(e.ordinal());
    }
}
