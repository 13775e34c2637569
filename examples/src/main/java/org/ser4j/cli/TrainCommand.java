package org.ser4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.CrossValidationPipeline;
import org.ser4j.training.CrossValidationRequest;
import org.ser4j.training.FeatureAugmentation;
import org.ser4j.training.LearningRateSchedule;
import org.ser4j.training.FeatureCache;
import org.ser4j.training.SampleWeighting;
import org.ser4j.training.SplitMethod;
import org.ser4j.training.Standardization;
import org.ser4j.training.TrainingConfig;
import org.ser4j.training.TrainingDivergedException;
import org.ser4j.training.TrainingInputException;
import org.ser4j.training.TrainingListener;
import org.ser4j.training.TrainingPipeline;
import org.ser4j.training.TrainingRequest;
import org.ser4j.training.WaveformAugmentation;
import org.ser4j.training.WeightAveraging;
import org.ser4j.training.nn.Architectures;
import org.ser4j.training.onnx.OnnxExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ser4j train}: trains the time-domain or log-mel CNN on labelled corpus folders and writes
 * {@code model.onnx}, {@code report.json}, {@code report.md}, {@code confusion.png} and
 * {@code f1.png} to the output directory. With {@code --cv K} it runs speaker-grouped k-fold
 * cross-validation instead ({@link CrossValidationPipeline}) and, unless
 * {@code --no-final-model}, then trains {@code model.onnx} on every clip for the epoch count the
 * folds chose, with the fitted temperature in its metadata.
 *
 * <p>Exit codes: 0 success; 1 the run completed but some files could not be read (each named on
 * stderr), or training failed; 2 bad input found before training (each explained on stderr).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an emotion model on labelled WAV folders (CREMA-D, RAVDESS, EmoDB, TESS, SAVEE or folder-per-label names).",
            "Defaults follow the reference notebook: time model Adam 2.5e-3 batch 120, mel model Adam 1e-3 batch 1024,",
            "keeping the epoch with the best validation accuracy.",
            "With --cv K: speaker-grouped K-fold cross-validation over every speaker (each corpus spread over the folds);",
            "the epoch count is chosen by the mean held-out accuracy over the folds, the reports give per-fold and",
            "mean +/- std scores, the pooled confusion matrix, calibration (ECE, temperature) and oof-predictions.csv,",
            "then model.onnx is trained on all clips for that many epochs (unless --no-final-model)."})
