package org.ser4j.training.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.ser4j.core.io.AtomicFiles;

/**
 * Builds the charts of ser4j's reports and writes them as PNG files.
 *
 * <p>The factory methods return ordinary XChart charts, styled consistently (white background,
 * no chart border), so a caller can adjust them further before writing. Writing goes through
 * {@link AtomicFiles}, so a report folder never holds a half-written image. Everything works
 * without a display: loading this class sets {@code java.awt.headless=true} unless the property
 * was already set.
 *
 * <p>Matrix conventions: {@code values[row][col]}; for {@link #heatmap} and
 * {@link #confusionMatrix} row 0 is drawn at the top (as a table reads), for {@link #image} row 0
 * is drawn at the bottom (as a spectrogram's lowest band is). All methods are thread-safe (they
 * share no state); the returned charts are not.
 */
public final class Charts {
    /** Default width of a single chart, pixels. */
    public static final int WIDTH = 800;
    /** Default height of a single chart, pixels. */
    public static final int HEIGHT = 600;

    /** Above this many samples, {@link #waveform} draws a min/max envelope instead of every sample. */
    static final int WAVEFORM_ENVELOPE_THRESHOLD = 4000;
    /** Number of envelope columns {@link #waveform} draws for long clips. */
    static final int WAVEFORM_ENVELOPE_COLUMNS = 1500;

    /** White to dark blue, like matplotlib's "Blues": for counts, where zero should vanish. */
    private static final Color[] BLUES = {new Color(0xf7fbff), new Color(0xc6dbef), new Color(0x6baed6),
        new Color(0x2171b5), new Color(0x08306b)};
    /** Dark purple through green to yellow, like matplotlib's "viridis": for dB images. */
    private static final Color[] VIRIDIS = {new Color(0x440154), new Color(0x3b528b), new Color(0x21918c),
        new Color(0x5ec962), new Color(0xfde725)};

