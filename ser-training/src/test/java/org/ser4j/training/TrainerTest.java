package org.ser4j.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ser4j.core.Emotion;
import org.ser4j.core.model.FeatureKind;
import org.ser4j.training.nn.Network;

class TrainerTest {
    private static final TrainingConfig BASE = TrainingConfig.recipe(FeatureKind.TIME_DOMAIN)
            .withEpochs(8).withBatchSize(16).withLearningRate(0.5).withThreads(1).withSeed(7);

    @Test
    void learnsSeparableClustersAndReportsEveryEpoch() {
        FeatureSet train = SyntheticData.clusters(6, 40, 12, 0.7, 1);
        FeatureSet val = SyntheticData.clusters(6, 10, 12, 0.7, 2);
        SoftmaxRegressionNetwork net = new SoftmaxRegressionNetwork(12, 3);
        List<String> lines = new ArrayList<>();
        TrainingResult r = new Trainer().train(net, train, val, BASE, TrainingListener.lines(lines::add));

        assertEquals(8, r.history().size());
        assertEquals(8, lines.size());
        assertTrue(lines.get(0).startsWith("epoch 1/8  loss "), lines.get(0));
        assertTrue(lines.get(0).contains("samples/s") && lines.get(0).contains("ETA"), lines.get(0));
        assertTrue(r.bestValidationAccuracy() > 0.9, "val acc " + r.bestValidationAccuracy());
        assertTrue(r.history().get(7).loss() < r.history().get(0).loss(), "loss should fall: " + r.history());
        // 240 samples in batches of 16 = 15 steps per epoch.
        assertEquals(8 * 15, net.steps);
        assertEquals(r.bestValidationAccuracy(), NetworkEvaluation.of(net, val).accuracy(), 1e-12);
        for (EpochRecord e : r.history()) {
            assertTrue(e.samplesPerSecond() > 0 && e.seconds() >= 0);
        }
    }

    @Test
    void sameSeedGivesSameHistory() {
        FeatureSet train = SyntheticData.clusters(3, 30, 6, 1.5, 1);
        FeatureSet val = SyntheticData.clusters(3, 10, 6, 1.5, 2);
        TrainingResult a = new Trainer().train(new SoftmaxRegressionNetwork(6, 3), train, val, BASE, TrainingListener.none());
        TrainingResult b = new Trainer().train(new SoftmaxRegressionNetwork(6, 3), train, val, BASE, TrainingListener.none());
        TrainingResult c = new Trainer().train(new SoftmaxRegressionNetwork(6, 3), train, val, BASE.withSeed(8), TrainingListener.none());
        assertArrayEquals(losses(a), losses(b));
        assertFalse(Arrays.equals(losses(a), losses(c)), "another seed shuffles differently");
    }

    @Test
    void weightAveragingScoresAndKeepsTheAverageButTrainsTheLiveWeightsAsBefore() {
        FeatureSet train = SyntheticData.clusters(3, 30, 6, 1.5, 1);
        FeatureSet val = SyntheticData.clusters(3, 10, 6, 1.5, 2);
        SoftmaxRegressionNetwork plainNet = new SoftmaxRegressionNetwork(6, 3);
        SoftmaxRegressionNetwork averagedNet = new SoftmaxRegressionNetwork(6, 3);
        TrainingConfig averaged = BASE.withAveraging(WeightAveraging.exponential(0.9));
        TrainingResult plain = new Trainer().train(plainNet, train, val, BASE, TrainingListener.none());
        TrainingResult ema = new Trainer().train(averagedNet, train, val, averaged, TrainingListener.none());
        // the optimiser never sees the average: every step's loss is the same as without it
        assertArrayEquals(losses(plain), losses(ema));
        assertEquals(plainNet.steps, averagedNet.steps);
        // the kept weights are the average of the best epoch, and it is what was scored
        assertFalse(Arrays.equals(plainNet.parameters(), averagedNet.parameters()), "the average differs from the live weights");
        assertEquals(ema.bestValidationAccuracy(), NetworkEvaluation.of(averagedNet, val).accuracy(), 1e-12);
        // without a validation part the last epoch's average is kept: replaying the steps gives it
        SoftmaxRegressionNetwork finalNet = new SoftmaxRegressionNetwork(6, 3);
        RecordingNetwork recorder = new RecordingNetwork(new SoftmaxRegressionNetwork(6, 3));
        FeatureSet none = new FeatureSet(new float[0], new int[0], 6);
        new Trainer().train(finalNet, train, null, none, averaged.withEpochs(3), TrainingListener.none(), null);
        new Trainer().train(recorder, train, null, none, BASE.withEpochs(3), TrainingListener.none(), null);
        WeightAverage replay = new WeightAverage(WeightAveraging.exponential(0.9));
        for (float[] step : recorder.afterEachStep) {
            replay.update(step);
        }
        assertEquals(3 * 6, replay.steps(), "90 clips in batches of 16: 6 steps per epoch");
        assertArrayEquals(replay.values(), finalNet.parameters());
    }

