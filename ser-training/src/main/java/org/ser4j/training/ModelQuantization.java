package org.ser4j.training;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.ser4j.core.model.FeatureScaling;
import org.ser4j.core.model.ModelMetadata;
import org.ser4j.features.FeatureConfig;
import org.ser4j.features.FeatureExtractor;
import org.ser4j.features.FeatureExtractors;
import org.ser4j.training.corpus.CorpusScanner;
import org.ser4j.training.corpus.LabelledClip;
import org.ser4j.training.corpus.ScanOptions;
import org.ser4j.training.corpus.ScanResult;
import org.ser4j.training.nn.SequentialNetwork;
import org.ser4j.training.nn.ValueRange;
import org.ser4j.training.onnx.ImportedModel;
import org.ser4j.training.onnx.OnnxImporter;
import org.ser4j.training.onnx.QdqExporter;

/**
 * Makes the int8 twin of a float model: reads it back ({@link OnnxImporter}), extracts the
 * features of calibration clips with the model's own feature settings (through the
 * {@link FeatureCache}), standardises them with the model's own statistics, measures each Conv
 * and Gemm input's range with the engine's forward pass
 * ({@link SequentialNetwork#weightedLayerInputRanges}) and writes the QDQ model
 * ({@link QdqExporter}).
 */
public final class ModelQuantization {
    /** Default number of calibration clips. */
    public static final int DEFAULT_CLIPS = 500;
    /** Seed of the draw of calibration clips when a corpus holds more than asked for. */
    public static final long SEED = 42;
    /** Histogram bins per tensor of a percentile calibration. */
    public static final int BINS = 4096;
    private static final int BATCH = 32;

    private ModelQuantization() {
    }

    /**
     * What to quantise and on which clips.
     *
     * @param model the float {@code .onnx} file ser4j exported
     * @param dataDirectories labelled corpus folders the calibration clips are drawn from
     * @param clips at most this many clips, drawn with seed {@value #SEED} when there are more
     * @param cacheDirectory the feature cache
     * @param threads feature extraction and forward-pass threads
     * @param output the int8 {@code .onnx} file to write
     * @param percentile 100 for min/max ranges; below, each range keeps this share of the values
     *     (cutting {@code (100 - percentile) %} off the top, and off the bottom of a range reaching
     *     below 0), found on histograms of {@value #BINS} bins
     */
    public record Request(Path model, List<Path> dataDirectories, int clips, Path cacheDirectory, int threads, Path output,
            double percentile) {
        /**
         * Checks the numbers and copies the folder list.
         *
         * @param model the float model file, not null
         * @param dataDirectories the corpus folders; copied
         * @param clips at most this many calibration clips, positive
         * @param cacheDirectory the feature cache, not null
         * @param threads threads, positive
         * @param output the int8 model file, not null
         * @param percentile in (99, 100]; 100 for min/max
         * @throws TrainingInputException if {@code clips} or {@code threads} is not positive, the
         *     percentile is outside (99, 100], or a path is null
         */
        public Request {
            if (model == null || dataDirectories == null || cacheDirectory == null || output == null) {
                throw new TrainingInputException("model, data folders, cache folder and output file must be given");
            }
            if (clips < 1) {
                throw new TrainingInputException("the number of calibration clips must be positive, got " + clips, "calibrationClips", null);
            }
            if (threads < 1) {
                throw new TrainingInputException("threads must be positive, got " + threads, "threads", null);
            }
            if (!(percentile > 99 && percentile <= 100)) {
                throw new TrainingInputException("the calibration percentile must be above 99 and at most 100, got " + percentile,
                        "calibrationPercentile", null);
            }
            dataDirectories = List.copyOf(dataDirectories);
        }
    }

    /**
     * What was written.
     *
     * @param clips calibration clips whose features went into the ranges
     * @param failed clips that could not be read or extracted (left out, each reported)
     * @param ranges the calibrated input range of each Conv and Gemm, in graph order
     * @param calibration the calibration description stored in the model
     */
    public record Outcome(int clips, int failed, List<ValueRange> ranges, String calibration) {
        /**
         * Copies the range list.
         *
         * @param clips calibration clips used
         * @param failed clips left out
         * @param ranges one range per Conv and Gemm; copied
         * @param calibration the stored description
         */
        public Outcome {
            ranges = List.copyOf(ranges);
        }
    }