    private static final MathContext LEGEND_DIGITS = new MathContext(4);

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * A heatmap of {@code values[row][col]}, row 0 at the top, optionally with each cell's value
     * printed in it.
     *
     * @param title chart title
     * @param xTitle title of the horizontal (column) axis
     * @param yTitle title of the vertical (row) axis
     * @param columnLabels one label per column
     * @param rowLabels one label per row
     * @param values the matrix; every row as long as {@code columnLabels}
     * @param valuePattern a {@link java.text.DecimalFormat} pattern for the printed cell values
     *     (e.g. {@code "0"} for counts), or {@code null} to print none
     * @return the chart
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite
     */
    public static HeatMapChart heatmap(String title, String xTitle, String yTitle, List<String> columnLabels,
            List<String> rowLabels, double[][] values, String valuePattern) {
        checkMatrix(values, rowLabels.size(), columnLabels.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        int rows = rowLabels.size();
        // XChart draws y index 0 at the bottom; reverse the rows so that row 0 is at the top.
        List<String> yLabels = new ArrayList<>(rows);
        for (int r = rows - 1; r >= 0; r--) {
            yLabels.add(rowLabels.get(r));
        }
        List<Number[]> cells = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columnLabels.size(); c++) {
                double v = values[r][c];
                cells.add(new Number[] {c, rows - 1 - r, v});
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        chart.addSeries(title, new ArrayList<>(columnLabels), yLabels, cells);
        style(chart);
        chart.getStyler().setRangeColors(BLUES).setPiecewise(false).setDrawBorder(true)
                .setHeatMapDecimalValueFormatter(decimal(valuePattern == null ? "0.##" : valuePattern))
                .setPlotGridLinesVisible(false).setPlotTicksMarksVisible(false)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        setRange(chart, min, max);
        if (valuePattern != null) {
            chart.getStyler().setShowValue(true).setValueFontColor(Color.BLACK);
        }
        return chart;
    }

    /**
     * A confusion matrix: rows are the actual classes, columns the predicted ones, each cell shows
     * its count.
     *
     * @param title chart title
     * @param labels class labels, in the order of rows and columns
     * @param counts {@code counts[actual][predicted]}, non-negative
     * @return the chart
     * @throws IllegalArgumentException if the matrix is not square with one row per label, or a
     *     count is negative
     */
    public static HeatMapChart confusionMatrix(String title, List<String> labels, long[][] counts) {
        double[][] values = new double[counts.length][];
        for (int r = 0; r < counts.length; r++) {
            values[r] = new double[counts[r].length];
            for (int c = 0; c < counts[r].length; c++) {
                if (counts[r][c] < 0) {
                    throw new IllegalArgumentException("negative count " + counts[r][c] + " at [" + r + "][" + c + "]");
                }
                values[r][c] = counts[r][c];
            }
        }
        return heatmap(title, "predicted", "actual", labels, labels, values, "0");
    }

    /**
     * A bar chart with one bar per category, each labelled with its value.
     *
     * @param title chart title
     * @param xTitle category axis title
     * @param yTitle value axis title
     * @param categories one label per bar
     * @param values bar heights, finite, as many as {@code categories}
     * @return the chart
     */
    public static CategoryChart bars(String title, String xTitle, String yTitle, List<String> categories, double[] values) {
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put(yTitle, values);
        CategoryChart chart = groupedBars(title, xTitle, yTitle, categories, series);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * A bar chart with one group of bars per category and one bar per series in each group (e.g.
     * precision, recall and F1 per class).
     *
     * @param title chart title
     * @param xTitle category axis title
     * @param yTitle value axis title
     * @param categories one label per group
     * @param series series name to values, each as long as {@code categories}; drawn in map order
     * @return the chart
     */
    public static CategoryChart groupedBars(String title, String xTitle, String yTitle, List<String> categories,
            Map<String, double[]> series) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("a bar chart needs at least one category");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            if (v.length != categories.size()) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has " + v.length + " values for "
                        + categories.size() + " categories");
            }
            checkFinite(v, e.getKey());
            chart.addSeries(e.getKey(), new ArrayList<>(categories), boxed(v));
        }
        style(chart);
        chart.getStyler().setLabelsVisible(true).setLabelsFontColor(Color.BLACK)
                .setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /**
     * A line chart of series over steps 1, 2, ... (e.g. loss and accuracy per epoch).
     *
     * @param title chart title
     * @param xTitle step axis title, e.g. {@code "epoch"}
     * @param yTitle value axis title
     * @param series series name to values (value {@code i} is drawn at step {@code i + 1}); NaN
     *     values leave a gap
     * @return the chart
     */
    public static XYChart lines(String title, String xTitle, String yTitle, Map<String, double[]> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one series");
        }
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            if (y.length == 0) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' is empty");
            }
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(y.length <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        style(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /**
     * A line chart of series with their own x values (e.g. a reliability diagram: accuracy against
     * confidence, with the diagonal of perfect calibration).
     *
     * @param title chart title
     * @param xTitle horizontal axis title
     * @param yTitle vertical axis title
     * @param series series name to {@code {x, y}}: two arrays of equal, non-zero length
     * @param unitSquare whether to fix both axes to [0, 1]
     * @return the chart
     * @throws IllegalArgumentException if there is no series, or a series is empty or its arrays
     *     differ in length
     */
    public static XYChart xyLines(String title, String xTitle, String yTitle, Map<String, double[][]> series, boolean unitSquare) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a line chart needs at least one series");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            double[] x = e.getValue()[0];
            double[] y = e.getValue()[1];
            if (x.length == 0 || x.length != y.length) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' needs equally many x and y values, at least one");
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setMarker(x.length <= 50 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        style(chart);
        if (unitSquare) {
            chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /**
     * A histogram of raw values, in {@code bins} equal-width bins from the smallest to the largest
     * finite value (non-finite values are ignored).
     *
     * @param title chart title
     * @param xTitle value axis title, with units
     * @param values the values; at least one finite
     * @param bins number of bins, at least 1
     * @return the chart
     */
    public static CategoryChart histogram(String title, String xTitle, double[] values, int bins) {
        HistogramBins h = HistogramBins.of(values, bins);
        return histogram(title, xTitle, h);
    }

    /**
     * A histogram of already binned counts.
     *
     * @param title chart title
     * @param xTitle value axis title, with units
     * @param bins the bins
     * @return the chart; each bar is labelled with its bin's centre
     */
    public static CategoryChart histogram(String title, String xTitle, HistogramBins bins) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle("count").build();
        List<String> centres = new ArrayList<>();
        List<Number> counts = new ArrayList<>();
        double width = bins.edges()[1] - bins.edges()[0];
        String pattern = width >= 10 ? "%.0f" : width >= 1 ? "%.1f" : width >= 0.1 ? "%.2f" : width >= 0.01 ? "%.3f" : "%.3g";
        for (int i = 0; i < bins.counts().length; i++) {
            centres.add(String.format(Locale.ROOT, pattern, (bins.edges()[i] + bins.edges()[i + 1]) / 2));
            counts.add(bins.counts()[i]);
        }
        chart.addSeries(xTitle, centres, counts);
        style(chart);
        chart.getStyler().setAvailableSpaceFill(0.96).setOverlapped(true)
                .setXAxisLabelRotation(centres.size() > 12 ? 45 : 0);
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * A waveform: amplitude over time in seconds. Clips longer than a few thousand samples are drawn
     * as their min/max envelope over {@value #WAVEFORM_ENVELOPE_COLUMNS} columns, which looks the
     * same as every sample at report resolution and keeps the chart small.
     *
     * @param title chart title
     * @param samples the samples, nominally in [-1, 1]
     * @param sampleRate samples per second, positive
     * @return the chart; the amplitude axis is symmetric around zero, 5 % beyond the clip's peak
     *     ([-1, 1] for a silent clip)
     */
    public static XYChart waveform(String title, float[] samples, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        double[][] xy = waveformPoints(samples, sampleRate);
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT / 2).title(title)
                .xAxisTitle("time (s)").yAxisTitle("amplitude").build();
        XYSeries s = chart.addSeries("waveform", xy[0], xy[1]);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineWidth(0.8f);
        s.setLineColor(new Color(0x1f77b4));
        style(chart);
        // Symmetric around zero and scaled to the clip, as librosa's waveshow does: a quiet clip
        // would be a flat line on a fixed [-1, 1] axis.
        double peak = 0;
        for (double v : xy[1]) {
            peak = Math.max(peak, Math.abs(v));
        }
        peak = peak > 0 ? peak * 1.05 : 1.0;
        chart.getStyler().setYAxisMin(-peak).setYAxisMax(peak).setXAxisMin(0.0)
                .setXAxisMax(Math.max(xy[0][xy[0].length - 1], 1.0 / sampleRate));
        chart.getStyler().setLegendVisible(false);
        return chart;
    }

    /**
     * An image of a 2D array, e.g. a log-mel spectrogram: {@code values[row][col]}, row 0 at the
     * bottom, with a colour scale from the smallest to the largest value (viridis-like colours).
     * Axis ticks are hidden; say the ranges in the axis titles (e.g. {@code "frame (0-156)"}).
     *
     * @param title chart title
     * @param xTitle column axis title
     * @param yTitle row axis title
     * @param values the array, rectangular, finite
     * @return the chart
     */
    public static HeatMapChart image(String title, String xTitle, String yTitle, float[][] values) {
        int rows = values.length;
        if (rows == 0 || values[0].length == 0) {
            throw new IllegalArgumentException("an image needs at least one row and one column");
        }
        int cols = values[0].length;
        List<Integer> xs = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            xs.add(c);
        }
        List<Integer> ys = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            ys.add(r);
        }
        List<Number[]> cells = new ArrayList<>(rows * cols);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + values[r].length + " columns, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                float v = values[r][c];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("value at [" + r + "][" + c + "] is not finite: " + v);
                }
                // XChart prints the colour scale's ends with Double.toString; 4 significant digits
                // keep them readable and change no colour visibly.
                double shown = new BigDecimal(v).round(LEGEND_DIGITS).doubleValue();
                cells.add(new Number[] {c, r, shown});
                min = Math.min(min, shown);
                max = Math.max(max, shown);
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.addSeries(title, xs, ys, cells);
        style(chart);
        chart.getStyler().setRangeColors(VIRIDIS).setPiecewise(false).setDrawBorder(false)
                .setHeatMapDecimalValueFormatter(decimal("0.0")).setAxisTicksVisible(false).setAxisTicksMarksVisible(false)
                .setPlotGridLinesVisible(false).setPlotTicksMarksVisible(false)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        // Anti-aliased cell edges leave faint seams between thousands of tiny cells.
        chart.getStyler().setAntiAlias(false);
        setRange(chart, min, max);
        return chart;
    }

    /**
     * The chart as PNG bytes, at its own width and height.
     *
     * @param chart the chart
     * @return the PNG file content
     */
    public static byte[] toPng(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            // Encoding to memory cannot fail for I/O reasons.
            throw new UncheckedIOException("PNG encoding failed", e);
        }
    }

    /**
     * Writes the chart as a PNG file, atomically.
     *
     * @param target the file; its folder is created if missing
     * @param chart the chart
     * @throws IOException if the file cannot be written
     */
    public static void writePng(Path target, Chart<?, ?> chart) throws IOException {
        AtomicFiles.write(target, toPng(chart));
    }

    /**
     * Writes several charts as one PNG, in a grid filled row by row (a figure with subplots),
     * atomically. Each cell is as large as the largest chart.
     *
     * @param target the file; its folder is created if missing
     * @param charts the charts, at least one
     * @param columns number of grid columns, at least 1
     * @throws IOException if the file cannot be written
     */
    public static void writePngGrid(Path target, List<? extends Chart<?, ?>> charts, int columns) throws IOException {
        AtomicFiles.write(target, gridToPng(charts, columns));
    }

    /**
     * Several charts as one PNG image, in a grid filled row by row.
     *
     * @param charts the charts, at least one
     * @param columns number of grid columns, at least 1
     * @return the PNG file content
     */
    public static byte[] gridToPng(List<? extends Chart<?, ?>> charts, int columns) {
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("a grid needs at least one chart");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        int cellW = 0;
        int cellH = 0;
        for (Chart<?, ?> c : charts) {
            cellW = Math.max(cellW, c.getWidth());
            cellH = Math.max(cellH, c.getHeight());
        }
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        BufferedImage image = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D cell = (Graphics2D) g.create((i % cols) * cellW, (i / cols) * cellH, cellW, cellH);
                try {
                    charts.get(i).paint(cell, cellW, cellH);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** The points {@link #waveform} draws: {x seconds[], y amplitude[]}. */
    static double[][] waveformPoints(float[] samples, int sampleRate) {
        int n = samples.length;
        if (n <= WAVEFORM_ENVELOPE_THRESHOLD) {
            double[] x = new double[Math.max(n, 1)];
            double[] y = new double[Math.max(n, 1)];
            for (int i = 0; i < n; i++) {
                x[i] = i / (double) sampleRate;
                y[i] = samples[i];
            }
            return new double[][] {x, y};
        }
        int columns = WAVEFORM_ENVELOPE_COLUMNS;
        double[] x = new double[2 * columns];
        double[] y = new double[2 * columns];
        for (int c = 0; c < columns; c++) {
            int from = (int) ((long) c * n / columns);
            int to = (int) ((long) (c + 1) * n / columns);
            float lo = samples[from];
            float hi = samples[from];
            for (int i = from + 1; i < to; i++) {
                lo = Math.min(lo, samples[i]);
                hi = Math.max(hi, samples[i]);
            }
            double t = (from + to) / 2.0 / sampleRate;
            x[2 * c] = t;
            y[2 * c] = lo;
            x[2 * c + 1] = t;
            y[2 * c + 1] = hi;
        }
        return new double[][] {x, y};
    }

    private static void setRange(HeatMapChart chart, double min, double max) {
        if (!(max > min)) {
            // A constant matrix: give the colour scale some width so XChart does not divide by zero.
            double pad = min == 0 ? 1 : Math.abs(min) * 0.01;
            min -= pad;
            max += pad;
        }
        chart.getStyler().setMin(min).setMax(max);
    }

    private static java.util.function.Function<Double, String> decimal(String pattern) {
        // DecimalFormat is not thread-safe; a chart is painted by one thread, so one per chart is enough.
        java.text.DecimalFormat format = new java.text.DecimalFormat(pattern,
                java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format::format;
    }

    private static void style(Chart<?, ?> chart) {
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(Color.WHITE);
    }

    private static void checkMatrix(double[][] values, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("a heatmap needs at least one row and one column");
        }
        if (values.length != rows) {
            throw new IllegalArgumentException("matrix has " + values.length + " rows for " + rows + " row labels");
        }
        for (int r = 0; r < rows; r++) {
            if (values[r].length != cols) {
                throw new IllegalArgumentException("matrix row " + r + " has " + values[r].length + " values for "
                        + cols + " column labels");
            }
            checkFinite(values[r], "row " + r);
        }
    }

    private static void checkFinite(double[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + " value " + i + " is not finite: " + v[i]);
            }
        }
    }

    private static List<Number> boxed(double[] v) {
        List<Number> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }
}
