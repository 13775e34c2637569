package org.ser4j.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.training.calibration.ReliabilityBin;
import org.ser4j.training.calibration.TemperatureScaling;
import org.ser4j.training.charts.Charts;

/**
 * Writes a cross-validation's files into a directory: {@value ReportWriter#JSON},
 * {@value ReportWriter#MARKDOWN}, {@value ReportWriter#CONFUSION_PNG} and {@value ReportWriter#F1_PNG}
 * (of the pooled out-of-fold predictions), {@value #RELIABILITY_PNG} and {@value #EPOCHS_PNG}, and
 * the out-of-fold predictions CSV. Each file goes to a temporary name first and is then moved into
 * place. Stateless.
 */
public final class CrossValidationReportWriter {
    /** Name of the reliability diagram. */
    public static final String RELIABILITY_PNG = "reliability.png";
    /** Name of the per-epoch mean held-out scores figure. */
    public static final String EPOCHS_PNG = "cv-epochs.png";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CrossValidationReportWriter() {
    }

    /**
     * Writes the report files into {@code dir} (created if missing).
     *
     * @param report the report
     * @param dir the output directory
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException if the report cannot be serialised to JSON
     */
    public static void write(CrossValidationReport report, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(ReportWriter.JSON), toJson(report).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(ReportWriter.MARKDOWN), toMarkdown(report).getBytes(StandardCharsets.UTF_8));
        ClassMetrics m = report.pooled();
        AtomicFiles.write(dir.resolve(ReportWriter.CONFUSION_PNG), ReportCharts.confusionPng(m, String.format(Locale.ROOT,
                "Confusion matrix, out-of-fold, pooled over %d folds (%d clips, accuracy %.3f)", report.folds().size(), m.clips(),
                m.accuracy())));
        AtomicFiles.write(dir.resolve(ReportWriter.F1_PNG), ReportCharts.f1Png(m, String.format(Locale.ROOT,
                "Per-class scores, out-of-fold pooled (macro F1 %.3f)", m.macroF1())));
        CrossValidationReport.CalibrationSummary c = report.calibration();
        AtomicFiles.write(dir.resolve(RELIABILITY_PNG), reliabilityPng(c.reliabilityBefore(), c.reliabilityAfter(), c.temperature(),
                String.format(Locale.ROOT, "Reliability, out-of-fold: ECE %.3f, %.3f after T = %.2f", c.eceBefore(), c.eceAfter(),
                        c.temperature())));
        int n = report.epochs().size();
        double[] acc = new double[n];
        double[] f1 = new double[n];
        for (int i = 0; i < n; i++) {
            acc[i] = report.epochs().get(i).meanAccuracy();
            f1[i] = report.epochs().get(i).meanMacroF1();
        }
        Map<String, double[]> series = new LinkedHashMap<>();
        series.put("mean held-out accuracy", acc);
        series.put("mean held-out macro F1", f1);
        AtomicFiles.write(dir.resolve(EPOCHS_PNG), Charts.toPng(Charts.lines(String.format(Locale.ROOT,
                "Held-out scores per epoch, mean over %d folds (chosen epoch %d)", report.folds().size(), report.chosenEpoch()),
                "epoch", "score", series)));
    }

    /**
     * A reliability diagram: accuracy against mean confidence of every non-empty bin, before and
     * after temperature scaling, with the diagonal of perfect calibration.
     *
     * @param before bins of the raw probabilities
     * @param after bins after temperature scaling
     * @param temperature the temperature, for the legend
     * @param title chart title
     * @return PNG file content, {@link Charts#WIDTH} x {@link Charts#HEIGHT} pixels
     * @throws NullPointerException if a list is null
     */
    public static byte[] reliabilityPng(List<ReliabilityBin> before, List<ReliabilityBin> after, double temperature, String title) {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("perfect calibration", new double[][] {{0, 1}, {0, 1}});
        addBins(series, "network", before);
        addBins(series, String.format(Locale.ROOT, "after temperature %.2f", temperature), after);
        return Charts.toPng(Charts.xyLines(title, "confidence (top probability)", "accuracy", series, true));
    }

    private static void addBins(Map<String, double[][]> series, String name, List<ReliabilityBin> bins) {
        List<ReliabilityBin> used = bins.stream().filter(b -> b.count() > 0).toList();
        if (used.isEmpty()) {
            return;
        }
        double[] x = new double[used.size()];
        double[] y = new double[used.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = used.get(i).meanConfidence();
            y[i] = used.get(i).accuracy();
        }
        series.put(name, new double[][] {x, y});
    }

    /**
     * The JSON text of a report.
     *
     * @param report the report
     * @return pretty-printed JSON of every component in the declared order (null ones left out)
     * @throws IllegalStateException if Jackson cannot serialise the report
     */
    public static String toJson(CrossValidationReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the out-of-fold predictions as CSV: a header
     * {@code path,speaker,corpus,fold,label,p_anger,...,p_sad}, then one row per clip in the given
     * order (fold 1-based; probabilities with full float precision). Fields holding a comma, quote
     * or line break are quoted, quotes doubled.
     *
     * @param file the CSV file, replaced atomically
     * @param clips the clips
     * @param foldOf 0-based fold of each clip
     * @param probabilities {@code [clips][Emotion.COUNT]} row-major
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the lengths disagree
     */
    public static void writePredictions(Path file, List<LabelledClip> clips, int[] foldOf, float[] probabilities) throws IOException {
        if (foldOf.length != clips.size() || probabilities.length != clips.size() * Emotion.COUNT) {
            throw new IllegalArgumentException("need one fold and " + Emotion.COUNT + " probabilities per clip");
        }
        StringBuilder sb = new StringBuilder("path,speaker,corpus,fold,label");
        for (Emotion e : Emotion.values()) {
            sb.append(",p_").append(e.label());
        }
        sb.append('\n');
        for (int i = 0; i < clips.size(); i++) {
            LabelledClip c = clips.get(i);
            sb.append(csv(c.path().toString())).append(',').append(csv(c.speaker())).append(',').append(csv(c.corpus()))
                    .append(',').append(foldOf[i] + 1).append(',').append(c.emotion().label());
            for (int k = 0; k < Emotion.COUNT; k++) {
                sb.append(',').append(probabilities[i * Emotion.COUNT + k]);
            }
            sb.append('\n');
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * The Markdown text of a report.
     *
     * @param r the report
     * @return the Markdown: run details, the cross-validated estimate, per-fold scores, the
     *     per-epoch means, pooled per-class scores and confusion matrix, calibration, and the
     *     configuration; figures linked by file name
     */
    public static String toMarkdown(CrossValidationReport r) {
        StringBuilder sb = new StringBuilder("# ser4j cross-validation report\n\n");
        sb.append("- model: `").append(r.model()).append("`\n");
        sb.append("- data: ").append(String.join(", ", r.dataDirectories().stream().map(d -> "`" + d + "`").toList())).append('\n');
        sb.append("- protocol: ").append(r.folds().size()).append("-fold cross-validation grouped by speaker, each corpus's speakers "
                + "spread over the folds; every fold trained for all epochs, the epoch count chosen by the mean held-out accuracy\n");
        sb.append("- seed: ").append(r.seed()).append('\n');
        sb.append("- trainable parameters: ").append(String.format(Locale.ROOT, "%,d", r.parameterCount())).append('\n');
        sb.append("- written by ser4j ").append(r.ser4jVersion()).append(" at ").append(r.createdAt()).append("\n\n");

        CrossValidationReport.Summary s = r.summary();
        sb.append(String.format(Locale.ROOT, "## Cross-validated estimate (epoch %d of %d)%n%n", r.chosenEpoch(), r.epochs().size()));
        sb.append(String.format(Locale.ROOT, "Accuracy **%.4f ± %.4f**, macro F1 **%.4f ± %.4f** (mean ± standard deviation over %d folds).",
                s.meanAccuracy(), s.stdAccuracy(), s.meanMacroF1(), s.stdMacroF1(), r.folds().size()));
        sb.append(String.format(Locale.ROOT, " The best mean macro F1 is at epoch %d.%n", r.bestMacroF1Epoch()));
        sb.append(String.format(Locale.ROOT, "Training throughput: %.1f samples/s. Peak heap: %d MiB.%n",
                r.trainSamplesPerSecond(), r.peakHeapBytes() >> 20));
        if (r.finalModel() != null) {
            sb.append(String.format(Locale.ROOT, "%nFinal model `%s`: trained on all %d clips for %d epoch(s); temperature %.4f in its metadata.%n",
                    r.finalModel().file(), r.finalModel().clips(), r.finalModel().epochs(), r.finalModel().temperature()));
        }

        sb.append("\n## Folds\n\n| fold | held-out speakers | train clips | held-out clips | accuracy | macro F1 | own best epoch |\n"
                + "|---:|---|---:|---:|---:|---:|---:|\n");
        for (CrossValidationReport.Fold f : r.folds()) {
            sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %.4f | %.4f | %d |\n", f.fold(), String.join(" ", f.speakers()),
                    f.trainClips(), f.heldOutClips(), f.accuracy(), f.macroF1(), f.bestEpoch()));
        }

        sb.append("\n## Held-out scores per epoch (mean ± std over folds)\n\n![per-epoch scores](").append(EPOCHS_PNG)
                .append(")\n\n| epoch | accuracy | macro F1 |\n|---:|---:|---:|\n");
        for (CrossValidationReport.EpochSummary e : r.epochs()) {
            sb.append(String.format(Locale.ROOT, "| %d%s | %.4f ± %.4f | %.4f ± %.4f |\n", e.epoch(), e.epoch() == r.chosenEpoch() ? " *" : "",
                    e.meanAccuracy(), e.stdAccuracy(), e.meanMacroF1(), e.stdMacroF1()));
        }

        sb.append("\n## Out-of-fold scores per corpus\n\n| corpus | clips | accuracy | macro F1 |\n|---|---:|---:|---:|\n");
        r.perCorpus().forEach((corpus, c) -> sb.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f |%n", corpus, c.clips(),
                c.accuracy(), c.macroF1())));

        ClassMetrics m = r.pooled();
        sb.append(String.format(Locale.ROOT, "%n## Out-of-fold predictions, pooled (%d clips, accuracy %.4f, macro F1 %.4f)%n%n",
                m.clips(), m.accuracy(), m.macroF1()));
        sb.append("| emotion | precision | recall | F1 | clips |\n|---|---:|---:|---:|---:|\n");
        for (ClassMetrics.ClassScore c : m.perClass()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |\n", c.label(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        sb.append("\n![per-class scores](").append(ReportWriter.F1_PNG).append(")\n\nConfusion matrix (rows actual, columns predicted):\n\n|  |");
        for (String l : m.labels()) {
            sb.append(' ').append(l).append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(m.labels().size())).append('\n');
        long[][] cm = m.confusionMatrix();
        for (int i = 0; i < cm.length; i++) {
            sb.append("| **").append(m.labels().get(i)).append("** |");
            for (long v : cm[i]) {
                sb.append(' ').append(v).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\n![confusion matrix](").append(ReportWriter.CONFUSION_PNG).append(")\n");

        CrossValidationReport.CalibrationSummary c = r.calibration();
        sb.append(String.format(Locale.ROOT, "%n## Calibration (out-of-fold, %d bins)%n%n| | ECE | NLL |%n|---|---:|---:|%n"
                + "| network | %.4f | %.4f |%n| temperature %.4f | %.4f | %.4f |%n%n", c.bins(), c.eceBefore(), c.nllBefore(),
                c.temperature(), c.eceAfter(), c.nllAfter()));
        sb.append("The temperature is fitted and scored on the same out-of-fold predictions, so the second row is slightly optimistic.");
        if (c.temperature() >= TemperatureScaling.MAX_TEMPERATURE * 0.999 || c.temperature() <= TemperatureScaling.MIN_TEMPERATURE * 1.001) {
            sb.append(String.format(Locale.ROOT, " The fit stopped at the end of its range (%s to %s): the probabilities carry"
                    + " little information about correctness, and the temperature should not be used.",
                    TemperatureScaling.MIN_TEMPERATURE, TemperatureScaling.MAX_TEMPERATURE));
        }
        sb.append("\n\n");
        sb.append("![reliability diagram](").append(RELIABILITY_PNG).append(")\n\n| confidence | clips | mean confidence | accuracy |"
                + " after scaling: clips | mean confidence | accuracy |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < c.reliabilityBefore().size(); i++) {
            ReliabilityBin b = c.reliabilityBefore().get(i);
            ReliabilityBin a = c.reliabilityAfter().get(i);
            if (b.count() == 0 && a.count() == 0) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %.3f-%.3f | %d | %.3f | %.3f | %d | %.3f | %.3f |\n", b.lower(), b.upper(), b.count(),
                    b.meanConfidence(), b.accuracy(), a.count(), a.meanConfidence(), a.accuracy()));
        }
        if (!r.skippedFiles().isEmpty()) {
            int shown = Math.min(20, r.skippedFiles().size());
            sb.append("\n").append(r.skippedFiles().size()).append(" file(s) left out")
                    .append(shown < r.skippedFiles().size() ? " (first " + shown + " shown; all in report.json)" : "").append(":\n\n");
            for (RunReport.SkippedEntry e : r.skippedFiles().subList(0, shown)) {
                sb.append("- `").append(e.file()).append("`: ").append(e.reason()).append('\n');
            }
        }
        sb.append("\n## Configuration\n\n");
        r.config().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("\nOut-of-fold probabilities: `oof-predictions.csv` (path, speaker, corpus, fold, label, one probability per emotion).\n");
        return sb.toString();
    }
}
