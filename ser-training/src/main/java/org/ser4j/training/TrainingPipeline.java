package org.ser4j.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.ScanResult;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.training.split.DatasetSplit;
import org.ser4j.training.split.Splits;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureExtractors;
import org.ser4j.features.LogMelSpectrogram;
import org.ser4j.features.TimeDomainFeatures;
import org.ser4j.training.nn.Network;
import org.ser4j.training.report.ClassMetrics;
import org.ser4j.training.report.ReportWriter;
import org.ser4j.training.report.RunReport;

/**
 * A whole training run, from corpus folders to {@code model.onnx} and the reports: checks the
 * input, scans and splits the corpus, extracts (or loads cached) features, standardises, trains,
 * evaluates, writes the reports and exports the model.
 *
 * <p>Every input problem is found before training starts and raised as a
 * {@link TrainingInputException}. The model is exported last and atomically (see
 * {@link ModelExporter}), so a run killed at any point leaves either no {@code model.onnx} or a
 * complete one.
 * The engine is reached only through {@link NetworkFactory} and {@link ModelExporter}.
 */
public final class TrainingPipeline {
    /** Name of the exported model in the output directory. */
    public static final String MODEL_FILE = "model.onnx";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Builds a freshly initialised network. */
    @FunctionalInterface
    public interface NetworkFactory {
        /**
         * A network for {@code kind} with the notebook's L2 factors times {@code l2Scale}.
         *
         * @param kind the model architecture, and hence the input length
         * @param l2Scale factor on every layer's L2 kernel penalty, at least 0 (0 = none)
         * @param seed seed of the weight initialisation
         * @param threads worker threads the network may use, at least 1
         * @return a network with freshly initialised parameters, ready for {@link Trainer#train}
         */
        Network build(FeatureKind kind, double l2Scale, long seed, int threads);
    }

    /**
     * Writes a trained network as an ONNX file. Implementations must write atomically (through
     * {@link org.ser4j.core.io.AtomicFiles}), as {@code OnnxExporter.export} does, so that a failed
     * or killed export leaves no partial {@code model.onnx}.
     */
    @FunctionalInterface
    public interface ModelExporter {
        /**
         * Writes {@code net} with {@code metadata} to {@code out}, atomically.
         *
         * @param net the trained network
         * @param metadata feature settings, labels and standardisation to store in the model
         * @param out the model file; replaced only once the new one is complete
         * @throws IOException if the file cannot be written (the old one, if any, is kept)
         */
        void export(Network net, ModelMetadata metadata, Path out) throws IOException;
    }

    /**
     * What a run produced.
     *
     * @param report the report written to the output directory
     * @param model the exported model file
     * @param result the training history and best epoch
     */
    public record Outcome(RunReport report, Path model, TrainingResult result) {
    }

    private final NetworkFactory networks;
    private final ModelExporter exporter;
    private final Function<FeatureKind, FeatureExtractor> extractors;

    /**
     * A pipeline with the reference feature extractors ({@link FeatureConfig#DEFAULT}).
     *
     * @param networks builds the network to train, once per run
     * @param exporter writes the trained network to {@code model.onnx}, atomically
     */
    public TrainingPipeline(NetworkFactory networks, ModelExporter exporter) {
        this(networks, exporter, TrainingPipeline::referenceExtractor);
    }

    /**
     * A pipeline with the given feature extractors (for tests and custom features).
     *
     * @param networks builds the network to train, once per run
     * @param exporter writes the trained network to {@code model.onnx}, atomically
     * @param extractors the extractor of each model kind; its feature length must equal the input
     *     length of the network {@code networks} builds for that kind
     */
    public TrainingPipeline(NetworkFactory networks, ModelExporter exporter, Function<FeatureKind, FeatureExtractor> extractors) {
        this.networks = networks;
        this.exporter = exporter;
        this.extractors = extractors;
    }

