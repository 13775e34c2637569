package org.ser4j.training.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.ser4j.training.EpochRecord;
import org.ser4j.training.charts.Charts;

/**
 * The three report figures as PNG bytes, drawn with the shared {@link Charts} (XChart): the
 * confusion matrix as a heat map with counts, per-class precision, recall and F1 as grouped bars
 * on a 0..1 axis, and the training curves per epoch. Stateless.
 */
public final class ReportCharts {
    private ReportCharts() {
    }

    /**
     * The confusion matrix of {@code m}: actual emotion down the rows, predicted along the columns.
     *
     * @param m the metrics whose matrix and labels are drawn
     * @param title chart title
     * @return PNG file content, {@link Charts#WIDTH} x {@link Charts#HEIGHT} pixels, each cell
     *     showing its count
     * @throws IllegalArgumentException if the matrix is not square with one row per label
     */
    public static byte[] confusionPng(ClassMetrics m, String title) {
        return Charts.toPng(Charts.confusionMatrix(title, m.labels(), m.confusionMatrix()));
    }

    /**
     * Training curves: training and validation accuracy per epoch, with the training loss
     * divided by its first value (so that all three share a 0..1-ish axis).
     *
     * @param history per-epoch records, not empty; record {@code i} is drawn at epoch
     *     {@code i + 1} (NaN values leave a gap)
     * @param title chart title
     * @return PNG file content, {@link Charts#WIDTH} x {@link Charts#HEIGHT} pixels; the loss is
     *     left unscaled when the first epoch's loss is not positive
     * @throws IndexOutOfBoundsException if {@code history} is empty
     */
    public static byte[] historyPng(List<EpochRecord> history, String title) {
        int n = history.size();
        double[] acc = new double[n];
        double[] val = new double[n];
        double[] loss = new double[n];
        double first = history.get(0).loss();
        for (int i = 0; i < n; i++) {
            acc[i] = history.get(i).trainAccuracy();
            val[i] = history.get(i).validationAccuracy();
            loss[i] = first > 0 ? history.get(i).loss() / first : history.get(i).loss();
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("train accuracy", acc);
        series.put("validation accuracy", val);
        series.put("loss / first epoch's loss", loss);
        return Charts.toPng(Charts.lines(title, "epoch", "value", series));
    }

    /**
     * Precision, recall and F1 of every emotion as grouped bars.
     *
     * @param m the metrics whose per-class scores and labels are drawn
     * @param title chart title
     * @return PNG file content, {@link Charts#WIDTH} x {@link Charts#HEIGHT} pixels, the score axis
     *     fixed to [0, 1]
     * @throws IllegalArgumentException if {@code m} has no labels or the per-class scores do not
     *     match the labels in number
     */
    public static byte[] f1Png(ClassMetrics m, String title) {
        List<ClassMetrics.ClassScore> scores = m.perClass();
        double[] p = new double[scores.size()];
        double[] r = new double[scores.size()];
        double[] f = new double[scores.size()];
        for (int i = 0; i < scores.size(); i++) {
            p[i] = scores.get(i).precision();
            r[i] = scores.get(i).recall();
            f[i] = scores.get(i).f1();
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("precision", p);
        series.put("recall", r);
        series.put("F1", f);
        CategoryChart chart = Charts.groupedBars(title, "emotion", "score", m.labels(), series);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLabelsVisible(false);
        return Charts.toPng(chart);
    }
}