    /** Delegates to a network and records its parameters after every training step. */
    private static final class RecordingNetwork implements Network {
        private final SoftmaxRegressionNetwork inner;
        final List<float[]> afterEachStep = new ArrayList<>();

        RecordingNetwork(SoftmaxRegressionNetwork inner) {
            this.inner = inner;
        }

        @Override
        public FeatureKind kind() {
            return inner.kind();
        }

        @Override
        public int inputLength() {
            return inner.inputLength();
        }

        @Override
        public long parameterCount() {
            return inner.parameterCount();
        }

        @Override
        public double trainStep(float[] x, int[] y, int count) {
            double loss = inner.trainStep(x, y, count);
            afterEachStep.add(inner.parameters());
            return loss;
        }

        @Override
        public float[] predict(float[] x, int count) {
            return inner.predict(x, count);
        }

        @Override
        public void setLearningRate(double learningRate) {
            inner.setLearningRate(learningRate);
        }

        @Override
        public float[] parameters() {
            return inner.parameters();
        }

        @Override
        public void loadParameters(float[] parameters) {
            inner.loadParameters(parameters);
        }
    }

    @Test
    void identicalVersionsTrainExactlyAsTheClipsAlone() {
        FeatureSet clips = SyntheticData.clusters(3, 30, 6, 1.5, 1);
        FeatureSet val = SyntheticData.clusters(3, 10, 6, 1.5, 2);
        float[] twice = Arrays.copyOf(clips.features(), 2 * clips.features().length);
        System.arraycopy(clips.features(), 0, twice, clips.features().length, clips.features().length);
        int[] labels = Arrays.copyOf(clips.labels(), 2 * clips.size());
        System.arraycopy(clips.labels(), 0, labels, clips.size(), clips.size());
        FeatureSet versions = new FeatureSet(twice, labels, 6);
        SoftmaxRegressionNetwork alone = new SoftmaxRegressionNetwork(6, 3);
        SoftmaxRegressionNetwork drawn = new SoftmaxRegressionNetwork(6, 3);
        TrainingResult a = new Trainer().train(alone, clips, null, val, BASE, TrainingListener.none(), null, 1);
        TrainingResult b = new Trainer().train(drawn, versions, null, val, BASE, TrainingListener.none(), null, 2);
        assertArrayEquals(losses(a), losses(b), "one draw per clip per epoch: the same steps, whichever version is drawn");
        assertEquals(alone.steps, drawn.steps);
        assertThrows(IllegalArgumentException.class,
                () -> new Trainer().train(new SoftmaxRegressionNetwork(6, 3), versions, null, val, BASE, TrainingListener.none(), null, 7));
    }

