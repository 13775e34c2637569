package org.ser4j.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.nn.Network;

/**
 * The epoch loop: seeded shuffled mini-batches, validation after every epoch, early stopping, and
 * the parameters of the epoch with the best validation accuracy restored at the end (the
 * notebook's "keep the best epoch" checkpointing).
 *
 * <p>Deterministic for a given seed, given a deterministic network. Stateless; thread-safe.
 */
public final class Trainer {
    /** A trainer; it holds no state, so one instance can train any number of networks. */
    public Trainer() {
    }

    /** Training-part samples scored after each epoch for the reported training accuracy. */
    public static final int TRAIN_ACCURACY_SAMPLE = 512;

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    /**
     * Receives the validation part's class probabilities after every epoch (for cross-validation,
     * which chooses the epoch count from all folds together).
     */
    @FunctionalInterface
    public interface EpochObserver {
        /**
         * An epoch was evaluated.
         *
         * @param epoch the 1-based epoch
         * @param validationProbabilities {@code [validation size][Emotion.COUNT]} row-major, in the
         *     validation part's order; a new array the observer may keep
         */
        void epochEvaluated(int epoch, float[] validationProbabilities);
    }

    /**
     * Trains {@code net} in place and leaves it holding the best epoch's parameters.
     *
     * <p>The same as {@link #train(Network, FeatureSet, float[], FeatureSet, TrainingConfig,
     * TrainingListener, EpochObserver)} with no sample weights and no observer.
     *
     * @param net a freshly initialised network for {@code config.kind()}; its learning rate is set
     *     to {@code config.learningRate()} (times {@link TrainingConfig#schedule()}'s factor at each step) and its parameters are updated in place
     * @param train the training part (already standardised), not empty; visited in a new seeded
     *     shuffle every epoch, in mini-batches of {@code min(config.batchSize(), train.size())}
     * @param validation the validation part (standardised the same way), not empty
     * @param config epochs, batch size, learning rate and its schedule, seed, patience, label smoothing
     *     ({@link TrainingConfig#balance()} is not applied here: the weights need the clips, see
     *     the other overload)
     * @param listener told about every epoch, on the calling thread
     * @return the per-epoch history (one record per epoch run, fewer than {@code config.epochs()}
     *     when early stopping ended the run), the 1-based best epoch and its validation accuracy
     * @throws IllegalArgumentException if the parts are empty or their feature length differs from
     *     {@link Network#inputLength()}
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingResult train(Network net, FeatureSet train, FeatureSet validation, TrainingConfig config, TrainingListener listener) {
        if (validation.size() == 0) {
            throw new IllegalArgumentException("the validation part is empty; the best epoch cannot be chosen without one");
        }
        return train(net, train, null, validation, config, listener, null);
    }

    /**
     * Trains {@code net} in place with per-sample loss weights, and leaves it holding the best
     * epoch's parameters (the last epoch's when {@code validation} is empty).
     *
     * @param net a freshly initialised network for {@code config.kind()}; its learning rate and
     *     label smoothing are set from {@code config} and its parameters are updated in place
     * @param train the training part (already standardised), not empty; visited in a new seeded
     *     shuffle every epoch, in mini-batches of {@code min(config.batchSize(), train.size())}
     * @param sampleWeights one loss weight per training sample (finite, at least 0), or null for
     *     none; each batch's loss is {@code sum w_i ce_i / sum w_i}
     * @param validation the validation part (standardised the same way); may be empty, and then
     *     every epoch runs, the last one is kept and the validation figures are NaN (training the
     *     final model on all speakers for an epoch count chosen by cross-validation)
     * @param config epochs, batch size, learning rate and its schedule, seed, patience, label
     *     smoothing, weight averaging (with {@link TrainingConfig#averaging()} on, every epoch's
     *     scores and probabilities, and the weights kept, are those of the averaged weights)
     * @param listener told about every epoch, on the calling thread
     * @param observer told the validation probabilities after every epoch, or null
     * @return the per-epoch history, the 1-based kept epoch and its validation accuracy (NaN
     *     without a validation part)
     * @throws IllegalArgumentException if the training part is empty, the feature lengths differ
     *     from {@link Network#inputLength()}, the weights do not match the training part in number
     *     or hold a negative or non-finite value, or early stopping is asked for without a
     *     validation part
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingResult train(Network net, FeatureSet train, float[] sampleWeights, FeatureSet validation,
            TrainingConfig config, TrainingListener listener, EpochObserver observer) {
        return train(net, train, sampleWeights, validation, config, listener, observer, 1);
    }

    /**
     * As {@link #train(Network, FeatureSet, float[], FeatureSet, TrainingConfig, TrainingListener,
     * EpochObserver)}, with a training part that holds {@code variants} versions of every clip
     * (waveform copies, {@link WaveformAugmentation#onePerEpoch()}): rows {@code i},
     * {@code i + m}, {@code i + 2m}, ... ({@code m = train.size() / variants}) are versions of clip
     * {@code i}, and each epoch visits every clip once, as one of its versions drawn uniformly
     * with the seeded shuffle; {@code variants = 1} visits every row.
     *
     * @param net see the other overload
     * @param train the training part, {@code variants} blocks of the same clips in the same order
     * @param sampleWeights one weight per row, or null
     * @param validation see the other overload
     * @param config see the other overload
     * @param listener see the other overload
     * @param observer see the other overload
     * @param variants versions of every clip in {@code train}, at least 1, dividing its size
     * @return see the other overload; samples/s and the training accuracy count clips visited
     * @throws IllegalArgumentException as the other overload, or if {@code variants} is less than 1
     *     or does not divide the training part's size
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingResult train(Network net, FeatureSet train, float[] sampleWeights, FeatureSet validation,
            TrainingConfig config, TrainingListener listener, EpochObserver observer, int variants) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training part is empty");
        }
        if (variants < 1 || train.size() % variants != 0) {
            throw new IllegalArgumentException(variants + " versions per clip do not divide the training part's " + train.size() + " rows");
        }
        boolean validate = validation.size() > 0;
        if (!validate && config.patience() > 0) {
            throw new IllegalArgumentException("early stopping needs a validation part");
        }
        if (sampleWeights != null && sampleWeights.length != train.size()) {
            throw new IllegalArgumentException(sampleWeights.length + " sample weights for " + train.size() + " training samples");
        }
        int len = net.inputLength();
        if (train.featureLength() != len || validation.featureLength() != len) {
            throw new IllegalArgumentException("inputs have " + train.featureLength() + "/" + validation.featureLength()
                    + " values, the " + (net.kind() == null ? "" : net.kind().id() + " ") + "network takes " + len);
        }
        net.setLabelSmoothing(config.labelSmoothing());
        net.setLearningRate(config.learningRate());
        int rows = train.size();
        int n = rows / variants; // clips visited per epoch
        int batch = Math.min(config.batchSize(), n);
        float[] x = new float[batch * len];
        int[] y = new int[batch];
        float[] w = sampleWeights == null ? null : new float[batch];
        FeatureAugmentation aug = config.augmentation();
        BatchAugmenter augmenter = null;
        int[] otherLabels = null;
        float[] lambda = null;
        if (aug.masks() || aug.mixup() || aug.shift()) {
            // rows of one input: mel bands, or ZCR and RMS for the time model (mixup alone needs none)
            int bands = aug.masks() || (aug.shift() && config.kind() == FeatureKind.LOG_MEL) ? org.ser4j.features.FeatureConfig.DEFAULT.nMels()
                    : aug.shift() ? 2 : 1;
            if (len % bands != 0) {
                throw new IllegalArgumentException("augmentation needs inputs of " + bands + " rows, got " + len + " values");
            }
            if (aug.maxTimeShift() >= len / bands) {
                throw new IllegalArgumentException("a time shift of up to " + aug.maxTimeShift() + " frames would move whole inputs out of their "
                        + len / bands + " frames");
            }
            augmenter = new BatchAugmenter(aug, bands, len / bands, config.seed());
            otherLabels = new int[batch];
            lambda = new float[batch];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] visit = variants == 1 ? order : new int[n]; // the row of each clip this epoch
        SplittableRandom rng = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        SplittableRandom variantRng = new SplittableRandom(config.seed() ^ 0x2545F4914F6CDD1DL);
        int[] trainSample = sample(n, TRAIN_ACCURACY_SAMPLE, new SplittableRandom(config.seed() + 1));

        List<EpochRecord> history = new ArrayList<>();
        float[] bestParams = null;
        int bestEpoch = 0;
        double bestAcc = Double.NEGATIVE_INFINITY;
        boolean stoppedEarly = false;
        LearningRateSchedule schedule = config.schedule();
        WeightAverage average = config.averaging().enabled() ? new WeightAverage(config.averaging()) : null;
        int stepsPerEpoch = (n + batch - 1) / batch;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, rng);
            if (variants > 1) {
                for (int i = 0; i < n; i++) {
                    visit[i] = order[i] + n * variantRng.nextInt(variants);
                }
            }
            int step = 0;
            double lossSum = 0;
            long lossWeight = 0;
            long stepNanos = 0;
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                if (schedule.cosine()) {
                    net.setLearningRate(config.learningRate() * schedule.factor(epoch, step, stepsPerEpoch));
                }
                step++;
                train.gather(visit, from, count, x, y);
                if (w != null) {
                    for (int j = 0; j < count; j++) {
                        w[j] = sampleWeights[visit[from + j]];
                    }
                }
                double loss;
                long t0 = System.nanoTime();
                if (augmenter != null) {
                    augmenter.shift(x, count);
                    augmenter.mask(x, count);
                }
                if (aug.mixup()) {
                    augmenter.mixup(x, y, w, count, otherLabels, lambda);
                    loss = net.trainStepMixed(x, y, otherLabels, lambda, w, count);
                } else {
                    loss = w == null ? net.trainStep(x, y, count) : net.trainStep(x, y, w, count);
                }
                stepNanos += System.nanoTime() - t0;
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the loss became " + loss
                            + "; try a lower learning rate or global standardisation", "learningRate");
                }
                lossSum += loss * count;
                lossWeight += count;
                if (average != null) {
                    average.update(net.parameters());
                }
            }
            // with weight averaging, the epoch is scored, observed and kept with the averaged weights;
            // the live ones go back in afterwards for the next epoch's steps
            float[] live = null;
            if (average != null) {
                live = net.parameters();
                net.loadParameters(average.values());
            }
            NetworkEvaluation trainEval = NetworkEvaluation.of(net, train, trainSample);
            float[] valProbabilities = NetworkEvaluation.probabilities(net, validation);
            NetworkEvaluation valEval = NetworkEvaluation.fromProbabilities(valProbabilities, validation.labels());
            if (observer != null) {
                observer.epochEvaluated(epoch, valProbabilities);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochRecord rec = new EpochRecord(epoch, lossSum / lossWeight, trainEval.accuracy(), valEval.accuracy(),
                    valEval.meanCrossEntropy(), n / Math.max(stepNanos / 1e9, 1e-9), seconds);
            history.add(rec);
            // without a validation part every epoch counts as the best so far: the last one is kept
            boolean best = validate ? rec.validationAccuracy() > bestAcc : true;
            if (best) {
                bestAcc = validate ? rec.validationAccuracy() : Double.NaN;
                bestEpoch = epoch;
                bestParams = net.parameters();
            }
            if (live != null) {
                net.loadParameters(live);
            }
            double meanEpoch = history.stream().mapToDouble(EpochRecord::seconds).average().orElse(seconds);
            boolean stop = config.patience() > 0 && epoch - bestEpoch >= config.patience() && epoch < config.epochs();
            int remaining = stop ? 0 : config.epochs() - epoch;
            listener.epochFinished(rec, config.epochs(), best, remaining * meanEpoch);
            if (stop) {
                LOG.info("early stopping after epoch {}: no better validation accuracy for {} epochs", epoch, config.patience());
                stoppedEarly = true;
                break;
            }
        }
        net.loadParameters(bestParams);
        return new TrainingResult(history, bestEpoch, bestAcc, stoppedEarly);
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code k} distinct indices of {@code 0..n) (all of them when {@code n <= k}), sorted. */
    private static int[] sample(int n, int k, SplittableRandom rng) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= k) {
            return all;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] s = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(s);
        return s;
    }
}
