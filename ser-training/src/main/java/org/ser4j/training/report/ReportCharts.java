package org.ser4j.training.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The two report figures, drawn with XChart as PNG bytes: the confusion matrix as a heat map and
 * the per-class precision, recall and F1 as grouped bars. Stateless.
 */
public final class ReportCharts {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 640;

    private ReportCharts() {
    }

    /**
     * The confusion matrix of {@code m}: actual emotion down the rows (first emotion at the top),
     * predicted along the columns, each cell coloured and labelled by its count.
     */
    public static byte[] confusionPng(ClassMetrics m, String title) throws IOException {
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("predicted").yAxisTitle("actual").build();
        long[][] c = m.confusionMatrix();
        int k = c.length;
        long max = 1;
        for (long[] row : c) {
            for (long v : row) {
                max = Math.max(max, v);
            }
        }
        chart.getStyler().setShowValue(true).setMin(0).setMax(max)
                .setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)})
                .setValueFontColor(new Color(0xD94801))
                .setHeatMapDecimalValueFormatter(v -> Long.toString(Math.round(v)));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        List<String> x = new ArrayList<>(m.labels());
        List<String> y = new ArrayList<>();
        for (int i = k - 1; i >= 0; i--) {
            y.add(m.labels().get(i));
        }
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                cells.add(new Number[] {j, k - 1 - i, c[i][j]});
            }
        }
        chart.addSeries("confusion", x, y, cells);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Precision, recall and F1 of every emotion as grouped bars on a 0..1 axis. */
    public static byte[] f1Png(ClassMetrics m, String title) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT / 4 * 3).title(title)
                .xAxisTitle("emotion").yAxisTitle("score").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setSeriesColors(new Color[] {new Color(0x9ECAE1), new Color(0x4292C6), new Color(0x08306B)});
        List<String> labels = m.labels();
        List<Double> p = new ArrayList<>();
        List<Double> r = new ArrayList<>();
        List<Double> f = new ArrayList<>();
        for (ClassMetrics.ClassScore s : m.perClass()) {
            p.add(s.precision());
            r.add(s.recall());
            f.add(s.f1());
        }
        chart.addSeries("precision", labels, p);
        chart.addSeries("recall", labels, r);
        chart.addSeries("F1", labels, f);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