    @Test
    void eachEpochVisitsEveryClipOnceAsOneOfItsVersions() {
        // clip i of 40: version v has feature 0 = i and feature 1 = v
        int clips = 40;
        int versions = 3;
        float[] x = new float[clips * versions * 2];
        int[] y = new int[clips * versions];
        for (int v = 0; v < versions; v++) {
            for (int i = 0; i < clips; i++) {
                x[2 * (v * clips + i)] = i;
                x[2 * (v * clips + i) + 1] = v;
                y[v * clips + i] = i % 6;
            }
        }
        List<float[]> seen = new ArrayList<>();
        SoftmaxRegressionNetwork net = new SoftmaxRegressionNetwork(2, 1) {
            @Override
            public double trainStep(float[] inputs, int[] labels, int n) {
                for (int j = 0; j < n; j++) {
                    seen.add(new float[] {inputs[2 * j], inputs[2 * j + 1], labels[j]});
                }
                return 1.0;
            }
        };
        new Trainer().train(net, new FeatureSet(x, y, 2), null, new FeatureSet(new float[0], new int[0], 2),
                BASE.withEpochs(6).withBatchSize(7), TrainingListener.none(), null, versions);
        assertEquals(6 * clips, seen.size(), "each epoch has as many samples as clips");
        int[] perVersion = new int[versions];
        for (int e = 0; e < 6; e++) {
            boolean[] visited = new boolean[clips];
            for (float[] s : seen.subList(e * clips, (e + 1) * clips)) {
                int clip = (int) s[0];
                assertFalse(visited[clip], "clip " + clip + " twice in epoch " + (e + 1));
                visited[clip] = true;
                assertEquals(clip % 6, (int) s[2], "the label travels with its clip");
                perVersion[(int) s[1]]++;
            }
        }
        for (int v = 0; v < versions; v++) {
            assertTrue(perVersion[v] > 40 && perVersion[v] < 120, "versions drawn about uniformly: " + Arrays.toString(perVersion));
        }
    }

    private static double[] losses(TrainingResult r) {
        return r.history().stream().mapToDouble(EpochRecord::loss).toArray();
    }

    /** A network whose validation accuracy follows a script, one entry per epoch. */
    private static final class ScriptedNetwork implements Network {
        private final double[] accuracyByEpoch;
        private float epoch; // the "parameter": number of epochs trained
        private int stepsThisEpoch;
        private final int stepsPerEpoch;
        private final double loss;

        ScriptedNetwork(double[] accuracyByEpoch, int stepsPerEpoch, double loss) {
            this.accuracyByEpoch = accuracyByEpoch;
            this.stepsPerEpoch = stepsPerEpoch;
            this.loss = loss;
        }

        @Override
        public FeatureKind kind() {
            return FeatureKind.TIME_DOMAIN;
        }

        @Override
        public int inputLength() {
            return 1;
        }

        @Override
        public long parameterCount() {
            return 1;
        }

        @Override
        public double trainStep(float[] inputs, int[] labels, int n) {
            if (++stepsThisEpoch == stepsPerEpoch) {
                stepsThisEpoch = 0;
                epoch++;
            }
            return loss;
        }

        /** Input value v in [0,1): predicted correctly iff v < the scripted accuracy. Label 0 always. */
        @Override
        public float[] predict(float[] inputs, int n) {
            double acc = epoch == 0 ? 0 : accuracyByEpoch[(int) epoch - 1];
            float[] p = new float[n * 6];
            for (int i = 0; i < n; i++) {
                p[i * 6 + (inputs[i] < acc ? 0 : 1)] = 1f;
            }
            return p;
        }

        @Override
        public void setLearningRate(double learningRate) {
        }

        @Override
        public float[] parameters() {
            return new float[] {epoch};
        }

        @Override
        public void loadParameters(float[] parameters) {
            epoch = parameters[0];
        }
    }

