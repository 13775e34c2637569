package org.ser4j.training.nn;

import org.ser4j.core.simd.SimdSupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.ser4j.core.model.FeatureKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A feed-forward stack of layers ending in softmax + cross-entropy, trained with Adam (Keras
 * semantics: L2 penalties {@code l2 * sum(W^2)} on kernels, epsilon added to {@code sqrt(v)}).
 *
 * <p>Work is split across a fixed pool of daemon worker threads owned by the network. A batch is
 * cut into chunks of at most {@code maxChunk} samples; chunk {@code j} goes to worker
 * {@code j mod threads}, each worker accumulates its gradients in its own buffer, and the buffers
 * are summed in worker order, so results are deterministic for a given seed and thread count.
 * Memory is bounded by the chunk size, not the batch size. Not thread-safe (one caller at a time);
 * {@link #close()} stops the workers.
 *
 * <p>This class holds the layers, the parameters and the per-worker forward/backward passes; the
 * Adam state and update live in {@code AdamOptimizer}, the threads in {@code WorkerPool} and the
 * layer description in {@link NetworkBuilder}.
 */
public final class SequentialNetwork implements Network {
    private static final Logger LOG = LoggerFactory.getLogger(SequentialNetwork.class);

    private final FeatureKind kind;
    private final int inC;
    private final int inH;
    private final int inW;
    private final Layer[] layers;
    private final boolean spatialInput;
    private final int classes;
    private final int threads;
    private final int maxChunk;
    private final Kernels kernels;
    private final float[] params;
    private final AdamOptimizer adam;
    private final Worker[] workers;
    private final WorkerPool pool;
    private double learningRate = 1e-3;
    private double labelSmoothing;
    // per-layer timers of setProfiling; off by default, so a step reads one flag per layer
    private boolean profiling;
    private long reduceNanos;
    private long optimizerNanos;
    private long profiledSteps;
    private long profiledSamples;

    /** Built by {@link NetworkBuilder#build}, which has checked its arguments. */
    SequentialNetwork(NetworkBuilder b, long seed, int threads, int maxChunk, Kernels kernels) {
        this.kind = b.kind;
        this.inC = b.inC;
        this.inH = b.inH;
        this.inW = b.inW;
        this.layers = b.layers.toArray(new Layer[0]);
        this.spatialInput = !(layers[0] instanceof DenseLayer);
        Layer last = layers[layers.length - 1];
        if (!(last instanceof DenseLayer)) {
            throw new IllegalArgumentException("the last layer must be dense (the logits)");
        }
        this.classes = last.outC;
        this.threads = threads;
        this.maxChunk = maxChunk;
        this.kernels = kernels;
        int p = 0;
        for (Layer l : layers) {
            l.paramOffset = p;
            p += l.paramCount();
        }
        this.params = new float[p];
        this.adam = new AdamOptimizer(p);
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer l : layers) {
            l.init(params, random);
        }
        long need = 4L * (threads * workerFloats() + 3L * p);
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap * 0.8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%d worker thread(s) with chunks of %d samples need about %d MiB of working memory, more than "
                            + "80%% of the JVM heap (%d MiB): use fewer threads or a larger -Xmx",
                    threads, maxChunk, need >> 20, heap >> 20));
        }
        this.workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker();
        }
        this.pool = new WorkerPool(threads);
        LOG.info("{} network: {} parameters, {} kernels, {} thread(s), chunks of {} samples",
                kind == null ? "custom" : kind.id(), p, kernels.name(), threads, maxChunk);
        if (kernels instanceof ScalarKernels && !SimdSupport.turnedOff()) {
            LOG.warn("training on the slow scalar kernels: start the JVM with --add-modules jdk.incubator.vector "
                    + "for the Vector API kernels");
        }
    }

    /**
     * Starts describing a network whose samples have shape {@code [c, h, w]} (use h = 1 for 1D).
     *
     * @param kind the features the network takes, reported by {@link #kind()}; may be null for a
     *     custom network (logged as "custom")
     * @param c input channels, positive
     * @param h input height, positive (1 for 1D inputs)
     * @param w input width, positive
     * @return an empty builder; inputs are then {@code c * h * w} floats per sample, channel first
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public static NetworkBuilder builder(FeatureKind kind, int c, int h, int w) {
        return new NetworkBuilder(kind, c, h, w);
    }

    /**
     * Name of the active kernel path ({@code "vector"} or {@code "scalar"}).
     *
     * @return {@code "vector"} when the Vector API kernels are in use, {@code "scalar"} otherwise
     *     (module absent, or turned off with {@code -Dser4j.simd=off})
     */
    public String kernelName() {
        return kernels.name();
    }

    @Override
    public FeatureKind kind() {
        return kind;
    }

    @Override
    public int inputLength() {
        return inC * inH * inW;
    }

    /**
     * Number of output classes.
     *
     * @return the width of the last dense layer (6 for the reference models)
     */
    public int classes() {
        return classes;
    }

    @Override
    public long parameterCount() {
        return params.length;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    /**
     * The current Adam learning rate.
     *
     * @return the last value given to {@link #setLearningRate}, or 1e-3 if none was
     */
    public double learningRate() {
        return learningRate;
    }

    @Override
    public float[] parameters() {
        return params.clone();
    }

    @Override
    public void loadParameters(float[] parameters) {
        if (parameters == null || parameters.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got "
                    + (parameters == null ? "null" : parameters.length));
        }
        System.arraycopy(parameters, 0, params, 0, params.length);
    }


    @Override
    public List<LayerSpec> layers() {
        List<LayerSpec> specs = new ArrayList<>();
        for (Layer l : layers) {
            specs.addAll(l.specs(params));
        }
        return List.copyOf(specs);
    }

    /**
     * Turns the per-layer timers on or off; either way resets them. Not thread-safe: call it
     * between training steps, from the thread that trains.
     *
     * @param on whether the following training steps are timed
     */
    public void setProfiling(boolean on) {
        profiling = on;
        reduceNanos = 0;
        optimizerNanos = 0;
        profiledSteps = 0;
        profiledSamples = 0;
        for (Worker w : workers) {
            Arrays.fill(w.forwardNanos, 0);
            Arrays.fill(w.backwardNanos, 0);
        }
    }

    /**
     * What the timers measured since {@link #setProfiling(boolean)} turned them on.
     *
     * @return per layer and pass, the workers' times added; all zero when profiling is off
     */
    public LayerProfile layerProfile() {
        List<LayerProfile.LayerTime> times = new ArrayList<>();
        for (int i = 0; i < layers.length; i++) {
            long f = 0;
            long b = 0;
            for (Worker w : workers) {
                f += w.forwardNanos[i];
                b += w.backwardNanos[i];
            }
            times.add(new LayerProfile.LayerTime(layers[i].describe(), f, b, layers[i].forwardFlops()));
        }
        return new LayerProfile(times, reduceNanos, optimizerNanos, profiledSteps, profiledSamples);
    }

    @Override
    public double trainStep(float[] inputs, int[] labels, int n) {
        double loss = lossAndGradient(inputs, labels, null, n, null);
        adam(workers[0].grad);
        return loss;
    }

    @Override
    public double trainStep(float[] inputs, int[] labels, float[] weights, int n) {
        double loss = lossAndGradient(inputs, labels, weights, n, null);
        adam(workers[0].grad);
        return loss;
    }

    @Override
    public double trainStepMixed(float[] inputs, int[] labels, int[] otherLabels, float[] lambda, float[] weights, int n) {
        if (otherLabels == null || lambda == null) {
            throw new IllegalArgumentException("mixed targets need the other labels and the mixing weights");
        }
        double loss = lossAndGradient(inputs, labels, otherLabels, lambda, weights, n, null);
        adam(workers[0].grad);
        return loss;
    }

    @Override
    public void setLabelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + epsilon);
        }
        this.labelSmoothing = epsilon;
    }

    /** Unweighted {@link #lossAndGradient(float[], int[], float[], int, float[])}. */
    double lossAndGradient(float[] inputs, int[] labels, int n, float[] gradOut) {
        return lossAndGradient(inputs, labels, null, n, gradOut);
    }

    /**
     * Cross-entropy (against the label-smoothed targets) averaged over the batch with the sample
     * weights ({@code sum w_i ce_i / sum w_i}; the plain mean when {@code weights} is null) plus
     * the L2 penalty, and its gradient with respect to {@link #parameters()}, left in worker 0's
     * buffer and copied to {@code gradOut} if not null.
     */
    double lossAndGradient(float[] inputs, int[] labels, float[] weights, int n, float[] gradOut) {
        return lossAndGradient(inputs, labels, null, null, weights, n, gradOut);
    }

    /**
     * As {@link #lossAndGradient(float[], int[], float[], int, float[])} with mixed targets when
     * {@code otherLabels} is not null: sample {@code i}'s loss is
     * {@code lambda_i ce(labels_i) + (1 - lambda_i) ce(otherLabels_i)} (mixup), each with smoothing.
     */
    double lossAndGradient(float[] inputs, int[] labels, int[] otherLabels, float[] lambda, float[] weights, int n, float[] gradOut) {
        checkBatch(inputs, n);
        checkLabels(labels, n, "labels");
        if (otherLabels != null) {
            checkLabels(otherLabels, n, "other labels");
            if (lambda == null || lambda.length < n) {
                throw new IllegalArgumentException("need " + n + " mixing weights, got " + (lambda == null ? "null" : lambda.length));
            }
            for (int i = 0; i < n; i++) {
                if (!(lambda[i] >= 0 && lambda[i] <= 1)) {
                    throw new IllegalArgumentException("mixing weight " + lambda[i] + " of sample " + i + " is not in [0, 1]");
                }
            }
        }
        double norm = n;
        if (weights != null) {
            if (weights.length < n) {
                throw new IllegalArgumentException("need " + n + " sample weights, got " + weights.length);
            }
            norm = 0;
            for (int i = 0; i < n; i++) {
                if (!(weights[i] >= 0) || !Float.isFinite(weights[i])) {
                    throw new IllegalArgumentException("sample weight " + weights[i] + " of sample " + i + " is not a finite number >= 0");
                }
                norm += weights[i];
            }
            if (!(norm > 0)) {
                throw new IllegalArgumentException("the sample weights of the batch sum to 0");
            }
        }
        double total = norm;
        int chunk = chunkSize(n);
        int chunks = (n + chunk - 1) / chunk;
        double[] losses = new double[threads];
        // each worker clears its own gradient (in parallel) before its chunks, so this loop is not forEachChunk
        runOnWorkers(w -> {
            Worker wk = workers[w];
            Arrays.fill(wk.grad, 0f);
            double sum = 0;
            for (int c = w; c < chunks; c += threads) {
                int from = c * chunk;
                int b = Math.min(chunk, n - from);
                wk.forward(inputs, from, b);
                sum += wk.backward(labels, otherLabels, lambda, weights, from, b, total);
            }
            losses[w] = sum;
        });
        long reduceStart = profiling ? System.nanoTime() : 0;
        float[] grad = workers[0].grad;
        double ce = 0;
        for (int w = 0; w < threads; w++) {
            ce += losses[w];
        }
        // reduce the workers' gradients and add the L2 terms, each worker on its own parameter range
        // (element-wise, and the penalty's partial sums are added in worker order: deterministic)
        double[] penalties = new double[threads];
        runOnWorkers(w -> {
            int lo = rangeStart(w);
            int hi = rangeStart(w + 1);
            for (int other = 1; other < threads; other++) {
                float[] g = workers[other].grad;
                for (int i = lo; i < hi; i++) {
                    grad[i] += g[i];
                }
            }
            double penalty = 0;
            for (Layer l : layers) {
                double l2 = l.l2();
                int from = Math.max(lo, l.paramOffset);
                int to = Math.min(hi, l.paramOffset + l.kernelCount());
                if (l2 == 0 || from >= to) {
                    continue;
                }
                double sq = 0;
                float twoL2 = (float) (2 * l2);
                for (int i = from; i < to; i++) {
                    float wv = params[i];
                    sq += (double) wv * wv;
                    grad[i] += twoL2 * wv;
                }
                penalty += l2 * sq;
            }
            penalties[w] = penalty;
        });
        double penalty = 0;
        for (int w = 0; w < threads; w++) {
            penalty += penalties[w];
        }
        if (profiling) {
            reduceNanos += System.nanoTime() - reduceStart;
            profiledSteps++;
            profiledSamples += n;
        }
        if (gradOut != null) {
            System.arraycopy(grad, 0, gradOut, 0, grad.length);
        }
        return ce / total + penalty;
    }

    private void checkLabels(int[] labels, int n, String what) {
        if (labels == null || labels.length < n) {
            throw new IllegalArgumentException("need " + n + " " + what + ", got " + (labels == null ? "null" : labels.length));
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of sample " + i + " is outside [0, " + classes + ")");
            }
        }
    }

    private void adam(float[] grad) {
        long t0 = profiling ? System.nanoTime() : 0;
        adam.update(params, grad, learningRate, pool);
        if (profiling) {
            optimizerNanos += System.nanoTime() - t0;
        }
    }

    /** First parameter index of worker {@code w}'s share of element-wise work. */
    private int rangeStart(int w) {
        return pool.rangeStart(params.length, w);
    }

    @Override
    public float[] predict(float[] inputs, int n) {
        checkBatch(inputs, n);
        float[] out = new float[n * classes];
        forEachChunk(n, (w, wk, from, b) -> {
            float[] logits = wk.forward(inputs, from, b);
            for (int s = 0; s < b; s++) {
                softmax(logits, s * classes, out, (from + s) * classes, classes);
            }
        });
        return out;
    }

    /**
     * The range of the values each weighted layer reads, over a batch: what a static int8
     * quantisation of the layer inputs is calibrated on. Runs the same forward pass as
     * {@link #predict} and changes nothing (parameters, optimiser and later results stay as they
     * were).
     *
     * @param inputs the samples, as for {@link #predict}
     * @param n number of samples, positive
     * @return one range per {@link LayerSpec.Conv} and {@link LayerSpec.Dense} of {@link #layers()},
     *     in that order: the minimum and maximum over the batch of that layer's input (the network
     *     input for the first, otherwise the previous layer's output after its ReLU and pooling, or
     *     the flattened values)
     * @throws IllegalArgumentException as {@link #predict} does
     */
    public List<ValueRange> weightedLayerInputRanges(float[] inputs, int n) {
        checkBatch(inputs, n);
        int[] weighted = weightedLayers();
        float[][] mins = new float[threads][weighted.length];
        float[][] maxs = new float[threads][weighted.length];
        for (int w = 0; w < threads; w++) {
            Arrays.fill(mins[w], Float.POSITIVE_INFINITY);
            Arrays.fill(maxs[w], Float.NEGATIVE_INFINITY);
        }
        forEachWeightedLayerInput(inputs, n, weighted, (w, q, x, len) -> {
            float lo = mins[w][q];
            float hi = maxs[w][q];
            for (int i = 0; i < len; i++) {
                float v = x[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            mins[w][q] = lo;
            maxs[w][q] = hi;
        });
        List<ValueRange> ranges = new ArrayList<>(weighted.length);
        for (int q = 0; q < weighted.length; q++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int w = 0; w < threads; w++) {
                lo = Math.min(lo, mins[w][q]);
                hi = Math.max(hi, maxs[w][q]);
            }
            ranges.add(new ValueRange(lo, hi));
        }
        return List.copyOf(ranges);
    }

    /**
     * Histograms of the values each weighted layer reads, over a batch: for a percentile
     * calibration, after {@link #weightedLayerInputRanges} has found the ranges. Runs the same
     * forward pass as {@link #predict} and changes nothing.
     *
     * @param inputs the samples, as for {@link #predict}
     * @param n number of samples, positive
     * @param ranges one range per weighted layer, as {@link #weightedLayerInputRanges} returns them;
     *     each is cut into {@code bins} equal bins, and values outside it count in its end bins
     * @param bins bins per histogram, at least 1
     * @return one array of {@code bins} counts per weighted layer, in the order of the ranges
     * @throws IllegalArgumentException as {@link #predict} does, and if {@code ranges} does not hold
     *     one range per weighted layer or {@code bins} is below 1
     */
    public List<long[]> weightedLayerInputHistograms(float[] inputs, int n, List<ValueRange> ranges, int bins) {
        checkBatch(inputs, n);
        int[] weighted = weightedLayers();
        if (ranges == null || ranges.size() != weighted.length || bins < 1) {
            throw new IllegalArgumentException("need one range per weighted layer (" + weighted.length + ") and at least one bin");
        }
        long[][][] counts = new long[threads][weighted.length][bins];
        forEachWeightedLayerInput(inputs, n, weighted, (w, q, x, len) -> {
            double lo = ranges.get(q).min();
            double width = ranges.get(q).max() - lo;
            double perBin = width > 0 ? bins / width : 0;
            long[] h = counts[w][q];
            for (int i = 0; i < len; i++) {
                int bin = (int) ((x[i] - lo) * perBin);
                h[Math.max(0, Math.min(bins - 1, bin))]++;
            }
        });
        List<long[]> out = new ArrayList<>(weighted.length);
        for (int q = 0; q < weighted.length; q++) {
            long[] h = new long[bins];
            for (int w = 0; w < threads; w++) {
                for (int k = 0; k < bins; k++) {
                    h[k] += counts[w][q][k];
                }
            }
            out.add(h);
        }
        return List.copyOf(out);
    }

    /** Sees the input values of weighted layer {@code q} of one chunk, on worker {@code w}. */
    @FunctionalInterface
    private interface LayerInputVisitor {
        void visit(int w, int q, float[] values, int length);
    }

    /**
     * Runs the forward pass over the batch in the workers' chunks and shows each weighted layer's
     * input of every chunk to {@code visitor}, on the worker that computed it.
     */
    private void forEachWeightedLayerInput(float[] inputs, int n, int[] weighted, LayerInputVisitor visitor) {
        forEachChunk(n, (w, wk, from, b) -> {
            wk.forward(inputs, from, b);
            for (int q = 0; q < weighted.length; q++) {
                int layer = weighted[q];
                // only the first b * inSize values are the layer's input (a pooled layer's
                // activation array continues with its argmax codes)
                visitor.visit(w, q, wk.acts[layer], b * layers[layer].inSize());
            }
        });
    }

    /** One chunk of a batch, on worker {@code w}: samples {@code from .. from + b}. */
    @FunctionalInterface
    private interface ChunkTask {
        void run(int w, Worker worker, int from, int b);
    }

    /**
     * Cuts a batch of {@code n} samples into chunks and deals them to the workers round-robin
     * (chunk {@code c} to worker {@code c % threads}, in increasing order on each worker), the
     * fixed assignment that keeps every result deterministic for a thread count (the training
     * step deals its chunks the same way).
     */
    private void forEachChunk(int n, ChunkTask task) {
        int chunk = chunkSize(n);
        int chunks = (n + chunk - 1) / chunk;
        runOnWorkers(w -> {
            Worker wk = workers[w];
            for (int c = w; c < chunks; c += threads) {
                int from = c * chunk;
                task.run(w, wk, from, Math.min(chunk, n - from));
            }
        });
    }

    private int[] weightedLayers() {
        return java.util.stream.IntStream.range(0, layers.length)
                .filter(i -> layers[i] instanceof ConvLayer || layers[i] instanceof DenseLayer).toArray();
    }

    /** Stops the worker threads. The network must not be used afterwards. */
    @Override
    public void close() {
        pool.close();
    }

    private int chunkSize(int n) {
        return Math.max(1, Math.min(maxChunk, (n + threads - 1) / threads));
    }

    private void checkBatch(float[] inputs, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + n);
        }
        long need = (long) n * inputLength();
        if (inputs == null || inputs.length < need) {
            throw new IllegalArgumentException("need " + need + " input floats for " + n + " samples of "
                    + inputLength() + ", got " + (inputs == null ? "null" : inputs.length));
        }
        for (int i = 0; i < need; i++) {
            if (!Float.isFinite(inputs[i])) {
                throw new IllegalArgumentException("input of sample " + (i / inputLength()) + " holds a non-finite value ("
                        + inputs[i] + ") at position " + (i % inputLength()));
            }
        }
    }

    private void runOnWorkers(WorkerPool.Task task) {
        pool.run(task);
    }

    static void softmax(float[] logits, int off, float[] out, int outOff, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, logits[off + i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.exp(logits[off + i] - max);
        }
        for (int i = 0; i < n; i++) {
            out[outOff + i] = (float) (Math.exp(logits[off + i] - max) / sum);
        }
    }

    /** Floats one {@link Worker} allocates (must match its constructor). */
    private long workerFloats() {
        long acts = (long) inputLength() * maxChunk;
        long maxAct = acts;
        long maxScratch = 0;
        for (Layer l : layers) {
            long a = (long) l.activationSize() * maxChunk;
            acts += a;
            maxAct = Math.max(maxAct, a);
            maxScratch = Math.max(maxScratch, l.scratchSize(maxChunk));
        }
        return acts + 2 * maxAct + maxScratch + params.length;
    }

    /** Per-thread buffers for one chunk: activations, gradients, scratch and parameter gradients. */
    private final class Worker {
        final float[][] acts = new float[layers.length + 1][];
        final float[] gradA;
        final float[] gradB;
        final float[] scratch;
        final float[] grad = new float[params.length];
        final long[] forwardNanos = new long[layers.length];
        final long[] backwardNanos = new long[layers.length];

        Worker() {
            acts[0] = new float[inputLength() * maxChunk];
            int maxAct = acts[0].length;
            int maxScratch = 0;
            for (int i = 0; i < layers.length; i++) {
                acts[i + 1] = new float[layers[i].activationSize() * maxChunk];
                maxAct = Math.max(maxAct, acts[i + 1].length);
                maxScratch = Math.max(maxScratch, layers[i].scratchSize(maxChunk));
            }
            gradA = new float[maxAct];
            gradB = new float[maxAct];
            scratch = new float[maxScratch];
        }

        /** Forward pass of samples {@code from .. from+b}; returns the logits {@code [b][classes]}. */
        float[] forward(float[] inputs, int from, int b) {
            int len = inputLength();
            float[] x = acts[0];
            if (spatialInput && inC > 1) {
                int hw = inH * inW;
                for (int s = 0; s < b; s++) {
                    for (int c = 0; c < inC; c++) {
                        System.arraycopy(inputs, (from + s) * len + c * hw, x, (c * b + s) * hw, hw);
                    }
                }
            } else {
                System.arraycopy(inputs, from * len, x, 0, b * len);
            }
            for (int i = 0; i < layers.length; i++) {
                if (profiling) {
                    long t0 = System.nanoTime();
                    layers[i].forward(kernels, params, acts[i], acts[i + 1], b, scratch);
                    forwardNanos[i] += System.nanoTime() - t0;
                } else {
                    layers[i].forward(kernels, params, acts[i], acts[i + 1], b, scratch);
                }
            }
            return acts[layers.length];
        }

        /**
         * Backward pass after {@link #forward}; returns the weighted sum of the chunk's
         * cross-entropies. Sample {@code s}'s logit gradient is {@code w_s (p - t) / norm}
         * ({@code w_s = 1} when {@code weights} is null), {@code t} its label-smoothed target, mixed
         * with the other label's as {@code lambda t_a + (1 - lambda) t_b} when {@code other} is given.
         */
        double backward(int[] labels, int[] other, float[] lambda, float[] weights, int from, int b, double norm) {
            double scale = 1.0 / norm;
            double eps = labelSmoothing;
            double off1 = eps / classes;
            float[] logits = acts[layers.length];
            float[] dy = gradA;
            float[] dx = gradB;
            double loss = 0;
            double[] prob = new double[classes];
            for (int s = 0; s < b; s++) {
                int off = s * classes;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, logits[off + c]);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    prob[c] = Math.exp(logits[off + c] - max);
                    sum += prob[c];
                }
                int label = labels[from + s];
                double w = weights == null ? 1 : weights[from + s];
                double sampleScale = weights == null ? scale : w / norm;
                double ce = Math.log(sum) - (logits[off + label] - max);
                int label2 = label;
                double mix = 1;
                if (other != null) {
                    label2 = other[from + s];
                    mix = lambda[from + s];
                    ce = mix * ce + (1 - mix) * (Math.log(sum) - (logits[off + label2] - max));
                }
                if (eps > 0) {
                    // -sum_c t_c log p_c with t = (1 - eps) onehot + eps / classes
                    double meanLogP = 0;
                    for (int c = 0; c < classes; c++) {
                        meanLogP += (logits[off + c] - max) - Math.log(sum);
                    }
                    ce = (1 - eps) * ce - off1 * meanLogP;
                }
                loss += w * ce;
                for (int c = 0; c < classes; c++) {
                    double pc = prob[c] / sum;
                    double hot = other == null ? (c == label ? 1 : 0) : (c == label ? mix : 0) + (c == label2 ? 1 - mix : 0);
                    double target = (1 - eps) * hot + off1;
                    dy[off + c] = (float) ((pc - target) * sampleScale);
                }
            }
            for (int i = layers.length - 1; i >= 0; i--) {
                float[] target = i == 0 ? null : dx;
                if (profiling) {
                    long t0 = System.nanoTime();
                    layers[i].backward(kernels, params, acts[i], acts[i + 1], dy, target, grad, b, scratch);
                    backwardNanos[i] += System.nanoTime() - t0;
                } else {
                    layers[i].backward(kernels, params, acts[i], acts[i + 1], dy, target, grad, b, scratch);
                }
                float[] t = dy;
                dy = dx;
                dx = t;
            }
            return loss;
        }
    }
}
