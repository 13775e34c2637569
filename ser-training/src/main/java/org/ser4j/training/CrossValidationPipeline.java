package org.ser4j.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ser4j.core.Emotion;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.ScanResult;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.training.split.Splits;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.training.calibration.Calibration;
import org.ser4j.training.calibration.ReliabilityBin;
import org.ser4j.training.calibration.TemperatureScaling;
import org.ser4j.training.nn.Network;
import org.ser4j.training.report.ClassMetrics;
import org.ser4j.training.report.CrossValidationReport;
import org.ser4j.training.report.CrossValidationReportWriter;
import org.ser4j.training.report.RunReport;

/**
 * Speaker-grouped k-fold cross-validation, from corpus folders to reports and out-of-fold
 * predictions (and, if asked for, a final model trained on every clip).
 *
 * <p>Steps: scan the folders; extract (or load cached) the features of every clip once, for all
 * folds; deal the speakers into folds ({@link Splits#speakerFolds}); for each fold, fit the
 * standardisation on the other folds, train on them with the configured sample weights, and
 * predict the held-out fold after every epoch. The epoch count with the best mean held-out
 * accuracy over the folds is chosen; the scores, the pooled confusion matrix, the out-of-fold
 * probabilities and their calibration (ECE over {@value Calibration#DEFAULT_BINS} bins, before and
 * after a temperature fitted on them) are those at that epoch. A final model, when requested, is
 * trained on every clip for the chosen epoch count and exported with the temperature in its
 * metadata (extra key {@value #TEMPERATURE_KEY}).
 *
 * <p>Every input problem is found before training starts and raised as a
 * {@link TrainingInputException}.
 */
public final class CrossValidationPipeline {
    /** Name of the out-of-fold predictions file in the output directory. */
    public static final String PREDICTIONS_FILE = "oof-predictions.csv";
    /** Extra metadata key of the fitted temperature in the final model. */
    public static final String TEMPERATURE_KEY = ModelMetadata.TEMPERATURE_KEY;

    /**
     * What a run produced.
     *
     * @param report the report written to the output directory
     * @param predictions the out-of-fold predictions file
     * @param model the exported final model, or null when none was requested
     */
    public record Outcome(CrossValidationReport report, Path predictions, Path model) {
    }

    private final TrainingPipeline.NetworkFactory networks;
    private final TrainingPipeline.ModelExporter exporter;
    private final Function<FeatureKind, FeatureExtractor> extractors;

    /**
     * A pipeline with the given engine, exporter and feature extractors.
     *
     * @param networks builds a freshly initialised network, once per fold (and for the final model)
     * @param exporter writes the final model, atomically
     * @param extractors the extractor of each model kind, e.g. {@link TrainingPipeline#referenceExtractor}
     */
    public CrossValidationPipeline(TrainingPipeline.NetworkFactory networks, TrainingPipeline.ModelExporter exporter,
            Function<FeatureKind, FeatureExtractor> extractors) {
        this.networks = networks;
        this.exporter = exporter;
        this.extractors = extractors;
    }