    private static FeatureSet uniform(int n) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = (i + 0.5f) / n;
        }
        return new FeatureSet(x, y, 1);
    }

    @Test
    void restoresTheEpochWithTheBestValidationAccuracy() {
        double[] script = {0.2, 0.5, 0.9, 0.4, 0.6, 0.3};
        ScriptedNetwork net = new ScriptedNetwork(script, 1, 1.0);
        TrainingConfig cfg = BASE.withEpochs(6).withBatchSize(100);
        TrainingResult r = new Trainer().train(net, uniform(10), uniform(10), cfg, TrainingListener.none());
        assertEquals(3, r.bestEpoch());
        assertEquals(0.9, r.bestValidationAccuracy(), 1e-9);
        assertEquals(6, r.history().size());
        assertFalse(r.stoppedEarly());
        assertEquals(3f, net.parameters()[0], "the network holds epoch 3's parameters");
        assertEquals(0.9, NetworkEvaluation.of(net, uniform(10)).accuracy(), 1e-9);
    }

    @Test
    void stopsEarlyAfterPatienceEpochsWithoutImprovement() {
        double[] script = {0.2, 0.5, 0.9, 0.4, 0.6, 0.3, 0.95, 0.1};
        ScriptedNetwork net = new ScriptedNetwork(script, 1, 1.0);
        List<Double> etas = new ArrayList<>();
        TrainingResult r = new Trainer().train(net, uniform(10), uniform(10), BASE.withEpochs(8).withBatchSize(100).withPatience(2),
                (rec, max, best, eta) -> etas.add(eta));
        assertTrue(r.stoppedEarly());
        assertEquals(5, r.history().size(), "epochs 4 and 5 did not beat epoch 3");
        assertEquals(3, r.bestEpoch());
        assertEquals(0.0, etas.get(4), "nothing remains after the stopping epoch");
        assertTrue(etas.get(0) >= 0);
    }

    @Test
    void divergingLossIsAClearError() {
        ScriptedNetwork net = new ScriptedNetwork(new double[] {0.5, 0.5}, 1, Double.NaN);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer().train(net, uniform(4), uniform(4), BASE.withEpochs(2), TrainingListener.none()));
        assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("learning rate"), e.getMessage());
        assertEquals(java.util.Optional.of("learningRate"), e.setting());
        assertTrue(e instanceof org.ser4j.core.Ser4jException);
    }

    @Test
    void withoutAValidationPartEveryEpochRunsAndTheLastIsKept() {
        double[] script = {0.2, 0.9, 0.4};
        ScriptedNetwork net = new ScriptedNetwork(script, 1, 1.0);
        FeatureSet none = new FeatureSet(new float[0], new int[0], 1);
        List<float[]> seen = new ArrayList<>();
        TrainingResult r = new Trainer().train(net, uniform(10), null, none, BASE.withEpochs(3).withBatchSize(100),
                TrainingListener.none(), (epoch, p) -> seen.add(p));
        assertEquals(3, r.history().size());
        assertEquals(3, r.bestEpoch());
        assertTrue(Double.isNaN(r.bestValidationAccuracy()));
        assertEquals(3f, net.parameters()[0], "the network holds the last epoch's parameters");
        assertEquals(3, seen.size());
        assertEquals(0, seen.get(0).length);
        assertThrows(IllegalArgumentException.class, () -> new Trainer().train(new ScriptedNetwork(script, 1, 1.0), uniform(10), null,
                none, BASE.withEpochs(3).withPatience(1), TrainingListener.none(), null), "early stopping needs a validation part");
    }

    @Test
    void theObserverSeesEveryEpochsValidationProbabilities() {
        FeatureSet train = SyntheticData.clusters(3, 30, 6, 1.5, 1);
        FeatureSet val = SyntheticData.clusters(3, 10, 6, 1.5, 2);
        List<float[]> seen = new ArrayList<>();
        TrainingResult r = new Trainer().train(new SoftmaxRegressionNetwork(6, 3), train, null, val, BASE.withEpochs(4),
                TrainingListener.none(), (epoch, p) -> seen.add(p));
        assertEquals(4, seen.size());
        for (int e = 0; e < 4; e++) {
            assertEquals(val.size() * Emotion.COUNT, seen.get(e).length);
            assertEquals(r.history().get(e).validationAccuracy(),
                    NetworkEvaluation.fromProbabilities(seen.get(e), val.labels()).accuracy(), 1e-12);
        }
        float[] wrong = new float[train.size() - 1];
        assertThrows(IllegalArgumentException.class, () -> new Trainer().train(new SoftmaxRegressionNetwork(6, 3), train, wrong, val,
                BASE, TrainingListener.none(), null));
    }

    /** The real engine on a mel-shaped input with masks, mixup, smoothing and weights: it still learns, deterministically. */
    @Test
    void timeShiftTrainsDeterministicallyAndRefusesShiftsAsLongAsTheInput() {
        FeatureSet train = SyntheticData.clusters(4, 40, 128 * 3, 0.8, 1);
        FeatureSet val = SyntheticData.clusters(4, 10, 128 * 3, 0.8, 2);
        TrainingConfig base = TrainingConfig.recipe(FeatureKind.LOG_MEL).withEpochs(3).withBatchSize(16).withLearningRate(0.01)
                .withThreads(1).withSeed(5).withStandardization(Standardization.GLOBAL);
        float[][] params = new float[3][];
        for (int run = 0; run < 3; run++) {
            TrainingConfig cfg = base.withAugmentation(new FeatureAugmentation(0, 0, 0, 0, 0, run < 2 ? 1 : 0));
            try (Network net = org.ser4j.training.nn.SequentialNetwork.builder(FeatureKind.LOG_MEL, 1, 128, 3).flatten()
                    .dense(Emotion.COUNT, false, 0).build(3, 1, 64)) {
                new Trainer().train(net, train, null, val, cfg, TrainingListener.none(), null);
                params[run] = net.parameters();
            }
        }
        assertArrayEquals(params[0], params[1]);
        assertFalse(java.util.Arrays.equals(params[0], params[2]), "the shift changed nothing");
        TrainingConfig tooLong = base.withAugmentation(new FeatureAugmentation(0, 0, 0, 0, 0, 3));
        try (Network net = org.ser4j.training.nn.SequentialNetwork.builder(FeatureKind.LOG_MEL, 1, 128, 3).flatten()
                .dense(Emotion.COUNT, false, 0).build(3, 1, 64)) {
            assertThrows(IllegalArgumentException.class, () -> new Trainer().train(net, train, null, val, tooLong, TrainingListener.none(), null));
        }
    }

    @Test
    void augmentedTrainingLearnsAndIsDeterministic() {
        FeatureSet train = SyntheticData.clusters(4, 40, 128 * 3, 0.8, 1);
        FeatureSet val = SyntheticData.clusters(4, 10, 128 * 3, 0.8, 2);
        float[] weights = new float[train.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.5f + (i % 3);
        }
        TrainingConfig cfg = TrainingConfig.recipe(FeatureKind.LOG_MEL).withEpochs(6).withBatchSize(16).withLearningRate(0.01)
                .withThreads(1).withSeed(5).withLabelSmoothing(0.1).withAugmentation(new FeatureAugmentation(2, 1, 2, 16, 0.4));
        float[][] params = new float[2][];
        TrainingResult[] results = new TrainingResult[2];
        for (int run = 0; run < 2; run++) {
            try (Network net = org.ser4j.training.nn.SequentialNetwork.builder(FeatureKind.LOG_MEL, 1, 128, 3).flatten()
                    .dense(Emotion.COUNT, false, 0).build(3, 1, 64)) {
                results[run] = new Trainer().train(net, train, weights, val, cfg, TrainingListener.none(), null);
                params[run] = net.parameters();
            }
        }
        assertTrue(results[0].bestValidationAccuracy() > 0.8, results[0].history().toString());
        assertArrayEquals(params[0], params[1]);
        assertEquals(results[0].history().get(5).loss(), results[1].history().get(5).loss());
    }

    @Test
    void rejectsEmptyPartsAndWrongInputLength() {
        Trainer t = new Trainer();
        FeatureSet empty = new FeatureSet(new float[0], new int[0], 1);
        assertThrows(IllegalArgumentException.class, () -> t.train(new SoftmaxRegressionNetwork(1, 1), empty, uniform(3), BASE, TrainingListener.none()));
        assertThrows(IllegalArgumentException.class, () -> t.train(new SoftmaxRegressionNetwork(1, 1), uniform(3), empty, BASE, TrainingListener.none()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.train(new SoftmaxRegressionNetwork(5, 1), uniform(3), uniform(3), BASE, TrainingListener.none()));
        assertTrue(e.getMessage().contains("takes 5"), e.getMessage());
    }

    @Test
    void throughputIsTheMedianOfEpochsAfterTheFirst() {
        List<EpochRecord> h = new ArrayList<>();
        double[] sps = {10, 300, 100, 200, 1000};
        for (int i = 0; i < sps.length; i++) {
            h.add(new EpochRecord(i + 1, 1, 0, 0, 1, sps[i], 1));
        }
        assertEquals(250.0, new TrainingResult(h, 1, 0, false).trainSamplesPerSecond(), 1e-9);
        assertEquals(10.0, new TrainingResult(h.subList(0, 1), 1, 0, false).trainSamplesPerSecond(), 1e-9);
        assertEquals(300.0, new TrainingResult(h.subList(0, 2), 1, 0, false).trainSamplesPerSecond(), 1e-9);
    }

    @Test
    void progressLineFormat() {
        EpochRecord r = new EpochRecord(3, 1.23456, 0.5124, 0.48, 1.3, 412.4, 10);
        String line = TrainingListener.formatLine(r, 50, true, 245);
        assertEquals("epoch  3/50  loss 1.2346  acc 0.512  val_acc 0.480 *    412 samples/s  ETA 4m05s", line);
        assertEquals("1h01m01s", TrainingListener.formatDuration(3661));
        assertEquals("7s", TrainingListener.formatDuration(7.2));
    }

    @Test
    void evaluationCountsConfusion() {
        FeatureSet val = uniform(10);
        ScriptedNetwork net = new ScriptedNetwork(new double[] {0.3}, 1, 1);
        net.trainStep(new float[1], new int[1], 1);
        NetworkEvaluation ev = NetworkEvaluation.of(net, val);
        long[][] c = ev.confusion();
        assertEquals(3, c[Emotion.ANGER.ordinal()][Emotion.ANGER.ordinal()]);
        assertEquals(7, c[Emotion.ANGER.ordinal()][Emotion.DISGUST.ordinal()]);
        assertEquals(0.3, ev.accuracy(), 1e-12);
    }
    @Test
    void aCosineScheduleSetsTheRateOfEveryStepAndAShorterRunKeepsTheHorizon() {
        FeatureSet train = SyntheticData.clusters(3, 10, 6, 0.8, 1); // 30 samples: 2 steps of 16 per epoch
        FeatureSet val = SyntheticData.clusters(3, 4, 6, 0.8, 2);
        TrainingConfig cosine = BASE.withEpochs(6).withSchedule(LearningRateSchedule.cosine(6));
        List<Double> full = ratesOf(train, val, cosine);
        assertEquals(12, full.size());
        assertEquals(0.5, full.get(0), 1e-12); // the base rate at the first step
        for (int i = 1; i < full.size(); i++) {
            assertTrue(full.get(i) < full.get(i - 1), "rates must fall step by step: " + full);
        }
        // half-way through the horizon (epoch 4, step 0) the factor is (1 + floor) / 2
        assertEquals(0.5 * (1 + LearningRateSchedule.COSINE_FLOOR) / 2, full.get(6), 1e-12);
        // a final model trained for 3 epochs of the same horizon sees the first 3 epochs' rates
        assertEquals(full.subList(0, 6), ratesOf(train, val, cosine.withEpochs(3)));
        // the constant schedule leaves the rate alone
        List<Double> constant = ratesOf(train, val, BASE.withEpochs(2));
        assertTrue(constant.stream().allMatch(r -> r == 0.5), constant.toString());
    }

    /** The learning rate in force at each training step of a run. */
    private static List<Double> ratesOf(FeatureSet train, FeatureSet val, TrainingConfig config) {
        List<Double> rates = new ArrayList<>();
        SoftmaxRegressionNetwork net = new SoftmaxRegressionNetwork(6, 3) {
            private double rate;

            @Override
            public void setLearningRate(double learningRate) {
                rate = learningRate;
                super.setLearningRate(learningRate);
            }

            @Override
            public double trainStep(float[] x, int[] y, int count) {
                rates.add(rate);
                return super.trainStep(x, y, count);
            }
        };
        new Trainer().train(net, train, val, config, TrainingListener.none());
        return rates;
    }
}
