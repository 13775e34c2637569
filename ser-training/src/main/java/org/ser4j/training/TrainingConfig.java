package org.ser4j.training;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ser4j.core.model.FeatureKind;

/**
 * Hyper-parameters of one training run. Immutable; {@link #recipe(FeatureKind)} gives the
 * reference notebook's settings and the {@code with...} methods change one setting each.
 *
 * @param kind which model (and features) to train
 * @param epochs maximum number of passes over the training part, at least 1
 * @param batchSize samples per optimisation step, at least 1
 * @param learningRate Adam's learning rate, positive
 * @param seed seed of weight initialisation and of the per-epoch shuffles
 * @param l2Scale factor applied to every layer's L2 kernel penalty (1 = the notebook's factors,
 *     0 = no penalty)
 * @param standardization input standardisation, fitted on the training part only
 * @param patience early stopping: stop after this many epochs without a better validation
 *     accuracy; 0 disables early stopping
 * @param threads worker threads of the engine and of feature extraction, at least 1
 * @param balance per-sample loss weights by class, speaker or corpus and class
 * @param labelSmoothing label smoothing of the training targets, in [0, 1); 0 = one-hot
 * @param augmentation training-time SpecAugment masks, mixup and time shift
 * @param schedule how the learning rate changes over the run (constant in the notebook's recipe)
 * @param waveform extra, perturbed copies of the training clips (none in the notebook's recipe)
 * @param averaging averaging of the weights over the steps, evaluated and exported instead of the
 *     live weights (none in the notebook's recipe)
 */