    /**
     * Runs the cross-validation.
     *
     * @param request data, folds, output and hyper-parameters
     * @param listener told about every epoch of every fold (fold starts are announced on
     *     {@code info})
     * @param info receives progress lines
     * @param problem receives one line per file left out (naming the file and the reason)
     * @return the report, the predictions file and the final model (or null)
     * @throws TrainingInputException on unusable input, before training starts
     * @throws TrainingDivergedException if a training loss becomes NaN or infinite
     * @throws IOException if the reports, predictions or model cannot be written
     */
    public Outcome run(CrossValidationRequest request, TrainingListener listener, Consumer<String> info, Consumer<String> problem)
            throws IOException {
        TrainingConfig config = request.config().withPatience(0);
        int k = request.folds();
        ScannedCorpus scanned = ScannedCorpus.scan(request.dataDirectories(), request.outputDirectory(), request.cacheDirectory(), info);
        ScanResult scan = scanned.scan();
        List<RunReport.SkippedEntry> skipped = new ArrayList<>(scanned.skipped()); // files failing later join them

        // features of every clip, once: the folds only index into them
        FeatureExtractor extractor = extractors.apply(config.kind());
        FeatureCache cache = new FeatureCache(request.cacheDirectory(), extractor);
        FeatureCache.Result features = cache.load(scan.clips().stream().map(LabelledClip::path).toList(), config.threads(), info);
        for (FeatureCache.Failure f : features.failures()) {
            problem.accept("skipping " + f.file() + ": " + f.reason());
            skipped.add(new RunReport.SkippedEntry(f.file().toString(), f.reason()));
        }
        List<LabelledClip> clips = new ArrayList<>();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < scan.clips().size(); i++) {
            if (features.features().get(i) != null) {
                clips.add(scan.clips().get(i));
                rows.add(features.features().get(i));
            }
        }
        if (clips.isEmpty()) {
            throw new TrainingInputException("none of the " + scan.clips().size() + " clips could be decoded");
        }
        int len = cache.featureLength();
        if (request.speakerNormalization()) {
            int bands = config.kind() == FeatureKind.LOG_MEL ? extractor.config().nMels() : 2;
            rows = SpeakerNormalization.apply(rows, clips, bands);
            info.accept("every feature row standardised over its speaker's clips (" + clips.stream().map(LabelledClip::speakerKey).distinct().count()
                    + " speakers)");
        }
        // waveform copies of every usable clip; a fold trains on the copies of its training clips only
        AugmentedCopies copies = AugmentedCopies.load(config.waveform(), config.seed(), extractor, request.cacheDirectory(),
                clips.stream().map(LabelledClip::path).toList(), config.threads(), info, problem);
        Map<LabelledClip, Integer> index = new HashMap<>();
        for (int i = 0; i < clips.size(); i++) {
            index.put(clips.get(i), i);
        }
        List<List<LabelledClip>> folds;
        try {
            folds = Splits.speakerFolds(clips, k, config.seed());
        } catch (IllegalArgumentException e) {
            throw new TrainingInputException("cannot make " + k + " speaker folds: " + e.getMessage(), e);
        }
        int[] foldOf = new int[clips.size()];
        for (int f = 0; f < k; f++) {
            for (LabelledClip c : folds.get(f)) {
                foldOf[index.get(c)] = f;
            }
        }
        for (int f = 0; f < k; f++) {
            checkFoldClasses(f, k, clips, foldOf);
        }

        // per fold: held-out probabilities after every epoch
        int epochs = config.epochs();
        float[][][] probs = new float[k][][];
        int[][] heldIdx = new int[k][];
        int[] foldBest = new int[k];
        List<List<EpochRecord>> histories = new ArrayList<>();
        List<Double> throughput = new ArrayList<>();
        long parameters = 0;
        for (int f = 0; f < k; f++) {
            int fold = f;
            int[] trainIdx = indices(foldOf, i -> i != fold);
            heldIdx[f] = indices(foldOf, i -> i == fold);
            TrainingPart part = trainingPart(rows, copies, clips, trainIdx, len);
            FeatureSet train = part.features();
            FeatureSet held = featureSet(rows, clips, heldIdx[f], len);
            Standardizer st = Standardizer.fit(train, config.standardization());
            train = st.apply(train);
            held = st.apply(held);
            float[] weights = weights(config.balance(), part.clips());
            info.accept(String.format(Locale.ROOT, "fold %d/%d: training on %d clips%s, holding out %d clips of %d speaker(s)",
                    f + 1, k, trainIdx.length, copies.copies() == 0 ? "" : " (" + train.size() + " with waveform copies)", heldIdx[f].length, folds.get(f).stream().map(LabelledClip::speakerKey).distinct().count()));
            float[][] foldProbs = new float[epochs][];
            probs[f] = foldProbs;
            try (Network net = networks.build(config.kind(), config.l2Scale(), config.seed(), config.threads())) {
                parameters = net.parameterCount();
                TrainingResult r = new Trainer().train(net, train, weights, held, config, listener,
                        (epoch, p) -> foldProbs[epoch - 1] = p, config.waveform().variantsPerEpochDraw());
                foldBest[f] = r.bestEpoch();
                histories.add(r.history());
                // the first epoch of every fold pays for JIT warm-up (as in TrainingResult)
                for (int e = r.history().size() == 1 ? 0 : 1; e < r.history().size(); e++) {
                    throughput.add(r.history().get(e).samplesPerSecond());
                }
            }
        }