    /**
     * Calibrates and writes the int8 model.
     *
     * @param request the model, clips and output
     * @param info progress lines
     * @param problem one line per clip left out
     * @return what was written
     * @throws TrainingInputException if a data folder is missing or empty, no clip follows a
     *     corpus convention, no clip could be extracted, the model cannot be read or is not a float
     *     model ser4j exported, or the output is the model file itself
     * @throws IOException if the output cannot be written
     */
    public static Outcome run(Request request, Consumer<String> info, Consumer<String> problem) throws IOException {
        InputChecks.dataDirectories(request.dataDirectories());
        if (Files.exists(request.output()) && Files.isSameFile(request.output(), request.model())) {
            throw new TrainingInputException("the output " + request.output() + " is the float model itself; choose another file",
                    "quantizedOutput", null);
        }
        ModelProto floatModel;
        ImportedModel imported;
        try {
            floatModel = ModelProto.parseFrom(Files.readAllBytes(request.model()));
            imported = OnnxImporter.fromModel(floatModel);
        } catch (InvalidProtocolBufferException e) {
            throw new TrainingInputException("cannot quantise " + request.model() + ": not an ONNX model", e);
        } catch (IOException e) {
            throw new TrainingInputException("cannot read model " + request.model() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new TrainingInputException("cannot quantise " + request.model() + ": " + e.getMessage(), e);
        }
        ModelMetadata metadata = imported.metadata();
        ScanResult scan;
        try {
            scan = CorpusScanner.scan(request.dataDirectories(), ScanOptions.DEFAULT);
        } catch (IOException e) {
            throw new TrainingInputException("cannot scan " + request.dataDirectories() + ": " + e.getMessage(), e);
        }
        List<LabelledClip> all = new ArrayList<>(scan.clips());
        if (all.isEmpty()) {
            throw new TrainingInputException("no labelled clips found in " + request.dataDirectories()
                    + " (file names follow no known corpus convention: CREMA-D, RAVDESS, EmoDB, TESS, SAVEE or folder-per-label)");
        }
        all.sort(Comparator.comparing(c -> c.path().toString()));
        if (all.size() > request.clips()) {
            Collections.shuffle(all, new Random(SEED));
            all = all.subList(0, request.clips());
        }
        List<Path> files = all.stream().map(LabelledClip::path).toList();
        FeatureConfig config = FeatureConfig.of(metadata);
        FeatureExtractor extractor = FeatureExtractors.forKind(metadata.featureKind(), config);
        info.accept("calibration: features of " + files.size() + " clip(s) of " + scan.clips().size() + " ("
                + metadata.featureKind().id() + ")");
        FeatureCache.Result features = new FeatureCache(request.cacheDirectory(), extractor).load(files, request.threads(), info);
        for (FeatureCache.Failure f : features.failures()) {
            problem.accept("skipping " + f.file() + ": " + f.reason());
        }
        List<float[]> rows = features.features().stream().filter(f -> f != null).toList();
        if (rows.isEmpty()) {
            throw new TrainingInputException("none of the " + files.size() + " calibration clips could be read");
        }
        FeatureScaling scaling = FeatureScaling.of(metadata.mean(), metadata.std());
        List<ValueRange> ranges = null;
        try (SequentialNetwork net = imported.toNetwork(request.threads())) {
            if (!scaling.fits(net.inputLength())) {
                throw new TrainingInputException("cannot quantise " + request.model() + ": its standardisation does not fit its input");
            }
            int len = net.inputLength();
            for (int from = 0; from < rows.size(); from += BATCH) {
                List<ValueRange> batch = net.weightedLayerInputRanges(batch(rows, from, scaling, len), Math.min(BATCH, rows.size() - from));
                if (ranges == null) {
                    ranges = batch;
                } else {
                    List<ValueRange> merged = new ArrayList<>(ranges.size());
                    for (int q = 0; q < ranges.size(); q++) {
                        merged.add(ranges.get(q).union(batch.get(q)));
                    }
                    ranges = merged;
                }
            }
            if (request.percentile() < 100) {
                List<long[]> histograms = null;
                for (int from = 0; from < rows.size(); from += BATCH) {
                    List<long[]> batch = net.weightedLayerInputHistograms(batch(rows, from, scaling, len),
                            Math.min(BATCH, rows.size() - from), ranges, BINS);
                    if (histograms == null) {
                        histograms = new ArrayList<>(batch);
                    } else {
                        for (int q = 0; q < batch.size(); q++) {
                            long[] h = histograms.get(q);
                            long[] add = batch.get(q);
                            for (int k = 0; k < BINS; k++) {
                                h[k] += add[k];
                            }
                        }
                    }
                }
                List<ValueRange> cut = new ArrayList<>(ranges.size());
                for (int q = 0; q < ranges.size(); q++) {
                    cut.add(percentileRange(ranges.get(q), histograms.get(q), request.percentile()));
                }
                ranges = cut;
            }
        } catch (IllegalArgumentException e) {
            throw new TrainingInputException("cannot quantise " + request.model() + ": " + e.getMessage(), e);
        }
        String method = request.percentile() < 100
                ? String.format(Locale.ROOT, "the %s %% percentile range (%d-bin histograms)", trim(request.percentile()), BINS)
                : "min/max";
        String calibration = String.format(Locale.ROOT, "%s of each Conv/Gemm input over %d clip(s) of %s (%d found; drawn with seed %d "
                + "when more), features and standardisation of the model's metadata",
                method, rows.size(), describe(request.dataDirectories()), scan.clips().size(), SEED);
        QdqExporter.export(floatModel, ranges, calibration, request.output());
        info.accept("wrote " + request.output());
        return new Outcome(rows.size(), features.failures().size(), ranges, calibration);
    }

    private static float[] batch(List<float[]> rows, int from, FeatureScaling scaling, int len) {
        int n = Math.min(BATCH, rows.size() - from);
        float[] x = new float[n * len];
        for (int s = 0; s < n; s++) {
            scaling.apply(rows.get(from + s), 0, x, s * len, len, 1);
        }
        return x;
    }

    /**
     * The part of {@code range} holding {@code percentile} % of the values counted in
     * {@code histogram}: that share from the bottom for the top, and, when the range reaches below
     * 0, the same share from the top for the bottom; never beyond the range.
     */
    static ValueRange percentileRange(ValueRange range, long[] histogram, double percentile) {
        long total = 0;
        for (long c : histogram) {
            total += c;
        }
        double width = ((double) range.max() - range.min()) / histogram.length;
        if (total == 0 || width == 0) {
            return range;
        }
        // a count, rounded up; the tiny slack keeps 99.9 % of 1,000 at 999 despite binary fractions
        long keep = (long) Math.ceil(percentile / 100 * total * (1 - 1e-12));
        long cum = 0;
        int top = histogram.length - 1;
        for (int k = 0; k < histogram.length; k++) {
            cum += histogram[k];
            if (cum >= keep) {
                top = k;
                break;
            }
        }
        float hi = (float) Math.min(range.max(), range.min() + (top + 1) * width);
        float lo = range.min();
        if (range.min() < 0) {
            cum = 0;
            for (int k = histogram.length - 1; k >= 0; k--) {
                cum += histogram[k];
                if (cum >= keep) {
                    lo = (float) Math.max(range.min(), range.min() + k * width);
                    break;
                }
            }
        }
        return new ValueRange(Math.min(lo, hi), Math.max(lo, hi));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String describe(List<Path> dirs) {
        List<String> names = new ArrayList<>();
        for (Path d : dirs) {
            Path name = d.toAbsolutePath().normalize().getFileName();
            names.add(name == null ? d.toString() : name.toString());
        }
        return String.join(", ", names);
    }
}