public record TrainingConfig(FeatureKind kind, int epochs, int batchSize, double learningRate, long seed,
        double l2Scale, Standardization standardization, int patience, int threads, SampleWeighting balance,
        double labelSmoothing, FeatureAugmentation augmentation, LearningRateSchedule schedule, WaveformAugmentation waveform,
        WeightAveraging averaging) {

    /** Default number of epochs of both recipes. */
    public static final int DEFAULT_EPOCHS = 50;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * Checks the arguments.
     *
     * @param kind which model (and features) to train; not null
     * @param epochs maximum number of passes over the training part, at least 1
     * @param batchSize samples per optimisation step, at least 1 (capped at the training part's size
     *     by {@link Trainer#train})
     * @param learningRate Adam's learning rate, positive and finite
     * @param seed seed of weight initialisation and of the per-epoch shuffles; any value
     * @param l2Scale factor applied to every layer's L2 kernel penalty, finite and at least 0
     *     (1 = the notebook's factors, 0 = no penalty)
     * @param standardization input standardisation, fitted on the training part only; not null
     * @param patience epochs without a better validation accuracy before stopping, at least 0;
     *     0 disables early stopping
     * @param threads worker threads of the engine and of feature extraction, at least 1
     * @param balance per-sample loss weights; not null ({@link SampleWeighting#NONE} for none)
     * @param labelSmoothing label smoothing of the training targets, in [0, 1); 0 = one-hot
     * @param augmentation training-time augmentation; not null ({@link FeatureAugmentation#NONE}
     *     for none); masks need the log-mel model
     * @param schedule how the learning rate changes; not null ({@link LearningRateSchedule#CONSTANT}
     *     for the notebook's constant rate)
     * @param waveform waveform copies of the training clips; not null ({@link WaveformAugmentation#NONE}
     *     for none)
     * @param averaging weight averaging; not null ({@link WeightAveraging#NONE} for none)
     * @throws IllegalArgumentException if {@code kind}, {@code standardization}, {@code balance},
     *     {@code augmentation}, {@code schedule}, {@code waveform} or {@code averaging} is null, SpecAugment masks are asked for a model other than the
     *     log-mel one, a time shift with per-feature standardisation, or a number is out of the
     *     range given above (NaN included)
     */
    public TrainingConfig {
        if (kind == null) {
            throw new IllegalArgumentException("model kind must not be null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (!(l2Scale >= 0) || !Double.isFinite(l2Scale)) {
            throw new IllegalArgumentException("L2 scale must be a non-negative number, got " + l2Scale);
        }
        if (standardization == null) {
            throw new IllegalArgumentException("standardization must not be null");
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be 0 (off) or positive, got " + patience);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (balance == null) {
            throw new IllegalArgumentException("balance must not be null");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (augmentation == null) {
            throw new IllegalArgumentException("augmentation must not be null");
        }
        if (schedule == null) {
            throw new IllegalArgumentException("learning-rate schedule must not be null");
        }
        if (waveform == null) {
            throw new IllegalArgumentException("waveform augmentation must not be null");
        }
        if (averaging == null) {
            throw new IllegalArgumentException("weight averaging must not be null");
        }
        if (augmentation.shift() && standardization == Standardization.PER_FEATURE) {
            throw new IllegalArgumentException("the time shift moves values between positions, so it needs one standardisation for all "
                    + "of them (global or none), not per-feature");
        }
        if (augmentation.masks() && kind != FeatureKind.LOG_MEL) {
            throw new IllegalArgumentException("SpecAugment masks apply to the log-mel model's input only, not to " + kind.id());
        }
    }

    /**
     * The reference notebook's recipe: the time-domain model with Adam 2.5e-3 and batch 120, the
     * log-mel model with Adam 1e-3 and batch 1024 (processed by the engine in memory-bounded
     * chunks); no standardisation, L2 factors as published, no early stopping, the epoch with the
     * best validation accuracy kept, {@value #DEFAULT_EPOCHS} epochs, all available cores.
     *
     * @param kind the model; {@link FeatureKind#TIME_DOMAIN} gets the time-domain recipe, every
     *     other kind the log-mel one
     * @return the recipe, with seed {@value #DEFAULT_SEED} and
     *     {@link Runtime#availableProcessors()} threads
     * @throws IllegalArgumentException if {@code kind} is null
     */
    public static TrainingConfig recipe(FeatureKind kind) {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        return kind == FeatureKind.TIME_DOMAIN
                ? new TrainingConfig(kind, DEFAULT_EPOCHS, 120, 2.5e-3, DEFAULT_SEED, 1.0, Standardization.NONE, 0, threads, SampleWeighting.NONE, 0.0, FeatureAugmentation.NONE, LearningRateSchedule.CONSTANT, WaveformAugmentation.NONE, WeightAveraging.NONE)
                : new TrainingConfig(kind, DEFAULT_EPOCHS, 1024, 1e-3, DEFAULT_SEED, 1.0, Standardization.NONE, 0, threads, SampleWeighting.NONE, 0.0, FeatureAugmentation.NONE, LearningRateSchedule.CONSTANT, WaveformAugmentation.NONE, WeightAveraging.NONE);
    }

    /**
     * This config with another number of epochs.
     *
     * @param value the maximum number of epochs, at least 1
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(kind, value, batchSize, learningRate, seed, l2Scale, standardization, patience, threads, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another batch size.
     *
     * @param value samples per optimisation step, at least 1
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(kind, epochs, value, learningRate, seed, l2Scale, standardization, patience, threads, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another learning rate.
     *
     * @param value Adam's learning rate, positive and finite
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is not a positive finite number
     */
    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(kind, epochs, batchSize, value, seed, l2Scale, standardization, patience, threads, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another seed.
     *
     * @param value seed of weight initialisation and shuffling; any value
     * @return a new config; this one is unchanged
     */
    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, value, l2Scale, standardization, patience, threads, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another L2 scale.
     *
     * @param value factor on every layer's L2 penalty, finite and at least 0 (0 = none)
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is negative, infinite or NaN
     */
    public TrainingConfig withL2Scale(double value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, value, standardization, patience, threads, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another standardisation.
     *
     * @param value the input standardisation; not null
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is null, or per-feature while the
     *     augmentation has a time shift
     */
    public TrainingConfig withStandardization(Standardization value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, value, patience, threads, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another early-stopping patience (0 = off).
     *
     * @param value epochs without improvement before stopping, at least 0 (0 = off)
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public TrainingConfig withPatience(int value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, value, threads, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another thread count.
     *
     * @param value worker threads, at least 1
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is less than 1
     */
    public TrainingConfig withThreads(int value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, patience, value, balance, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another sample weighting.
     *
     * @param value the per-sample loss weights; not null
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is null
     */
    public TrainingConfig withBalance(SampleWeighting value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, patience, threads,
                value, labelSmoothing, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another label smoothing.
     *
     * @param value the smoothing, in [0, 1); 0 = one-hot targets
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is outside [0, 1) or NaN
     */
    public TrainingConfig withLabelSmoothing(double value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, patience, threads,
                balance, value, augmentation, schedule, waveform, averaging);
    }

    /**
     * This config with another augmentation.
     *
     * @param value the training-time augmentation; not null
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is null, has masks and the kind is not
     *     the log-mel model, or has a time shift and the standardisation is per-feature
     */
    public TrainingConfig withAugmentation(FeatureAugmentation value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, patience, threads,
                balance, labelSmoothing, value, schedule, waveform, averaging);
    }

    /**
     * This config with another learning-rate schedule.
     *
     * @param value the schedule; not null
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is null
     */
    public TrainingConfig withSchedule(LearningRateSchedule value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, patience, threads,
                balance, labelSmoothing, augmentation, value, waveform, averaging);
    }

    /**
     * This config with another waveform augmentation.
     *
     * @param value the waveform copies of the training clips; not null
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is null
     */
    public TrainingConfig withWaveform(WaveformAugmentation value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, patience, threads,
                balance, labelSmoothing, augmentation, schedule, value, averaging);
    }

    /**
     * This config with another weight averaging.
     *
     * @param value how the weights are averaged over the steps; not null
     * @return a new config; this one is unchanged
     * @throws IllegalArgumentException if {@code value} is null
     */
    public TrainingConfig withAveraging(WeightAveraging value) {
        return new TrainingConfig(kind, epochs, batchSize, learningRate, seed, l2Scale, standardization, patience, threads,
                balance, labelSmoothing, augmentation, schedule, waveform, value);
    }

    /**
     * The settings as an ordered map of plain values, for reports and model metadata.
     *
     * @return a new mutable map with the keys {@code model} (the kind's id), {@code epochs},
     *     {@code batchSize}, {@code learningRate}, {@code optimizer} (a fixed description of Adam's
     *     constants), {@code seed}, {@code l2Scale}, {@code standardization} (its id),
     *     {@code patience}, {@code threads}, {@code balance} (its id), {@code labelSmoothing} and,
     *     when augmentation is on, {@code specAugment} (counts and widths), {@code mixupAlpha} and {@code timeShiftFrames},
     *     and, when the rate is not constant, {@code learningRateSchedule}, and, when waveform copies
     *     are made, {@code waveformAugmentation}, and, when the weights are averaged,
     *     {@code weightAveraging}, in that order
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", kind.id());
        m.put("epochs", epochs);
        m.put("batchSize", batchSize);
        m.put("learningRate", learningRate);
        m.put("optimizer", "adam(beta1=0.9, beta2=0.999, eps=1e-7)");
        m.put("seed", seed);
        m.put("l2Scale", l2Scale);
        m.put("standardization", standardization.id());
        m.put("patience", patience);
        m.put("threads", threads);
        m.put("balance", balance.id());
        m.put("labelSmoothing", labelSmoothing);
        if (augmentation.masks()) {
            m.put("specAugment", String.format(java.util.Locale.ROOT, "%d time masks <= %d frames, %d frequency masks <= %d bands",
                    augmentation.timeMasks(), augmentation.maxTimeMaskWidth(), augmentation.frequencyMasks(),
                    augmentation.maxFrequencyMaskWidth()));
        }
        if (augmentation.mixup()) {
            m.put("mixupAlpha", augmentation.mixupAlpha());
        }
        if (augmentation.shift()) {
            m.put("timeShiftFrames", augmentation.maxTimeShift());
        }
        if (schedule.cosine()) {
            m.put("learningRateSchedule", schedule.describe());
        }
        if (waveform.enabled()) {
            m.put("waveformAugmentation", waveform.describe());
        }
        if (averaging.enabled()) {
            m.put("weightAveraging", averaging.describe());
        }
        return m;
    }
}