        // per-epoch means over folds; the chosen epoch
        List<CrossValidationReport.EpochSummary> perEpoch = new ArrayList<>();
        int chosen = 1;
        int bestF1Epoch = 1;
        double bestAcc = Double.NEGATIVE_INFINITY;
        double bestF1 = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < epochs; e++) {
            double[] acc = new double[k];
            double[] f1 = new double[k];
            for (int f = 0; f < k; f++) {
                ClassMetrics m = metrics(probs[f][e], labels(clips, heldIdx[f]));
                acc[f] = m.accuracy();
                f1[f] = m.macroF1();
            }
            CrossValidationReport.EpochSummary s = new CrossValidationReport.EpochSummary(e + 1, mean(acc), std(acc), mean(f1), std(f1));
            perEpoch.add(s);
            if (s.meanAccuracy() > bestAcc) {
                bestAcc = s.meanAccuracy();
                chosen = e + 1;
            }
            if (s.meanMacroF1() > bestF1) {
                bestF1 = s.meanMacroF1();
                bestF1Epoch = e + 1;
            }
        }

        // out-of-fold predictions at the chosen epoch, in clip order
        int classes = Emotion.COUNT;
        float[] oof = new float[clips.size() * classes];
        int[] allLabels = new int[clips.size()];
        List<CrossValidationReport.Fold> foldReports = new ArrayList<>();
        double[] acc = new double[k];
        double[] f1 = new double[k];
        for (int f = 0; f < k; f++) {
            float[] p = probs[f][chosen - 1];
            for (int j = 0; j < heldIdx[f].length; j++) {
                System.arraycopy(p, j * classes, oof, heldIdx[f][j] * classes, classes);
            }
            int[] y = labels(clips, heldIdx[f]);
            ClassMetrics m = metrics(p, y);
            acc[f] = m.accuracy();
            f1[f] = m.macroF1();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Emotion em : Emotion.values()) {
                counts.put(em.label(), 0);
            }
            for (int label : y) {
                counts.merge(Emotion.values()[label].label(), 1, Integer::sum);
            }
            foldReports.add(new CrossValidationReport.Fold(f + 1,
                    new ArrayList<>(new TreeSet<>(folds.get(f).stream().map(LabelledClip::speakerKey).toList())),
                    clips.size() - heldIdx[f].length, heldIdx[f].length, acc[f], f1[f], foldBest[f], counts, histories.get(f)));
        }
        for (int i = 0; i < clips.size(); i++) {
            allLabels[i] = clips.get(i).emotion().ordinal();
        }
        ClassMetrics pooled = metrics(oof, allLabels);
        Map<String, CrossValidationReport.CorpusScore> perCorpus = new java.util.TreeMap<>();
        for (String corpus : new TreeSet<>(clips.stream().map(LabelledClip::corpus).toList())) {
            int[] idx = indices(foldOf, f -> true);
            idx = java.util.Arrays.stream(idx).filter(i -> clips.get(i).corpus().equals(corpus)).toArray();
            float[] p = new float[idx.length * classes];
            for (int j = 0; j < idx.length; j++) {
                System.arraycopy(oof, idx[j] * classes, p, j * classes, classes);
            }
            ClassMetrics m = metrics(p, labels(clips, idx));
            perCorpus.put(corpus, new CrossValidationReport.CorpusScore(m.clips(), m.accuracy(), m.macroF1()));
        }
        int bins = Calibration.DEFAULT_BINS;
        List<ReliabilityBin> before = Calibration.reliability(oof, allLabels, classes, bins);
        double temperature = TemperatureScaling.fit(oof, allLabels, classes);
        float[] scaled = TemperatureScaling.apply(oof, classes, temperature);
        List<ReliabilityBin> after = Calibration.reliability(scaled, allLabels, classes, bins);
        CrossValidationReport.CalibrationSummary calibration = new CrossValidationReport.CalibrationSummary(bins,
                Calibration.expectedCalibrationError(before), Calibration.negativeLogLikelihood(oof, allLabels, classes),
                temperature, Calibration.expectedCalibrationError(after),
                Calibration.negativeLogLikelihood(scaled, allLabels, classes), before, after);
        CrossValidationReport.Summary summary = new CrossValidationReport.Summary(mean(acc), std(acc), mean(f1), std(f1));
        info.accept(String.format(Locale.ROOT, "chosen epoch %d of %d: accuracy %.4f ± %.4f, macro F1 %.4f ± %.4f over %d folds;"
                + " ECE %.4f, %.4f after temperature %.3f", chosen, epochs, summary.meanAccuracy(), summary.stdAccuracy(),
                summary.meanMacroF1(), summary.stdMacroF1(), k, calibration.eceBefore(), calibration.eceAfter(), temperature));

        Path predictions = request.outputDirectory().resolve(PREDICTIONS_FILE);
        CrossValidationReportWriter.writePredictions(predictions, clips, foldOf, oof);

        CrossValidationReport.FinalModel finalModel = null;
        Path model = null;
        String createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (request.finalModel()) {
            int[] all = indices(foldOf, i -> true);
            TrainingPart part = trainingPart(rows, copies, clips, all, len);
            FeatureSet train = part.features();
            Standardizer st = Standardizer.fit(train, config.standardization());
            train = st.apply(train);
            info.accept(String.format(Locale.ROOT, "final model: training on all %d clips%s for %d epoch(s)", clips.size(),
                    copies.copies() == 0 ? "" : " (" + train.size() + " with waveform copies)", chosen));
            model = request.outputDirectory().resolve(TrainingPipeline.MODEL_FILE);
            try (Network net = networks.build(config.kind(), config.l2Scale(), config.seed(), config.threads())) {
                new Trainer().train(net, train, weights(config.balance(), part.clips()), new FeatureSet(new float[0], new int[0], len),
                        config.withEpochs(chosen), listener, null, config.waveform().variantsPerEpochDraw());
                exporter.export(net, metadata(extractor, st, config, chosen, summary, temperature, createdAt, clips), model);
            }
            finalModel = new CrossValidationReport.FinalModel(TrainingPipeline.MODEL_FILE, chosen, clips.size(), temperature);
        }
        CrossValidationReport report = new CrossValidationReport("cv", RunReport.SER4J_VERSION, createdAt, config.kind().id(),
                request.dataDirectories().stream().map(Path::toString).toList(), withFolds(config, k, request.speakerNormalization()), config.seed(), foldReports,
                perEpoch, chosen, bestF1Epoch, summary, pooled, perCorpus, calibration, skipped, parameters,
                median(throughput), RunReport.measurePeakHeap(), finalModel);
        CrossValidationReportWriter.write(report, request.outputDirectory());
        info.accept("wrote the reports and " + PREDICTIONS_FILE + (model != null ? " and " + TrainingPipeline.MODEL_FILE : "")
                + " to " + request.outputDirectory());
        return new Outcome(report, predictions, model);
    }

    private static Map<String, Object> withFolds(TrainingConfig config, int k, boolean speakerNormalization) {
        Map<String, Object> m = config.asMap();
        m.remove("patience");
        m.put("folds", k);
        if (speakerNormalization) {
            m.put("speakerNormalization", "every feature row standardised over its speaker's clips");
        }
        return m;
    }

    /** Every class of the held-out fold must be in its training part, and that part needs two classes. */
    private static void checkFoldClasses(int fold, int k, List<LabelledClip> clips, int[] foldOf) {
        boolean[] inTrain = new boolean[Emotion.COUNT];
        boolean[] inHeld = new boolean[Emotion.COUNT];
        for (int i = 0; i < clips.size(); i++) {
            (foldOf[i] == fold ? inHeld : inTrain)[clips.get(i).emotion().ordinal()] = true;
        }
        int trainClasses = 0;
        for (Emotion e : Emotion.values()) {
            if (inHeld[e.ordinal()] && !inTrain[e.ordinal()]) {
                throw new TrainingInputException("fold " + (fold + 1) + " of " + k + ": class " + e.label()
                        + " occurs only in the held-out speakers, not in the training part; use fewer folds or more speakers of it");
            }
            trainClasses += inTrain[e.ordinal()] ? 1 : 0;
        }
        if (trainClasses < 2) {
            throw new TrainingInputException("fold " + (fold + 1) + " of " + k + ": the training part has fewer than two classes");
        }
    }

    private interface FoldTest {
        boolean keep(int fold);
    }

    private static int[] indices(int[] foldOf, FoldTest test) {
        int n = 0;
        for (int f : foldOf) {
            n += test.keep(f) ? 1 : 0;
        }
        int[] out = new int[n];
        int j = 0;
        for (int i = 0; i < foldOf.length; i++) {
            if (test.keep(foldOf[i])) {
                out[j++] = i;
            }
        }
        return out;
    }

    /** A training part: its features (originals, then each copy of them) and the clip of every row. */
    private record TrainingPart(FeatureSet features, List<LabelledClip> clips) {
    }

    private static TrainingPart trainingPart(List<float[]> rows, AugmentedCopies copies, List<LabelledClip> clips, int[] idx, int len) {
        List<float[]> x = new ArrayList<>();
        List<LabelledClip> who = new ArrayList<>();
        for (int i : idx) {
            x.add(rows.get(i));
            who.add(clips.get(i));
        }
        // one block per copy, in the originals' order (the trainer's variant layout); a copy that
        // could not be made is stood in for by its original
        for (int c = 0; c < copies.copies(); c++) {
            for (int i : idx) {
                float[] r = copies.row(c, i);
                x.add(r != null ? r : rows.get(i));
                who.add(clips.get(i));
            }
        }
        float[] flat = new float[Math.multiplyExact(x.size(), len)];
        int[] y = new int[x.size()];
        for (int j = 0; j < x.size(); j++) {
            System.arraycopy(x.get(j), 0, flat, j * len, len);
            y[j] = who.get(j).emotion().ordinal();
        }
        return new TrainingPart(new FeatureSet(flat, y, len), who);
    }

    private static FeatureSet featureSet(List<float[]> rows, List<LabelledClip> clips, int[] idx, int len) {
        float[] x = new float[Math.multiplyExact(idx.length, len)];
        int[] y = new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            System.arraycopy(rows.get(idx[j]), 0, x, j * len, len);
            y[j] = clips.get(idx[j]).emotion().ordinal();
        }
        return new FeatureSet(x, y, len);
    }

    private static float[] weights(SampleWeighting balance, List<LabelledClip> part) {
        return balance == SampleWeighting.NONE ? null : balance.weights(part);
    }

    private static int[] labels(List<LabelledClip> clips, int[] idx) {
        int[] y = new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            y[j] = clips.get(idx[j]).emotion().ordinal();
        }
        return y;
    }

    private static ClassMetrics metrics(float[] p, int[] labels) {
        return ClassMetrics.of(NetworkEvaluation.fromProbabilities(p, labels).confusion());
    }

    private static double median(List<Double> v) {
        List<Double> sorted = new ArrayList<>(v);
        java.util.Collections.sort(sorted);
        int m = sorted.size();
        return m == 0 ? Double.NaN : m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n - 1 in the denominator); 0 for a single value. */
    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static ModelMetadata metadata(FeatureExtractor extractor, Standardizer standardizer, TrainingConfig config, int epochs,
            CrossValidationReport.Summary summary, double temperature, String createdAt, List<LabelledClip> clips) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("ser4j_version", RunReport.SER4J_VERSION);
        extra.put("seed", Long.toString(config.seed()));
        extra.put("split", "all (epochs chosen by cross-validation)");
        extra.put("epochs", Integer.toString(epochs));
        extra.put("created_at", createdAt);
        extra.put(TEMPERATURE_KEY, Double.toString(temperature));
        Map<String, Object> recipe = config.withEpochs(epochs).asMap();
        recipe.remove("patience");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (LabelledClip clip : clips) {
            counts.merge(clip.corpus(), 1, Integer::sum);
        }
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            extra.put("recipe", json.writeValueAsString(recipe));
            extra.put("training_data", json.writeValueAsString(counts));
            Map<String, Double> cv = new LinkedHashMap<>();
            cv.put("mean_accuracy", summary.meanAccuracy());
            cv.put("std_accuracy", summary.stdAccuracy());
            cv.put("mean_macro_f1", summary.meanMacroF1());
            cv.put("std_macro_f1", summary.stdMacroF1());
            extra.put("cross_validation", json.writeValueAsString(cv));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise model metadata: " + e.getMessage(), e);
        }
        return TrainingPipeline.metadata(extractor, standardizer, extra);
    }
}
