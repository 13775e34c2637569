package org.ser4j.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ser4j.core.io.AtomicFiles;
import org.ser4j.training.EpochRecord;

/**
 * Writes a run's report files into a directory: {@value #JSON}, {@value #MARKDOWN},
 * {@value #CONFUSION_PNG}, {@value #F1_PNG} and, for a training run, {@value #HISTORY_PNG}. Each file goes to a temporary name first and is
 * then moved into place, so a reader never sees a half-written report. Stateless; thread-safe.
 */
public final class ReportWriter {
    /** Name of the machine-readable report. */
    public static final String JSON = "report.json";
    /** Name of the report for a person. */
    public static final String MARKDOWN = "report.md";
    /** Name of the confusion-matrix figure. */
    public static final String CONFUSION_PNG = "confusion.png";
    /** Name of the per-class scores figure. */
    public static final String F1_PNG = "f1.png";
    /** Name of the training-curves figure (training runs only). */
    public static final String HISTORY_PNG = "history.png";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /**
     * The JSON text of a report.
     *
     * @param report the report to serialise
     * @return pretty-printed JSON of every record component in the declared order; null
     *     components are left out
     * @throws IllegalStateException if Jackson cannot serialise the report (e.g. a config value of
     *     an unsupported type)
     */
    public static String toJson(RunReport report) {
        try {
            return MAPPER.writeValueAsString(report);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the report files into {@code dir} (created if missing).
     *
     * <p>The figures show {@link RunReport#headlinePart()}. Each file is replaced atomically, but not
     * the set as a whole: a failure part-way leaves the earlier files written. A report
     * without a history (an evaluation) removes a {@value #HISTORY_PNG} left in {@code dir} by an
     * earlier training report, so that the folder's files describe one run.
     *
     * @param report the report to write
     * @param dir the output directory; created with its parents if missing
     * @throws IOException if a file cannot be written
     * @throws IllegalStateException if the report cannot be serialised to JSON
     */
    public static void write(RunReport report, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve(JSON), toJson(report).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve(MARKDOWN), toMarkdown(report).getBytes(StandardCharsets.UTF_8));
        String part = report.headlinePart();
        ClassMetrics m = report.metrics().get(part);
        AtomicFiles.write(dir.resolve(CONFUSION_PNG), ReportCharts.confusionPng(m,
                String.format(Locale.ROOT, "Confusion matrix, %s (%d clips, accuracy %.3f)", part, m.clips(), m.accuracy())));
        AtomicFiles.write(dir.resolve(F1_PNG), ReportCharts.f1Png(m,
                String.format(Locale.ROOT, "Per-class scores, %s (macro F1 %.3f)", part, m.macroF1())));
        if (!report.history().isEmpty()) {
            AtomicFiles.write(dir.resolve(HISTORY_PNG), ReportCharts.historyPng(report.history(),
                    "Training curves (kept epoch " + report.bestEpoch() + ")"));
        } else {
            // an evaluation written where a training report was: its curves would not belong to it
            Files.deleteIfExists(dir.resolve(HISTORY_PNG));
        }
    }

    /**
     * The Markdown text of a report.
     *
     * @param r the report to render
     * @return the Markdown: run details, a results table per part, per-class scores and the
     *     confusion matrix of {@link RunReport#headlinePart()}, data counts, the first 20 skipped
     *     files, the configuration and the per-epoch table (when there is a history); the figures
     *     are linked by their file names in the same directory
     */
    public static String toMarkdown(RunReport r) {
        StringBuilder sb = new StringBuilder();
        boolean train = "train".equals(r.command());
        sb.append("# ser4j ").append(train ? "training" : "evaluation").append(" report\n\n");
        sb.append("- model: `").append(r.model()).append("`\n");
        sb.append("- data: ").append(String.join(", ", r.dataDirectories().stream().map(d -> "`" + d + "`").toList())).append('\n');
        if (r.split() != null) {
            sb.append("- split: ").append(r.split()).append('\n');
        }
        if (r.seed() != null) {
            sb.append("- seed: ").append(r.seed()).append('\n');
        }
        if (r.parameterCount() != null) {
            sb.append("- trainable parameters: ").append(String.format(Locale.ROOT, "%,d", r.parameterCount())).append('\n');
        }
        sb.append("- written by ser4j ").append(r.ser4jVersion()).append(" at ").append(r.createdAt()).append("\n\n");

        sb.append("## Results\n\n| part | clips | accuracy | macro F1 |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, ClassMetrics> e : r.metrics().entrySet()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %.4f | %.4f |\n", e.getKey(), e.getValue().clips(),
                    e.getValue().accuracy(), e.getValue().macroF1()));
        }
        if (r.trainSamplesPerSecond() != null) {
            sb.append(String.format(Locale.ROOT, "\nTraining throughput: %.1f samples/s (median over epochs after the first).\n",
                    r.trainSamplesPerSecond()));
        }
        if (r.peakHeapBytes() != null) {
            sb.append(String.format(Locale.ROOT, "Peak heap: %d MiB.\n", r.peakHeapBytes() >> 20));
        }
        if (r.bestEpoch() != null) {
            sb.append(String.format(Locale.ROOT, "Kept the parameters of epoch %d of %d (best validation accuracy)%s.\n",
                    r.bestEpoch(), r.history().size(), Boolean.TRUE.equals(r.stoppedEarly()) ? "; stopped early" : ""));
        }

        String part = r.headlinePart();
        ClassMetrics m = r.metrics().get(part);
        sb.append("\n## Per-class scores (").append(part).append(")\n\n");
        sb.append("| emotion | precision | recall | F1 | clips |\n|---|---:|---:|---:|---:|\n");
        for (ClassMetrics.ClassScore s : m.perClass()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |\n", s.label(), s.precision(), s.recall(), s.f1(), s.support()));
        }
        sb.append("\n![per-class scores](").append(F1_PNG).append(")\n");

        sb.append("\n## Confusion matrix (").append(part).append("; rows actual, columns predicted)\n\n|  |");
        for (String l : m.labels()) {
            sb.append(' ').append(l).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---:|".repeat(m.labels().size()));
        sb.append('\n');
        long[][] c = m.confusionMatrix();
        for (int i = 0; i < c.length; i++) {
            sb.append("| **").append(m.labels().get(i)).append("** |");
            for (long v : c[i]) {
                sb.append(' ').append(v).append(" |");
            }
            sb.append('\n');
        }
        if (!m.mostConfused().isEmpty()) {
            sb.append("\nMost confused: ");
            List<String> pairs = m.mostConfused().stream()
                    .map(p -> p.actual() + " taken for " + p.predicted() + " (" + p.count() + ")").toList();
            sb.append(String.join("; ", pairs)).append(".\n");
        }
        sb.append("\n![confusion matrix](").append(CONFUSION_PNG).append(")\n");

        sb.append("\n## Data\n\n| part |");
        List<String> labels = m.labels();
        for (String l : labels) {
            sb.append(' ').append(l).append(" |");
        }
        sb.append(" total |\n|---|").append("---:|".repeat(labels.size() + 1)).append('\n');
        for (Map.Entry<String, Map<String, Integer>> e : r.dataCounts().entrySet()) {
            sb.append("| ").append(e.getKey()).append(" |");
            int total = 0;
            for (String l : labels) {
                int v = e.getValue().getOrDefault(l, 0);
                total += v;
                sb.append(' ').append(v).append(" |");
            }
            sb.append(' ').append(total).append(" |\n");
        }
        if (!r.skippedFiles().isEmpty()) {
            sb.append("\n").append(r.skippedFiles().size()).append(" file(s) left out");
            int shown = Math.min(20, r.skippedFiles().size());
            sb.append(shown < r.skippedFiles().size() ? " (first " + shown + " shown; all in report.json)" : "").append(":\n\n");
            for (RunReport.SkippedEntry s : r.skippedFiles().subList(0, shown)) {
                sb.append("- `").append(s.file()).append("`: ").append(s.reason()).append('\n');
            }
        }

        if (!r.config().isEmpty()) {
            sb.append("\n## Configuration\n\n");
            r.config().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        }
        if (!r.history().isEmpty()) {
            sb.append("\n## Epochs\n\n![training curves](").append(HISTORY_PNG).append(")\n\n| epoch | loss | train acc | val acc | val loss | samples/s | seconds |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            for (EpochRecord e : r.history()) {
                sb.append(String.format(Locale.ROOT, "| %d%s | %.4f | %.3f | %.3f | %.4f | %.0f | %.1f |\n", e.epoch(),
                        r.bestEpoch() != null && e.epoch() == r.bestEpoch() ? " *" : "", e.loss(), e.trainAccuracy(),
                        e.validationAccuracy(), e.validationLoss(), e.samplesPerSecond(), e.seconds()));
            }
        }
        return sb.toString();
    }
}