public final class TrainCommand implements Callable<Integer> {
    /** A command with its default options; picocli sets the options from the command line. */
    public TrainCommand() {
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "mel|time", description = "Which model to train: mel (2D CNN on log-mel) or time (1D CNN on ZCR+RMS).")
    String model;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "DIR", description = "Corpus folder(s), scanned recursively: --data A B or --data A --data B.")
    List<Path> data = new ArrayList<>();

    @Option(names = "--split", paramLabel = "speaker|random", defaultValue = "speaker",
            description = "speaker: speaker-disjoint validation/test parts (default); random: the notebook's stratified 70/30, then 5%% of train for validation.")
    String split;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory for model.onnx and the reports.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Maximum epochs (default ${DEFAULT-VALUE}).", defaultValue = "" + TrainingConfig.DEFAULT_EPOCHS)
    int epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Batch size (default: 120 for time, 1024 for mel).")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate (default: 2.5e-3 for time, 1e-3 for mel).")
    Double lr;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainingConfig.DEFAULT_SEED, description = "Seed of the split, initialisation and shuffles (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--l2-scale", paramLabel = "X", defaultValue = "1.0", description = "Multiplies every layer's L2 factor (default ${DEFAULT-VALUE}; 0 disables L2).")
    double l2Scale;

    @Option(names = "--standardize", paramLabel = "none|global|per-feature", defaultValue = "none",
            description = "Input standardisation fitted on the training part (default ${DEFAULT-VALUE}).")
    String standardize;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0", description = "Early stopping after N epochs without better validation accuracy (default 0 = off).")
    int patience;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--cache", paramLabel = "DIR", description = "Feature cache directory (default ~/.cache/ser4j/features).")
    Path cache;

    @Option(names = "--val-fraction", paramLabel = "X", defaultValue = "" + TrainingRequest.DEFAULT_VALIDATION_FRACTION,
            description = "Share of speakers for validation with --split speaker (default ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--test-fraction", paramLabel = "X", defaultValue = "" + TrainingRequest.DEFAULT_TEST_FRACTION,
            description = "Share of speakers for testing with --split speaker (default ${DEFAULT-VALUE}; 0 = no test part).")
    double testFraction;

    @Option(names = "--cv", arity = "0..1", fallbackValue = "" + CrossValidationRequest.DEFAULT_FOLDS, paramLabel = "K",
            description = "Speaker-grouped K-fold cross-validation (K = ${FALLBACK-VALUE} when no value is given) instead of one split; "
                    + "--split, --val-fraction, --test-fraction and --patience are not used then.")
    Integer cv;

    @Option(names = "--no-final-model", description = "With --cv: do not train model.onnx on all clips after the folds.")
    boolean noFinalModel;

    @Option(names = "--speaker-norm", description = "With --cv and --no-final-model, a measurement: standardise every feature row over "
            + "its speaker's clips (held-out speakers by their own clips, no labels used) before the fitted standardisation. "
            + "No model is exported: classify has no speaker to take statistics from.")
    boolean speakerNorm;

    @Option(names = "--balance", paramLabel = "none|class|speaker|corpus-class", defaultValue = "none",
            description = "Per-sample loss weights giving every class, speaker, or corpus and class the same total weight (default ${DEFAULT-VALUE}).")
    String balance;

    @Option(names = "--label-smoothing", paramLabel = "X", defaultValue = "0", description = "Label smoothing of the training targets, in [0, 1) (default ${DEFAULT-VALUE} = off).")
    double labelSmoothing;

    @Option(names = "--time-masks", paramLabel = "N", defaultValue = "0", description = "SpecAugment (mel model): time masks per training sample (default ${DEFAULT-VALUE} = off).")
    int timeMasks;

    @Option(names = "--time-mask-width", paramLabel = "FRAMES", defaultValue = "20", description = "Widest time mask, in frames (default ${DEFAULT-VALUE}).")
    int timeMaskWidth;

    @Option(names = "--freq-masks", paramLabel = "N", defaultValue = "0", description = "SpecAugment (mel model): frequency masks per training sample (default ${DEFAULT-VALUE} = off).")
    int freqMasks;

    @Option(names = "--freq-mask-width", paramLabel = "BANDS", defaultValue = "16", description = "Widest frequency mask, in mel bands (default ${DEFAULT-VALUE}).")
    int freqMaskWidth;

    @Option(names = "--time-shift", paramLabel = "FRAMES", defaultValue = "0",
            description = "Shift every training input in time by a random whole number of frames in [-FRAMES, FRAMES] (32 ms each at 16 kHz), "
                    + "drawn afresh for every sample of every batch; frames shifted in are silence (default ${DEFAULT-VALUE} = off). Needs --standardize global or none.")
    int timeShift;

    @Option(names = "--mixup", paramLabel = "ALPHA", defaultValue = "0", description = "mixup with lambda ~ Beta(ALPHA, ALPHA) per batch (default ${DEFAULT-VALUE} = off; 0.2-0.4 is usual).")
    double mixup;

    @Option(names = "--lr-schedule", paramLabel = "constant|cosine", defaultValue = "constant",
            description = "Learning rate over the run: constant (default), or cosine decay per step to 1%% of --lr over --epochs epochs "
                    + "(with --cv the final model keeps that horizon, so it sees the rates the folds saw).")
    String lrSchedule;

    @Option(names = "--ema-decay", paramLabel = "D", defaultValue = "0",
            description = "Evaluate, keep and export an exponential moving average of the weights, decay D per step in [0, 1) "
                    + "(e.g. 0.999; default ${DEFAULT-VALUE} = off, the live weights).")
    double emaDecay;

    @Option(names = "--augment-copies", paramLabel = "N", defaultValue = "0",
            description = "Waveform augmentation: N perturbed copies of every training clip (speed, shift, gain, noise below), "
                    + "their features cached like the originals'; held-out clips are never augmented (default ${DEFAULT-VALUE} = off).")
    int augmentCopies;

    @Option(names = "--augment-speeds", paramLabel = "F[,F...]", defaultValue = "0.9,1.1", split = ",",
            description = "Speed factors of the copies, cycled (tempo and pitch together, through the resampler; default ${DEFAULT-VALUE}; 1 = unchanged).")
    List<Double> augmentSpeeds;

    @Option(names = "--augment-shift-ms", paramLabel = "MS", defaultValue = "0",
            description = "Random time shift of each copy, up to +/- MS milliseconds (default ${DEFAULT-VALUE}).")
    double augmentShiftMs;

    @Option(names = "--augment-lead-in-ms", paramLabel = "MS", defaultValue = "0",
            description = "Instead of a random shift: move each copy's speech onset (the first frame within 40 dB of its loudest) "
                    + "to a lead-in drawn from 0..MS milliseconds, cutting what precedes it or putting silence in front "
                    + "(default ${DEFAULT-VALUE} = off).")
    double augmentLeadInMs;

    @Option(names = "--augment-gain-db", paramLabel = "DB", defaultValue = "0",
            description = "Random gain of each copy, up to +/- DB decibels (default ${DEFAULT-VALUE}).")
    double augmentGainDb;

    @Option(names = "--augment-noise-snr", paramLabel = "MIN:MAX",
            description = "White noise on each copy at a signal-to-noise ratio drawn from MIN..MAX dB, e.g. 10:30 (default: no noise).")
    String augmentNoiseSnr;

    @Option(names = "--augment-reverb-rt60", paramLabel = "MIN:MAX",
            description = "Synthetic room reverberation of each copy: reverberation time drawn from MIN..MAX seconds, e.g. 0.2:0.8 "
                    + "(exponentially decaying noise after the direct sound; default: no reverberation).")
    String augmentReverbRt60;

    @Option(names = "--augment-reverb-drr", paramLabel = "MIN:MAX", defaultValue = "0:12",
            description = "Direct-to-reverberant energy ratio of the reverberation, drawn from MIN..MAX dB (default ${DEFAULT-VALUE}).")
    String augmentReverbDrr;

    @Option(names = "--augment-per-epoch", paramLabel = "all|one", defaultValue = "all",
            description = "all: every copy joins every epoch (1 + N times the steps); one: each epoch visits every clip once, "
                    + "as its original or one of its copies at random, at the cost of an epoch without copies (default ${DEFAULT-VALUE}).")
    String augmentPerEpoch;

    @Option(names = "--trim-silence", arity = "0..1", fallbackValue = "60", paramLabel = "DB",
            description = "Remove leading and trailing silence (frames more than DB dB below the loudest, as librosa.effects.trim) before padding, "
                    + "in training and, through the model's metadata, in classify (default: off; --trim-silence alone: 60 dB).")
    Double trimSilence;

    @Option(names = "--utterance-norm", paramLabel = "none|cmvn", defaultValue = "none",
            description = "Per-utterance normalisation of the features before the standardisation: cmvn standardises every feature row "
                    + "(mel band; ZCR; RMS) over the clip's own frames, in training and, through the model's metadata, in classify "
                    + "(default ${DEFAULT-VALUE}).")
    String utteranceNorm;

    /** The engine; replaced in tests. */
    TrainingPipeline.NetworkFactory networks = Architectures::build;
    /** The ONNX writer; replaced in tests. */
    TrainingPipeline.ModelExporter exporter = OnnxExporter::export;
    /**
     * The extractors of the notebook's feature configuration, with silence trimming and utterance
     * normalisation if asked for.
     *
     * @throws IllegalArgumentException if the utterance normalisation is not one of the ids
     */
    private java.util.function.Function<FeatureKind, org.ser4j.features.FeatureExtractor> extractors() {
        org.ser4j.core.model.UtteranceNormalization norm = org.ser4j.core.model.UtteranceNormalization.fromId(utteranceNorm)
                .orElseThrow(() -> new IllegalArgumentException("--utterance-norm must be none or cmvn, got '" + utteranceNorm + "'"));
        org.ser4j.features.FeatureConfig features = (trimSilence == null
                ? org.ser4j.features.FeatureConfig.DEFAULT
                : org.ser4j.features.FeatureConfig.DEFAULT.withSilenceTrim(trimSilence)).withUtteranceNormalization(norm);
        return kind -> org.ser4j.features.FeatureExtractors.forKind(kind, features);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outW = spec.commandLine().getOut();
        TrainingRequest request;
        java.util.function.Function<FeatureKind, org.ser4j.features.FeatureExtractor> extractors;
        try {
            request = request();
            extractors = extractors();
        } catch (TrainingInputException | IllegalArgumentException e) {
            err.println(CliErrors.prefix(spec) + CliErrors.message(e));
            err.flush();
            return ExitCodes.USAGE;
        }
        int[] failedFiles = {0};
        try {
            TrainingListener epochs = TrainingListener.lines(line -> {
                outW.println(line);
                outW.flush();
            });
            java.util.function.Consumer<String> info = line -> {
                outW.println(line);
                outW.flush();
            };
            java.util.function.Consumer<String> problem = line -> {
                failedFiles[0]++;
                err.println(line);
                err.flush();
            };
            if (speakerNorm && (cv == null || !noFinalModel)) {
                throw new TrainingInputException("--speaker-norm is a cross-validation measurement: use it with --cv K and --no-final-model");
            }
            if (speakerNorm && augmentCopies > 0) {
                throw new TrainingInputException("--speaker-norm does not combine with --augment-copies");
            }
            if (cv != null) {
                new CrossValidationPipeline(networks, exporter, extractors).run(new CrossValidationRequest(request.dataDirectories(),
                        cv, request.outputDirectory(), request.cacheDirectory(), request.config(), !noFinalModel, speakerNorm), epochs, info,
                        problem);
            } else {
                new TrainingPipeline(networks, exporter, extractors).run(request, epochs, info, problem);
            }
        } catch (TrainingInputException e) {
            err.println(CliErrors.prefix(spec) + CliErrors.message(e));
            err.flush();
            return ExitCodes.USAGE;
        } catch (TrainingDivergedException e) {
            err.println(CliErrors.prefix(spec) + CliErrors.message(e));
            err.flush();
            return ExitCodes.FAILED;
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            err.println(CliErrors.prefix(spec) + "cannot write the results: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILED;
        }
        if (failedFiles[0] > 0) {
            err.println(CliErrors.prefix(spec) + "finished, but " + failedFiles[0] + " file(s) could not be read and were left out (listed above and in report.json)");
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** The waveform augmentation the options ask for (package-private: the unit tests check the conversion). */
    WaveformAugmentation waveform() {
        double minSnr = Double.POSITIVE_INFINITY;
        double maxSnr = Double.POSITIVE_INFINITY;
        if (augmentNoiseSnr != null) {
            double[] range = range("--augment-noise-snr", augmentNoiseSnr, "dB, e.g. 10:30");
            minSnr = range[0];
            maxSnr = range[1];
        }
        if (augmentCopies == 0 && (augmentNoiseSnr != null || augmentShiftMs != 0 || augmentGainDb != 0 || augmentLeadInMs != 0
                || augmentReverbRt60 != null)) {
            throw new TrainingInputException("--augment-shift-ms, --augment-lead-in-ms, --augment-gain-db, --augment-noise-snr and "
                    + "--augment-reverb-rt60 need --augment-copies N (N > 0)");
        }
        org.ser4j.training.RoomReverb reverb = org.ser4j.training.RoomReverb.NONE;
        if (augmentReverbRt60 != null) {
            double[] rt60 = range("--augment-reverb-rt60", augmentReverbRt60, "seconds, e.g. 0.2:0.8");
            double[] drr = range("--augment-reverb-drr", augmentReverbDrr, "dB, e.g. 0:12");
            try {
                reverb = new org.ser4j.training.RoomReverb(rt60[0], rt60[1], drr[0], drr[1]);
            } catch (IllegalArgumentException e) {
                throw new TrainingInputException("waveform augmentation: " + e.getMessage(), e);
            }
        }
        if (augmentShiftMs != 0 && augmentLeadInMs != 0) {
            throw new TrainingInputException("--augment-shift-ms and --augment-lead-in-ms both move the speech: use one of them");
        }
        boolean onePerEpoch = switch (augmentPerEpoch.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> false;
            case "one" -> true;
            default -> throw new TrainingInputException("unknown --augment-per-epoch '" + augmentPerEpoch + "': use all or one");
        };
        try {
            return new WaveformAugmentation(augmentCopies, augmentSpeeds, augmentShiftMs / 1000, augmentGainDb, minSnr, maxSnr,
                    onePerEpoch, augmentLeadInMs / 1000, reverb);
        } catch (IllegalArgumentException e) {
            throw new TrainingInputException("waveform augmentation: " + e.getMessage(), e);
        }
    }

    /** {@code MIN:MAX} (or one number for both) as two numbers; {@code unit} completes the error message. */
    private static double[] range(String option, String text, String unit) {
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw new TrainingInputException(option + " needs MIN:MAX in " + unit + ", got '" + text + "'");
        }
        try {
            double min = Double.parseDouble(parts[0].trim());
            double max = parts.length == 1 ? min : Double.parseDouble(parts[1].trim());
            return new double[] {min, max};
        } catch (NumberFormatException e) {
            throw new TrainingInputException(option + " needs MIN:MAX in " + unit + ", got '" + text + "'");
        }
    }

    private TrainingRequest request() {
        FeatureKind kind = FeatureKind.fromId(model).orElseThrow(
                () -> new TrainingInputException("unknown model '" + model + "': use --model mel or --model time"));
        SplitMethod splitMethod = SplitMethod.fromId(split).orElseThrow(
                () -> new TrainingInputException("unknown split '" + split + "': use --split speaker or --split random"));
        Standardization st = Standardization.fromId(standardize).orElseThrow(
                () -> new TrainingInputException("unknown standardisation '" + standardize + "': use none, global or per-feature"));
        SampleWeighting weighting = SampleWeighting.fromId(balance).orElseThrow(
                () -> new TrainingInputException("unknown balance '" + balance + "': use none, class, speaker or corpus-class"));
        LearningRateSchedule schedule = switch (lrSchedule.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "constant" -> LearningRateSchedule.CONSTANT;
            case "cosine" -> LearningRateSchedule.cosine(Math.max(1, epochs)); // epochs < 1 is refused by the config
            default -> throw new TrainingInputException("unknown learning-rate schedule '" + lrSchedule + "': use --lr-schedule constant or cosine");
        };
        if (cv != null && cv < 2) {
            throw new TrainingInputException("--cv needs at least 2 folds, got " + cv);
        }
        TrainingConfig config = TrainingConfig.recipe(kind).withEpochs(epochs).withSeed(seed).withL2Scale(l2Scale)
                .withStandardization(st).withPatience(patience).withBalance(weighting).withLabelSmoothing(labelSmoothing)
                .withAugmentation(new FeatureAugmentation(timeMasks, timeMaskWidth, freqMasks, freqMaskWidth, mixup, timeShift))
                .withSchedule(schedule).withWaveform(waveform()).withAveraging(WeightAveraging.exponential(emaDecay));
        if (batch != null) {
            config = config.withBatchSize(batch);
        }
        if (lr != null) {
            config = config.withLearningRate(lr);
        }
        if (threads != null) {
            config = config.withThreads(threads);
        }
        return new TrainingRequest(data, splitMethod, valFraction, testFraction, out,
                cache != null ? cache : FeatureCache.defaultDirectory(), config);
    }
}
