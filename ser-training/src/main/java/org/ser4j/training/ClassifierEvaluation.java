package org.ser4j.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.ser4j.core.Emotion;
import org.ser4j.core.EmotionClassifier;
import org.ser4j.core.Prediction;
import org.ser4j.training.corpus.CorpusScanner;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.ScanOptions;
import org.ser4j.training.corpus.ScanResult;
import org.ser4j.training.corpus.SkippedFile;
import org.ser4j.training.report.ClassMetrics;
import org.ser4j.training.report.ReportWriter;
import org.ser4j.training.report.RunReport;

/**
 * Scores an existing classifier on labelled corpus folders and writes the same report files as a
 * training run (without history): the {@code evaluate} command's work. Stateless.
 */
public final class ClassifierEvaluation {
    private ClassifierEvaluation() {
    }

    /**
     * What an evaluation produced.
     *
     * @param report the report written
     * @param failedFiles how many labelled clips could not be classified (each reported)
     */
    public record Outcome(RunReport report, int failedFiles) {
    }

    /**
     * Classifies every labelled clip under {@code dataDirectories} and writes the reports.
     *
     * @param classifier the model to score
     * @param modelName how the report names the model (e.g. its file)
     * @param dataDirectories corpus folders, scanned recursively; must exist and hold files
     * @param outputDirectory where the report files go; created if missing
     * @param info receives progress lines (about every tenth of the clips) and a closing summary
     * @param problem receives one line per clip that cannot be classified, naming the file
     * @return the report written (the {@code evaluation} part only, no history) and how many clips
     *     failed; failed clips are listed among the report's skipped files and left out of the
     *     metrics and counts
     * @throws TrainingInputException if a directory is unusable, no labelled clip is found, or
     *     no clip could be classified
     * @throws IOException if the report files cannot be written
     */
    public static Outcome run(EmotionClassifier classifier, String modelName, List<Path> dataDirectories, Path outputDirectory,
            Consumer<String> info, Consumer<String> problem) throws IOException {
        InputChecks.dataDirectories(dataDirectories);
        InputChecks.outputDirectory(outputDirectory);
        ScanResult scan;
        try {
            scan = CorpusScanner.scan(dataDirectories, ScanOptions.DEFAULT);
        } catch (IOException e) {
            throw new TrainingInputException("cannot scan " + dataDirectories + ": " + e.getMessage(), e);
        }
        if (scan.clips().isEmpty()) {
            throw new TrainingInputException("no labelled clips found in " + dataDirectories
                    + " (file names follow no known corpus convention: CREMA-D, RAVDESS, EmoDB, TESS, SAVEE or folder-per-label)");
        }
        List<RunReport.SkippedEntry> skipped = new ArrayList<>();
        for (SkippedFile s : scan.skipped()) {
            skipped.add(new RunReport.SkippedEntry(s.path().toString(), s.reason()));
        }
        long[][] confusion = new long[Emotion.COUNT][Emotion.COUNT];
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Emotion e : Emotion.values()) {
            counts.put(e.label(), 0);
        }
        int failed = 0;
        int done = 0;
        int every = Math.max(1, scan.clips().size() / 10);
        for (LabelledClip clip : scan.clips()) {
            try {
                Prediction p = classifier.classify(clip.path());
                confusion[clip.emotion().ordinal()][p.emotion().ordinal()]++;
                counts.merge(clip.emotion().label(), 1, Integer::sum);
            } catch (IOException | RuntimeException e) {
                failed++;
                String msg = FeatureCache.reason(clip.path(), e);
                problem.accept("skipping " + clip.path() + ": " + msg);
                skipped.add(new RunReport.SkippedEntry(clip.path().toString(), msg));
            }
            if (++done % every == 0) {
                info.accept(String.format(Locale.ROOT, "classified %d/%d clips", done, scan.clips().size()));
            }
        }
        if (failed == scan.clips().size()) {
            throw new TrainingInputException("none of the " + failed + " labelled clips in " + dataDirectories + " could be classified");
        }
        ClassMetrics metrics = ClassMetrics.of(confusion);
        RunReport report = new RunReport("evaluate", RunReport.SER4J_VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                modelName, dataDirectories.stream().map(Path::toString).toList(), Map.of(), null, "none",
                Map.of("evaluation", counts), skipped, null, List.of(), null, null, null, null, Map.of("evaluation", metrics));
        ReportWriter.write(report, outputDirectory);
        info.accept(String.format(Locale.ROOT, "evaluation: accuracy %.4f, macro F1 %.4f (%d clips); reports in %s",
                metrics.accuracy(), metrics.macroF1(), metrics.clips(), outputDirectory));
        return new Outcome(report, failed);
    }
}
