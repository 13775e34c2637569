package org.ser4j.training.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.XYChart;

class ChartsTest {
    private static final List<String> LABELS = List.of("anger", "disgust", "fear");

    private static BufferedImage readPng(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) {
            throw new AssertionError(p + " is not a readable image");
        }
        return img;
    }

    @Test
    void writesEveryChartKindAsReadablePng(@TempDir Path dir) throws IOException {
        float[] wave = new float[16000];
        for (int i = 0; i < wave.length; i++) {
            wave[i] = (float) (0.5 * Math.sin(2 * Math.PI * 220 * i / 16000.0));
        }
        Map<String, double[]> history = new LinkedHashMap<>();
        history.put("train loss", new double[] {1.2, 0.9, 0.7});
        history.put("val loss", new double[] {1.3, 1.0, Double.NaN});
        Charts.writePng(dir.resolve("cm.png"), Charts.confusionMatrix("cm", LABELS, new long[][] {{5, 1, 0}, {0, 7, 2}, {1, 0, 9}}));
        Charts.writePng(dir.resolve("f1.png"), Charts.bars("F1", "class", "F1", LABELS, new double[] {0.5, 0.75, 0.9}));
        Charts.writePng(dir.resolve("hist.png"), Charts.lines("history", "epoch", "loss", history));
        Charts.writePng(dir.resolve("dur.png"), Charts.histogram("durations", "s", new double[] {1, 2, 2, 3, 3, 3}, 5));
        Charts.writePng(dir.resolve("wave.png"), Charts.waveform("wave", wave, 16000));
        Charts.writePng(dir.resolve("img.png"), Charts.image("img", "frame", "band", new float[][] {{0, 1}, {2, 3}}));
        for (String name : List.of("cm", "f1", "hist", "dur", "wave", "img")) {
            BufferedImage img = readPng(dir.resolve(name + ".png"));
            assertEquals(Charts.WIDTH, img.getWidth(), name);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(6, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void gridPlacesChartsRowByRow(@TempDir Path dir) throws IOException {
        List<XYChart> charts = List.of(
                Charts.waveform("a", new float[] {0, 0.5f, -0.5f}, 8000),
                Charts.waveform("b", new float[] {0, 0.5f, -0.5f}, 8000),
                Charts.waveform("c", new float[] {0, 0.5f, -0.5f}, 8000));
        Path target = dir.resolve("grid.png");
        Charts.writePngGrid(target, charts, 2);
        BufferedImage img = readPng(target);
        assertEquals(2 * charts.get(0).getWidth(), img.getWidth());
        assertEquals(2 * charts.get(0).getHeight(), img.getHeight());
    }

    @Test
    void heatmapDrawsRowZeroAtTheTopWithCounts() {
        HeatMapChart chart = Charts.confusionMatrix("cm", LABELS, new long[][] {{5, 1, 0}, {0, 7, 2}, {1, 0, 9}});
        List<?> y = chart.getHeatMapSeries().getYData();
        // XChart puts y index 0 at the bottom, so the first row label must come last.
        assertEquals(List.of("fear", "disgust", "anger"), y);
        boolean found = false;
        for (Number[] cell : chart.getHeatMapSeries().getHeatData()) {
            if (cell[0].intValue() == 1 && cell[1].intValue() == 1) {
                assertEquals(7.0, cell[2].doubleValue(), "actual disgust predicted disgust");
                found = true;
            }
        }
        assertTrue(found);
        assertTrue(chart.getStyler().isShowValue());
    }

    @Test
    void imageDrawsRowZeroAtTheBottom() throws IOException {
        // Values grow with the row index: the top of the plot must be yellow, the bottom purple.
        float[][] values = new float[20][30];
        for (int r = 0; r < 20; r++) {
            for (int c = 0; c < 30; c++) {
                values[r][c] = r;
            }
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.toPng(Charts.image("img", "x", "y", values))));
        double yellowY = meanY(img, 0xfde725);
        double purpleY = meanY(img, 0x440154);
        assertTrue(yellowY < purpleY, "yellow (high) at y=" + yellowY + " should be above purple (low) at y=" + purpleY);
    }

    /** Mean y of the pixels near {@code rgb} in the left 60 % of the image (the legend is on the right). */
    private static double meanY(BufferedImage img, int rgb) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth() * 6 / 10; x++) {
                int p = img.getRGB(x, y);
                int dr = ((p >> 16) & 255) - ((rgb >> 16) & 255);
                int dg = ((p >> 8) & 255) - ((rgb >> 8) & 255);
                int db = (p & 255) - (rgb & 255);
                if (dr * dr + dg * dg + db * db < 900) {
                    sum += y;
                    n++;
                }
            }
        }
        assertTrue(n > 0, "no pixel near #" + Integer.toHexString(rgb));
        return sum / n;
    }

    @Test
    void waveformEnvelopeKeepsExtremes() {
        float[] s = new float[100_000];
        s[12_345] = 0.9f;
        s[77_777] = -0.8f;
        double[][] xy = Charts.waveformPoints(s, 16000);
        assertEquals(2 * Charts.WAVEFORM_ENVELOPE_COLUMNS, xy[0].length);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : xy[1]) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(0.9f, max, 0.0);
        assertEquals(-0.8f, min, 0.0);
        assertTrue(xy[0][xy[0].length - 1] <= s.length / 16000.0);
    }

    @Test
    void shortWaveformKeepsEverySample() {
        double[][] xy = Charts.waveformPoints(new float[] {0.1f, -0.2f, 0.3f}, 10);
        assertArrayEquals(new double[] {0, 0.1, 0.2}, xy[0], 1e-12);
        assertArrayEquals(new double[] {0.1f, -0.2f, 0.3f}, xy[1], 1e-12);
    }

    @Test
    void rejectsMismatchedShapes() {
        assertThrows(IllegalArgumentException.class,
                () -> Charts.heatmap("h", "x", "y", LABELS, LABELS, new double[][] {{1, 2, 3}, {1, 2}, {1, 2, 3}}, null));
        assertThrows(IllegalArgumentException.class, () -> Charts.bars("b", "x", "y", LABELS, new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Charts.confusionMatrix("c", LABELS, new long[][] {{-1, 0, 0}, {0, 0, 0}, {0, 0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> Charts.image("i", "x", "y", new float[][] {{1, Float.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> Charts.gridToPng(List.of(), 2));
    }

    @Test
    void constantMatrixStillRenders() throws IOException {
        HeatMapChart chart = Charts.heatmap("h", "x", "y", LABELS, LABELS, new double[3][3], "0");
        assertTrue(chart.getStyler().getMax() > chart.getStyler().getMin());
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(Charts.toPng(chart)));
        assertEquals(Charts.HEIGHT, img.getHeight());
    }

    @Test
    void histogramLabelsBinCentres() {
        CategoryChart chart = Charts.histogram("h", "s", new HistogramBins(new double[] {0, 1, 2}, new long[] {3, 4}));
        assertEquals(List.of("0.5", "1.5"), chart.getSeriesMap().get("s").getXData());
    }
}
