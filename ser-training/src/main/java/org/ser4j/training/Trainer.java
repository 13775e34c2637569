package org.ser4j.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
     * Trains {@code net} in place and leaves it holding the best epoch's parameters.
     *
     * @param net a freshly initialised network for {@code config.kind()}; its learning rate is set
     *     to {@code config.learningRate()} and its parameters are updated in place
     * @param train the training part (already standardised), not empty; visited in a new seeded
     *     shuffle every epoch, in mini-batches of {@code min(config.batchSize(), train.size())}
     * @param validation the validation part (standardised the same way), not empty
     * @param config epochs, batch size, learning rate, seed, patience
     * @param listener told about every epoch, on the calling thread
     * @return the per-epoch history (one record per epoch run, fewer than {@code config.epochs()}
     *     when early stopping ended the run), the 1-based best epoch and its validation accuracy
     * @throws IllegalArgumentException if the parts are empty or their feature length differs from
     *     {@link Network#inputLength()}
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public TrainingResult train(Network net, FeatureSet train, FeatureSet validation, TrainingConfig config, TrainingListener listener) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("the training part is empty");
        }
        if (validation.size() == 0) {
            throw new IllegalArgumentException("the validation part is empty; the best epoch cannot be chosen without one");
        }
        int len = net.inputLength();
        if (train.featureLength() != len || validation.featureLength() != len) {
            throw new IllegalArgumentException("inputs have " + train.featureLength() + "/" + validation.featureLength()
                    + " values, the " + (net.kind() == null ? "" : net.kind().id() + " ") + "network takes " + len);
        }
        net.setLearningRate(config.learningRate());
        int n = train.size();
        int batch = Math.min(config.batchSize(), n);
        float[] x = new float[batch * len];
        int[] y = new int[batch];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        int[] trainSample = sample(n, TRAIN_ACCURACY_SAMPLE, new SplittableRandom(config.seed() + 1));

        List<EpochRecord> history = new ArrayList<>();
        float[] bestParams = null;
        int bestEpoch = 0;
        double bestAcc = Double.NEGATIVE_INFINITY;
        boolean stoppedEarly = false;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            shuffle(order, rng);
            double lossSum = 0;
            long lossWeight = 0;
            long stepNanos = 0;
            for (int from = 0; from < n; from += batch) {
                int count = Math.min(batch, n - from);
                train.gather(order, from, count, x, y);
                long t0 = System.nanoTime();
                double loss = net.trainStep(x, y, count);
                stepNanos += System.nanoTime() - t0;
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException("training diverged in epoch " + epoch + ": the loss became " + loss
                            + "; try a lower learning rate or global standardisation", "learningRate");
                }
                lossSum += loss * count;
                lossWeight += count;
            }
            NetworkEvaluation trainEval = NetworkEvaluation.of(net, train, trainSample);
            NetworkEvaluation valEval = NetworkEvaluation.of(net, validation);
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochRecord rec = new EpochRecord(epoch, lossSum / lossWeight, trainEval.accuracy(), valEval.accuracy(),
                    valEval.meanCrossEntropy(), n / Math.max(stepNanos / 1e9, 1e-9), seconds);
            history.add(rec);
            boolean best = rec.validationAccuracy() > bestAcc;
            if (best) {
                bestAcc = rec.validationAccuracy();
                bestEpoch = epoch;
                bestParams = net.parameters();
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