    /**
     * The notebook's extractor of a kind.
     *
     * @param kind the model kind
     * @return {@link TimeDomainFeatures} for {@link FeatureKind#TIME_DOMAIN}, {@link LogMelSpectrogram}
     *     for any other kind (null included), both with {@link FeatureConfig#DEFAULT}
     */
    public static FeatureExtractor referenceExtractor(FeatureKind kind) {
        return FeatureExtractors.forKind(kind == FeatureKind.TIME_DOMAIN ? FeatureKind.TIME_DOMAIN : FeatureKind.LOG_MEL, FeatureConfig.DEFAULT);
    }

    /**
     * Runs the whole training.
     *
     * @param request data, split, output and hyper-parameters
     * @param listener told about every epoch
     * @param info receives progress lines (scan, split, features, evaluation)
     * @param problem receives one line per file left out (naming the file and the reason)
     * @return the report, the model file and the training history
     * @throws TrainingInputException on unusable input, before training starts
     * @throws TrainingDivergedException if the training loss becomes NaN or infinite
     * @throws IOException if the reports or the model cannot be written
     */
    public Outcome run(TrainingRequest request, TrainingListener listener, Consumer<String> info, Consumer<String> problem)
            throws IOException {
        TrainingConfig config = request.config();
        ScannedCorpus scanned = ScannedCorpus.scan(request.dataDirectories(), request.outputDirectory(), request.cacheDirectory(), info);
        ScanResult scan = scanned.scan();
        List<RunReport.SkippedEntry> skipped = new ArrayList<>(scanned.skipped()); // files failing later join them

        DatasetSplit split = split(scan.clips(), request);
        InputChecks.trainingPartHasEveryClass(split);
        info.accept(String.format(Locale.ROOT, "split %s: %d train, %d validation, %d test clips", request.split().id(),
                split.train().size(), split.validation().size(), split.test().size()));

        FeatureExtractor extractor = extractors.apply(config.kind());
        DatasetSplit[] usable = new DatasetSplit[1];
        FeatureSet[] parts = extract(extractor, split, request, info, problem, skipped, usable);
        FeatureSet train = parts[0];
        List<LabelledClip> trainClips = usable[0].train();
        if (config.waveform().enabled()) { // copies of the training part only; validation and test stay as recorded
            AugmentedCopies copies = AugmentedCopies.load(config.waveform(), config.seed(), extractor, request.cacheDirectory(),
                    trainClips.stream().map(LabelledClip::path).toList(), config.threads(), info, problem);
            List<LabelledClip> rows = new ArrayList<>(trainClips);
            List<float[]> extra = new ArrayList<>();
            // one block per copy, in the originals' order (the trainer's variant layout); a copy that
            // could not be made is stood in for by its original
            float[] originals = train.features();
            int len = train.featureLength();
            for (int c = 0; c < copies.copies(); c++) {
                for (int i = 0; i < trainClips.size(); i++) {
                    float[] r = copies.row(c, i);
                    extra.add(r != null ? r : java.util.Arrays.copyOfRange(originals, i * len, (i + 1) * len));
                    rows.add(trainClips.get(i));
                }
            }
            train = withRows(train, extra, rows.subList(trainClips.size(), rows.size()));
            trainClips = rows;
            info.accept(String.format(Locale.ROOT, "training part with waveform copies: %d rows", train.size()));
        }
        FeatureSet validation = parts[1];
        FeatureSet test = parts[2];
        Standardizer standardizer = Standardizer.fit(train, config.standardization());
        train = standardizer.apply(train);
        validation = standardizer.apply(validation);
        test = standardizer.apply(test);

        Network net = networks.build(config.kind(), config.l2Scale(), config.seed(), config.threads());
        info.accept(String.format(Locale.ROOT, "training the %s model (%,d parameters): %d epochs, batch %d, Adam lr %s, standardize %s, %d thread(s)",
                config.kind().id(), net.parameterCount(), config.epochs(), config.batchSize(), config.learningRate(),
                config.standardization().id(), config.threads()));
        if (validation.size() == 0) {
            throw new IllegalArgumentException("the validation part is empty; the best epoch cannot be chosen without one");
        }
        float[] weights = config.balance() == SampleWeighting.NONE ? null : config.balance().weights(trainClips);
        TrainingResult result = new Trainer().train(net, train, weights, validation, config, listener, null,
                config.waveform().variantsPerEpochDraw());

        Map<String, ClassMetrics> metrics = new LinkedHashMap<>();
        metrics.put("validation", ClassMetrics.of(NetworkEvaluation.of(net, validation).confusion()));
        if (test.size() > 0) {
            metrics.put("test", ClassMetrics.of(NetworkEvaluation.of(net, test).confusion()));
        }
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        counts.put("train", labelCounts(train));
        counts.put("validation", labelCounts(validation));
        counts.put("test", labelCounts(test));

        RunReport report = new RunReport("train", RunReport.SER4J_VERSION, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                config.kind().id(), request.dataDirectories().stream().map(Path::toString).toList(), config.asMap(), config.seed(),
                request.split().id(), counts, skipped, net.parameterCount(), result.history(), result.bestEpoch(),
                result.stoppedEarly(), result.trainSamplesPerSecond(), RunReport.measurePeakHeap(), metrics);
        ReportWriter.write(report, request.outputDirectory());

        ModelMetadata metadata = metadata(extractor, standardizer, report);
        Path model = request.outputDirectory().resolve(MODEL_FILE);
        exporter.export(net, metadata, model);
        metrics.forEach((part, m) -> info.accept(String.format(Locale.ROOT, "%s: accuracy %.4f, macro F1 %.4f (%d clips)",
                part, m.accuracy(), m.macroF1(), m.clips())));
        info.accept(String.format(Locale.ROOT, "kept epoch %d; %.1f training samples/s; peak heap %d MiB; wrote %s and reports to %s",
                result.bestEpoch(), result.trainSamplesPerSecond(), report.peakHeapBytes() >> 20, MODEL_FILE, request.outputDirectory()));
        return new Outcome(report, model, result);
    }

