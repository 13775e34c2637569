/**
 * Chart building and PNG writing shared by the training reports and {@code ser4j explore}, on
 * XChart: heatmaps (confusion matrices with cell counts, 2D arrays such as spectrograms), bar
 * charts, line charts, histograms and waveform plots, written atomically as PNG.
 *
 * <p>Only presentation lives here: no statistics beyond what a chart needs to draw (histogram
 * binning, waveform envelopes), no file-format or training logic. Everything works headless;
 * {@link org.ser4j.training.charts.Charts} sets {@code java.awt.headless=true} unless the
 * application chose otherwise.
 */
package org.ser4j.training.charts;
