package org.ser4j.training.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import org.ser4j.core.Emotion;
import org.ser4j.core.metrics.ClassificationReport;
import org.ser4j.core.metrics.ConfusionMatrix;

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
        return of(ClassificationReport.of(ConfusionMatrix.of(confusion)));
    }

    /** The report-file view of ser-core's {@link ClassificationReport}. */
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
        return new ClassMetrics(report.total(), report.accuracy(), report.macroF1(), List.copyOf(scores), List.copyOf(labels),
                report.counts(), List.copyOf(pairs));
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