    /**
     * Features of the three parts, from the cache or extracted; clips that fail are reported,
     * recorded in {@code skipped} and left out, and the class checks are repeated without them.
     */
    private static FeatureSet[] extract(FeatureExtractor extractor, DatasetSplit split, TrainingRequest request,
            Consumer<String> info, Consumer<String> problem, List<RunReport.SkippedEntry> skipped, DatasetSplit[] usableOut) {
        FeatureCache cache = new FeatureCache(request.cacheDirectory(), extractor);
        List<LabelledClip> all = new ArrayList<>(split.train());
        all.addAll(split.validation());
        all.addAll(split.test());
        FeatureCache.Result features = cache.load(all.stream().map(LabelledClip::path).toList(), request.config().threads(), info);
        Set<Path> failed = new HashSet<>();
        for (FeatureCache.Failure f : features.failures()) {
            problem.accept("skipping " + f.file() + ": " + f.reason());
            skipped.add(new RunReport.SkippedEntry(f.file().toString(), f.reason()));
            failed.add(f.file());
        }
        Map<Path, float[]> byPath = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (features.features().get(i) != null) {
                byPath.put(all.get(i).path(), features.features().get(i));
            }
        }
        DatasetSplit usable = new DatasetSplit(keep(split.train(), failed), keep(split.validation(), failed), keep(split.test(), failed));
        if (!failed.isEmpty()) {
            if (usable.train().isEmpty()) {
                throw new TrainingInputException("none of the " + split.train().size() + " training clips could be decoded");
            }
            InputChecks.trainingPartHasEveryClass(usable);
        }
        usableOut[0] = usable;
        return new FeatureSet[] {toFeatureSet(usable.train(), byPath, cache.featureLength()),
            toFeatureSet(usable.validation(), byPath, cache.featureLength()), toFeatureSet(usable.test(), byPath, cache.featureLength())};
    }

    private static DatasetSplit split(List<LabelledClip> clips, TrainingRequest request) {
        try {
            return request.split() == SplitMethod.SPEAKER
                    ? Splits.speakerDisjoint(clips, request.validationFraction(), request.testFraction(), request.config().seed())
                    : Splits.notebookRandom(clips, request.config().seed());
        } catch (IllegalArgumentException e) {
            throw new TrainingInputException("cannot split the corpus by " + request.split().id() + ": " + e.getMessage(), e);
        }
    }

    private static List<LabelledClip> keep(List<LabelledClip> clips, Set<Path> failed) {
        return failed.isEmpty() ? clips : clips.stream().filter(c -> !failed.contains(c.path())).toList();
    }

    private static FeatureSet toFeatureSet(List<LabelledClip> clips, Map<Path, float[]> byPath, int len) {
        float[] x = new float[Math.multiplyExact(clips.size(), len)];
        int[] y = new int[clips.size()];
        for (int i = 0; i < clips.size(); i++) {
            System.arraycopy(byPath.get(clips.get(i).path()), 0, x, i * len, len);
            y[i] = clips.get(i).emotion().ordinal();
        }
        return new FeatureSet(x, y, len);
    }

    /** {@code set} followed by the rows {@code extra}, labelled by {@code clips}. */
    private static FeatureSet withRows(FeatureSet set, List<float[]> extra, List<LabelledClip> clips) {
        int len = set.featureLength();
        float[] x = java.util.Arrays.copyOf(set.features(), Math.multiplyExact(set.size() + extra.size(), len));
        int[] y = java.util.Arrays.copyOf(set.labels(), set.size() + extra.size());
        for (int j = 0; j < extra.size(); j++) {
            System.arraycopy(extra.get(j), 0, x, (set.size() + j) * len, len);
            y[set.size() + j] = clips.get(j).emotion().ordinal();
        }
        return new FeatureSet(x, y, len);
    }

    static Map<String, Integer> labelCounts(FeatureSet set) {
        Map<String, Integer> m = new LinkedHashMap<>();
        set.classCounts().forEach((e, n) -> m.put(e.label(), n));
        return m;
    }

    /** The metadata stored in the exported model. */
    static ModelMetadata metadata(FeatureExtractor extractor, Standardizer standardizer, RunReport report) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("ser4j_version", RunReport.SER4J_VERSION);
        extra.put("seed", Long.toString(report.seed()));
        extra.put("split", report.split());
        extra.put("best_epoch", Integer.toString(report.bestEpoch()));
        extra.put("created_at", report.createdAt());
        try {
            extra.put("recipe", JSON.writeValueAsString(report.config()));
            extra.put("training_data", JSON.writeValueAsString(report.dataCounts()));
            Map<String, Map<String, Double>> summary = new LinkedHashMap<>();
            report.metrics().forEach((part, m) -> {
                Map<String, Double> s = new LinkedHashMap<>();
                s.put("accuracy", m.accuracy());
                s.put("macro_f1", m.macroF1());
                summary.put(part, s);
            });
            extra.put("metrics", JSON.writeValueAsString(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise model metadata: " + e.getMessage(), e);
        }
        return metadata(extractor, standardizer, extra);
    }

    /**
     * The one mapping from a trained pipeline to the metadata serving reads back: the extractor's
     * kind and settings, the standardisation, the labels, and the given provenance.
     */
    static ModelMetadata metadata(FeatureExtractor extractor, Standardizer standardizer, Map<String, String> extra) {
        FeatureConfig c = extractor.config();
        return new ModelMetadata(extractor.kind(), c.sampleRate(), c.clipSamples(), c.nFft(), c.hopLength(), c.nMels(), c.topDb(),
                c.trimTopDb(), c.utteranceNormalization(), ModelMetadata.emotionLabels(), standardizer.mean(), standardizer.std(), extra);
    }
}
